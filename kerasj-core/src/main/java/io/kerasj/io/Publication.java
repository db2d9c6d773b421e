package io.kerasj.io;

import io.kerasj.KerasJException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes one output whole: it is built complete in a hidden staging folder beside the target, then moved into
 * place by renames that never replace. With {@code overwrite}, the previous output is first moved into the staging
 * folder and deleted only once the new one is in place.
 *
 * <p>An output may have companions published with it, e.g. the {@code DIR.json} report beside a SavedModel. The
 * staging folder records, before the first rename, that the new output is complete; if the process dies between
 * renames, the next KerasJ run that claims the same target completes the publication. Staging folders without that
 * record are deleted by that run, and only those KerasJ recognises (by their marker) are touched. The whole
 * publication holds the target's {@link OutputLock}, from {@link #begin} to {@link #close}.
 */
public final class Publication implements AutoCloseable {
    private static final String STAGING_INFIX = ".kerasj-tmp-";
    private static final String STAGING_MARKER = ".kerasj-staging";
    private static final String COMMIT_MARKER = ".kerasj-commit";
    private static final String OLD = ".kerasj-old";

    private final Path target;
    private final Path staging;
    private final List<String> entries;
    private final OutputLock lock;
    private final Runnable recheck;
    private boolean committed;

    private Publication(Path target, Path staging, List<String> entries, OutputLock lock, Runnable recheck) {
        this.target = target;
        this.staging = staging;
        this.entries = entries;
        this.lock = lock;
        this.recheck = recheck;
    }

