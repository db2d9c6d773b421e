package io.kerasj.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a fixture folder once per Maven run, whichever test JVM asks first: the test JVMs of one run (surefire's
 * forks, and the modules that {@code mvn -T 2} builds side by side) share it.
 *
 * <p>The build passes the run's start time as the system property {@code kerasj.run} to every test JVM (surefire's
 * configuration in the parent pom). A JVM that needs the folder takes an exclusive lock on the file {@code NAME.lock}
 * beside it (a {@link FileChannel} lock, which holds across JVMs), reads the stamp file {@value #STAMP} in the folder,
 * and makes the folder only where the stamp is not this run's; the other JVMs wait on the lock meanwhile, then find the
 * stamp and reuse the folder. Without the property (a test started from an IDE) the folder is made afresh once per
 * JVM; a stamp of another run never counts, so no run reads an earlier run's files.
 */
public final class OncePerRun {
    /** Written in the folder once it is made: the run that made it. */
    static final String STAMP = ".kerasj-run";

    private OncePerRun() {
    }

    /** What makes the folder (a Python script, usually), called with the cross-JVM lock held. */
    @FunctionalInterface
    public interface Maker {
        void make(Path out) throws IOException;
    }

    /**
     * Makes {@code out} with {@code maker} unless a JVM of this run has made it already.
     *
     * @return true where this call made it, false where it was made earlier in this run
     */
    public static boolean make(Path out, Maker maker) {
        String run = System.getProperty("kerasj.run", "");
        Path lockFile = out.resolveSibling(out.getFileName() + ".lock");
        synchronized (OncePerRun.class) { // FileChannel locks are per JVM, not per thread: one thread at a time here
            try {
                Files.createDirectories(out.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    if (madeInRun(out, run)) {
                        return false;
                    }
                    Files.deleteIfExists(out.resolve(STAMP));
                    maker.make(out);
                    if (!run.isBlank()) {
                        Files.createDirectories(out);
                        Files.writeString(out.resolve(STAMP), run);
                    }
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** True where a JVM of the run {@code run} (not blank) made {@code out}. */
    static boolean madeInRun(Path out, String run) {
        try {
            return !run.isBlank() && Files.isRegularFile(out.resolve(STAMP)) && Files.readString(out.resolve(STAMP)).equals(run);
        } catch (IOException e) {
            return false;
        }
    }
}
