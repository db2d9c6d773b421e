package io.kerasj.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Runs an action with the process's standard error (file descriptor 2, which native code writes to) sent to a
 * temporary file, then writes what was captured back to standard error, less the lines a filter drops. Nothing else
 * written meanwhile, by Java or native code, is lost. Where the POSIX calls are not available (Windows), the action
 * simply runs.
 */
final class StandardErrorCapture {

    private static final int STDERR = 2;
    private static final int O_WRONLY = 1;
    private static final Pattern KEEP_LINE_ENDS = Pattern.compile("(?<=\n)");

    /** The POSIX file-descriptor calls. */
    interface Posix extends Library {
        int dup(int fd);

        int dup2(int oldFd, int newFd);

        int open(String path, int flags);

        int close(int fd);
    }

    private StandardErrorCapture() {
    }

    /** Runs {@code action}; native and Java output to standard error meanwhile is replayed less {@code drop}. */
    static void runFiltered(Runnable action, Predicate<String> drop) {
        Posix posix = Platform.isWindows() ? null : loadPosix();
        Path file = null;
        int saved = -1;
        try {
            if (posix != null) {
                file = Files.createTempFile("kerasj-stderr-", ".txt");
                int fd = posix.open(file.toString(), O_WRONLY);
                if (fd >= 0) {
                    System.err.flush();
                    saved = posix.dup(STDERR);
                    if (saved < 0 || posix.dup2(fd, STDERR) < 0) {
                        saved = restore(posix, saved);
                    }
                    posix.close(fd);
                }
            }
            action.run();
        } catch (IOException e) {
            action.run();
        } finally {
            if (saved >= 0) {
                System.err.flush();
                restore(posix, saved);
                replay(file, drop);
            }
            deleteQuietly(file);
        }
    }

    private static int restore(Posix posix, int saved) {
        if (saved >= 0) {
            posix.dup2(saved, STDERR);
            posix.close(saved);
        }
        return -1;
    }

    private static void replay(Path file, Predicate<String> drop) {
        try {
            StringBuilder kept = new StringBuilder();
            for (String line : KEEP_LINE_ENDS.split(Files.readString(file, StandardCharsets.UTF_8))) {
                if (!line.isEmpty() && !drop.test(line)) {
                    kept.append(line);
                }
            }
            if (kept.length() > 0) {
                System.err.print(kept);
                System.err.flush();
            }
        } catch (IOException e) {
            System.getLogger("io.kerasj.runtime").log(System.Logger.Level.WARNING,
                    "could not read back standard error captured in " + file + ": " + e);
        }
    }

    private static Posix loadPosix() {
        try {
            return Native.load("c", Posix.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file in the system temp folder is harmless
            }
        }
    }
}
