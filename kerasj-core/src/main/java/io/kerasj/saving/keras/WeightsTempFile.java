package io.kerasj.saving.keras;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary {@code kerasj-weights-<pid>-<n>.h5} files of loading and saving {@code .keras} archives. A process
 * killed while it held one (a load stopped in a hang, {@code kill -9}) leaves it behind; the pid in the name lets the
 * next run delete those whose process is gone, as {@link io.kerasj.io.Publication} recovers its staging folders.
 */
final class WeightsTempFile {
    static final String PREFIX = "kerasj-weights-";
    static final String SUFFIX = ".h5";
    private static final Pattern WITH_PID = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,19})-\\d+" + Pattern.quote(SUFFIX));
    /** Names from before the pid was recorded: deleted once surely stale. */
    private static final Pattern WITHOUT_PID = Pattern.compile(Pattern.quote(PREFIX) + "\\d+" + Pattern.quote(SUFFIX));
    private static final Duration STALE_WITHOUT_PID = Duration.ofDays(1);
    /** Entries looked at per sweep: a temporary folder full of such names must not make a load slow. */
    private static final int MAX_SWEPT = 10_000;

    private WeightsTempFile() {
    }

    /**
     * Deletes the leftovers of dead processes, then creates a new empty temporary file for this process.
     *
     * @return the new file
     * @throws IOException when it cannot be created
     */
    static Path create() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        sweep(dir);
        return Files.createTempFile(dir, PREFIX + ProcessHandle.current().pid() + "-", SUFFIX);
    }

    /**
     * @param dir a temporary folder
     * @return how many leftovers were deleted
     */
    static int sweep(Path dir) {
        int deleted = 0;
        int seen = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path entry : entries) {
                if (++seen > MAX_SWEPT) {
                    break;
                }
                if (isLeftover(entry) && deleteQuietly(entry)) {
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning is best effort: the temporary folder may be unreadable or change meanwhile
        }
        return deleted;
    }

    private static boolean isLeftover(Path entry) throws IOException {
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String name = entry.getFileName().toString();
        Matcher m = WITH_PID.matcher(name);
        if (m.matches()) {
            long pid;
            try {
                pid = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return false;
            }
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        if (WITHOUT_PID.matcher(name).matches()) {
            Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
            return modified.isBefore(Instant.now().minus(STALE_WITHOUT_PID));
        }
        return false;
    }

    private static boolean deleteQuietly(Path entry) {
        try {
            return Files.deleteIfExists(entry);
        } catch (IOException e) {
            return false; // another user's file in a shared folder, or already gone
        }
    }
}