    /**
     * Claims {@code target}, checks it may be written, finishes or removes what killed runs left for it, and creates
     * the staging folder; all before any work, so a refusal touches nothing.
     *
     * @param target the output path
     * @param kind what it will hold
     * @param overwrite whether an existing KerasJ output of that kind may be replaced
     * @param flag how the user asks for overwriting, for messages
     * @param companionSuffixes suffixes of sibling files published with it (e.g. {@code ".json"} for {@code DIR.json})
     * @return the publication; build {@link #staged()} (and its companions), then {@link #commit()}
     * @throws OutputRefusedException when the target (or a companion) may not be written
     * @throws KerasJException when another run holds the target or the staging folder cannot be created
     */
    public static Publication begin(Path target, OutputKind kind, boolean overwrite, String flag, String... companionSuffixes) {
        Path absolute = target.toAbsolutePath().normalize();
        Runnable check = () -> {
            OwnedOutputs.checkWritable(target, kind, overwrite, flag);
            for (String suffix : companionSuffixes) {
                OwnedOutputs.checkWritable(absolute.resolveSibling(absolute.getFileName() + suffix), OutputKind.REPORT, overwrite, flag);
            }
        };
        check.run();
        List<String> entries = new ArrayList<>();
        entries.add(absolute.getFileName().toString());
        for (String suffix : companionSuffixes) {
            entries.add(absolute.getFileName() + suffix);
        }
        OutputLock lock = OutputLock.acquire(absolute);
        try {
            recover(absolute);
            check.run(); // again, now that no other KerasJ run can publish it: one may have finished meanwhile
            Path staging = absolute.resolveSibling("." + absolute.getFileName() + STAGING_INFIX
                    + ProcessHandle.current().pid() + "-" + System.nanoTime());
            try {
                Files.createDirectories(absolute.getParent());
                Files.createDirectory(staging);
                Files.write(staging.resolve(STAGING_MARKER), entries);
            } catch (IOException e) {
                deleteStaging(staging);
                throw new KerasJException(target + ": cannot write beside it in " + absolute.getParent() + ": "
                        + IoMessages.describe(e), e);
            }
            return new Publication(absolute, staging, entries, lock, check);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** @return where to build the output (a path that does not exist yet, in the staging folder) */
    public Path staged() {
        return staging.resolve(entries.get(0));
    }

    /** @return the path the output is published at */
    public Path target() {
        return target;
    }

    /**
     * Moves the complete output (and its companions) into place; an existing one is replaced and then deleted.
     *
     * @throws OutputRefusedException when the target is no longer writable (something else appeared there)
     * @throws KerasJException when the output cannot be moved into place (the previous output is then kept)
     */
    public void commit() {
        recheck.run(); // something other than KerasJ may have put a file there since begin
        try {
            for (String entry : entries) {
                if (!Files.exists(staging.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
                    throw new KerasJException(target + ": the staged output lacks " + entry);
                }
            }
            AtomicFiles.writeString(staging.resolve(COMMIT_MARKER), String.join("\n", entries) + "\n");
        } catch (IOException e) {
            throw new KerasJException(target + ": cannot publish it: " + IoMessages.describe(e), e);
        }
        try {
            rollForward(staging, target.getParent(), entries);
        } catch (IOException e) {
            rollBack(staging, target.getParent(), entries);
            throw new KerasJException(target + ": cannot move it into place: " + IoMessages.describe(e), e);
        }
        committed = true;
        deleteStaging(staging);
    }

    /** Deletes the staging folder if the output was not published, and releases the target. */
    @Override
    public void close() {
        try {
            if (!committed) {
                discard(staging, target.getParent(), entries);
            }
        } finally {
            lock.close();
        }
    }

    /**
     * Finishes the publications of {@code target} that a killed run had committed, and deletes the staging folders of
     * runs killed earlier. The caller holds the target's lock, so no live KerasJ run owns those folders.
     *
     * @param target an output path whose lock this thread holds
     */
    public static void recover(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (!OutputLock.heldByThisThread(absolute)) {
            throw new IllegalStateException(target + ": recover needs the target's lock");
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + absolute.getFileName() + STAGING_INFIX;
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            siblings.forEach(leftovers::add);
        } catch (IOException e) {
            return;
        }
        for (Path leftover : leftovers) {
            if (!Files.isDirectory(leftover, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Files.isRegularFile(leftover.resolve(STAGING_MARKER), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.delete(leftover); // a run killed before writing its marker leaves it empty; deleting loses nothing
                } catch (IOException e) {
                    // not empty: not recognisably KerasJ's, left alone
                }
                continue;
            }
            try {
                Path commit = leftover.resolve(COMMIT_MARKER);
                if (Files.isRegularFile(commit)) {
                    rollForward(leftover, parent, lines(commit));
                    deleteStaging(leftover);
                } else {
                    discard(leftover, parent, lines(leftover.resolve(STAGING_MARKER)));
                }
            } catch (IOException e) {
                throw new KerasJException(target + ": cannot finish the publication left by a stopped run in " + leftover
                        + ": " + IoMessages.describe(e), e);
            }
        }
    }

    /** Moves each old entry aside into the staging folder, then each new one into place; safe to repeat. */
    private static void rollForward(Path staging, Path parent, List<String> entries) throws IOException {
        Path old = staging.resolve(OLD);
        for (String entry : entries) {
            Path placed = parent.resolve(entry);
            if (Files.exists(staging.resolve(entry), LinkOption.NOFOLLOW_LINKS) && Files.exists(placed, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(old);
                if (!Files.exists(old.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(placed, old.resolve(entry));
                }
            }
        }
        for (String entry : entries) {
            Path fresh = staging.resolve(entry);
            if (Files.exists(fresh, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(fresh, parent.resolve(entry));
            }
        }
    }

    /**
     * Deletes a staging folder with its marker last, so that a run killed while deleting it leaves a folder still
     * recognised as KerasJ's, which the next run deletes.
     */
    private static void deleteStaging(Path staging) {
        Path marker = staging.resolve(STAGING_MARKER);
        try (java.util.stream.Stream<Path> paths = Files.walk(staging)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(marker) && !p.equals(staging)) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(marker);
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            // left for the next run that claims the target
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(s -> !s.isBlank()).toList();
    }

    /**
     * Deletes an unpublished staging folder, after putting back any previous output moved into it; a staging folder
     * still holding a previous output that cannot be put back is kept.
     */
    private static void discard(Path staging, Path parent, List<String> entries) {
        Path old = staging.resolve(OLD);
        for (String entry : entries) {
            try {
                if (Files.exists(old.resolve(entry), LinkOption.NOFOLLOW_LINKS) && !Files.exists(parent.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(old.resolve(entry), parent.resolve(entry));
                }
            } catch (IOException ignored) {
                // kept in the staging folder below
            }
        }
        try (DirectoryStream<Path> left = Files.newDirectoryStream(old)) {
            if (left.iterator().hasNext()) {
                return;
            }
        } catch (IOException ignored) {
            // no old folder: nothing to keep
        }
        deleteStaging(staging);
    }

    /** Undoes a failed {@link #rollForward}: new entries back into staging, old ones back into place. */
    private static void rollBack(Path staging, Path parent, List<String> entries) {
        Path old = staging.resolve(OLD);
        for (String entry : entries) {
            try {
                if (Files.exists(old.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.exists(parent.resolve(entry), LinkOption.NOFOLLOW_LINKS) && !Files.exists(staging.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(parent.resolve(entry), staging.resolve(entry));
                    }
                    Files.move(old.resolve(entry), parent.resolve(entry));
                }
            } catch (IOException ignored) {
                // keep undoing the others; the staging folder holds whatever could not be put back
            }
        }
        try {
            Files.deleteIfExists(staging.resolve(COMMIT_MARKER));
        } catch (IOException ignored) {
            // the next run then finishes the publication instead
        }
    }
}
