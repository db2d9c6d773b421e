package io.kerasj.spark;

import io.kerasj.KerasJException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * How a SavedModel reaches the executors: by path (a folder every executor can read: a shared file system, or the
 * same path on every node) or as bytes (the folder zipped on the driver and broadcast; each executor unpacks it
 * once into a temporary folder named by the content's SHA-256). {@link #key()} names the model in the per-JVM
 * cache: the absolute path, or the content hash.
 */
public final class ModelSource implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final byte[] zipped;
    private final String key;

    private ModelSource(String path, byte[] zipped, String key) {
        this.path = path;
        this.zipped = zipped;
        this.key = key;
    }

    /**
     * @param dir a SavedModel folder readable at this path on every executor
     * @return a source that sends only the path
     */
    public static ModelSource path(Path dir) {
        String absolute = dir.toAbsolutePath().normalize().toString();
        return new ModelSource(absolute, null, "path:" + absolute);
    }

    /**
     * @param dir a SavedModel folder on the driver
     * @return a source holding the folder's files, zipped, to broadcast
     * @throws KerasJException when the folder cannot be read
     */
    public static ModelSource bytes(Path dir) {
        try {
            byte[] zip = zip(dir);
            return new ModelSource(null, zip, "sha256:" + sha256(zip));
        } catch (IOException e) {
            throw new KerasJException(dir + " could not be read to broadcast: " + e.getMessage(), e);
        }
    }

    /** @return the cache key: {@code path:/abs/dir} or {@code sha256:...} */
    public String key() {
        return key;
    }

    /** @return true when the model travels as bytes */
    public boolean isBytes() {
        return zipped != null;
    }

    /**
     * @return the folder to load on this JVM: the path, or the bytes unpacked (once per JVM and content) under
     *         {@code java.io.tmpdir}
     */
    Path materialize() {
        if (zipped == null) {
            return Path.of(path);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "kerasj-models", key.substring("sha256:".length()));
        if (Files.isDirectory(dir)) {
            return dir;
        }
        try {
            Files.createDirectories(dir.getParent());
            Path staging = Files.createTempDirectory(dir.getParent(), ".unpack-");
            unzip(zipped, staging);
            try {
                Files.move(staging, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
                // another JVM on this node unpacked the same content first
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("the broadcast model " + key + " could not be unpacked: " + e.getMessage(), e);
        }
    }

    private static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                ZipEntry entry = new ZipEntry(dir.relativize(f).toString().replace('\\', '/'));
                entry.setTime(0); // the same folder gives the same bytes, hence the same key
                zip.putNextEntry(entry);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void unzip(byte[] zipped, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry " + e.getName() + " points outside the model folder");
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target);
            }
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
