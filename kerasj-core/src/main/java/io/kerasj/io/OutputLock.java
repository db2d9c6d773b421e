package io.kerasj.io;

import io.kerasj.KerasJException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * An exclusive claim on one output path, held from the argument checks until the output is published, so that of
 * two runs aimed at the same target one proceeds and the other fails at once. It is an OS file lock
 * ({@link FileChannel#tryLock()}) on a file in the system temporary folder named by the target's path, so no lock
 * file lies beside the user's files and the lock disappears with the process, even after {@code kill -9}.
 * Within one process the lock is re-entrant for the thread that holds it and refused to other threads.
 */
public final class OutputLock implements AutoCloseable {
    private static final Map<String, Held> HELD = new HashMap<>();

    private final String key;
    private boolean closed;

    private OutputLock(String key) {
        this.key = key;
    }

    /** One OS lock and who holds it in this process. */
    private static final class Held {
        final Thread owner;
        final FileChannel channel;
        final FileLock lock;
        int count = 1;

        Held(Thread owner, FileChannel channel, FileLock lock) {
            this.owner = owner;
            this.channel = channel;
            this.lock = lock;
        }
    }

    /**
     * @param target the output path to claim
     * @return the claim; close it to release
     * @throws KerasJException when another run holds it, or the lock cannot be taken
     */
    public static OutputLock acquire(Path target) {
        String key = keyOf(target);
        synchronized (HELD) {
            Held held = HELD.get(key);
            if (held != null) {
                if (held.owner != Thread.currentThread()) {
                    throw busy(target);
                }
                held.count++;
                return new OutputLock(key);
            }
            Path file = lockFolder().resolve(key + ".lock");
            try {
                Files.createDirectories(file.getParent());
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    throw busy(target);
                }
                HELD.put(key, new Held(Thread.currentThread(), channel, lock));
                return new OutputLock(key);
            } catch (IOException e) {
                throw new KerasJException(target + ": cannot take the lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param target an output path
     * @return true when this thread holds its lock
     */
    public static boolean heldByThisThread(Path target) {
        synchronized (HELD) {
            Held held = HELD.get(keyOf(target));
            return held != null && held.owner == Thread.currentThread();
        }
    }

    private static KerasJException busy(Path target) {
        return new KerasJException(target + ": another KerasJ run is writing it now; wait for it to end or choose another path");
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(key);
            if (held != null && --held.count == 0) {
                HELD.remove(key);
                try {
                    held.lock.release();
                    held.channel.close();
                } catch (IOException ignored) {
                    // closing the channel releases the lock in any case
                }
            }
        }
    }

    private static Path lockFolder() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "kerasj-locks-" + user);
    }

    /** The target's absolute path with symbolic links of its existing part resolved, hashed. */
    private static String keyOf(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Path canonical = absolute;
        if (existing != null) {
            try {
                canonical = existing.toRealPath().resolve(existing.relativize(absolute));
            } catch (IOException e) {
                canonical = absolute;
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
