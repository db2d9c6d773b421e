package io.kerasj.data;

import io.kerasj.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} format: a zip archive of {@code .npy} files, stored or deflated, as {@code numpy.savez} and
 * {@code numpy.savez_compressed} write it. Each entry is read with {@link Npy}'s strict parser; an entry's sizes
 * are checked against the archive before anything is allocated.
 */
public final class Npz {

    private static final int MAX_ENTRIES = 1024;
    /** Deflate cannot expand data by more than about 1032:1; a larger claimed ratio is a corrupt or hostile archive. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private Npz() {
    }

    /**
     * Reads every array of an archive.
     *
     * @param file an {@code .npz} file
     * @return the arrays by name ({@code x_train} for the entry {@code x_train.npy}), in archive order
     * @throws DatasetException naming the file (and the entry) on any read or format error
     */
    public static Map<String, NpyArray> read(Path file) {
        return read(file, null);
    }

    /**
     * Reads the named arrays of an archive.
     *
     * @param file an {@code .npz} file
     * @param names the arrays wanted, or null for all
     * @return those arrays by name, in archive order
     * @throws DatasetException naming the file on any read or format error, or when a wanted array is missing
     */
    public static Map<String, NpyArray> read(Path file, List<String> names) {
        if (Files.isDirectory(file)) {
            throw new DatasetException(file + ": cannot read: expected an .npz file, found a directory", null, file);
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": cannot read: expected a file, found none", null, file);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> found = entryNames(zip, file);
            if (names != null && !found.containsAll(names)) {
                List<String> missing = new ArrayList<>(names);
                missing.removeAll(found);
                throw new DatasetException(file + ": expected the arrays " + String.join(", ", names) + ", found "
                        + (found.isEmpty() ? "none" : String.join(", ", found)) + " (missing " + String.join(", ", missing) + ")");
            }
            long archiveSize = Files.size(file);
            for (String name : found) {
                if (names == null || names.contains(name)) {
                    arrays.put(name, readEntry(zip, zip.getEntry(name + ".npy"), archiveSize, file));
                }
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": cannot read: expected a file, found none", e, file);
        } catch (AccessDeniedException e) {
            throw new DatasetException(file + ": cannot read: permission denied", e, file);
        } catch (ZipException e) {
            throw new DatasetException(file + ": expected an .npz (zip) archive, found a corrupt one (" + e.getMessage() + ")", e, file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e, file);
        } catch (DatasetException e) {
            throw e.inFile(file);
        }
        return arrays;
    }

    /**
     * Reads an archive that holds exactly one array, as {@code numpy.savez(file, x)} writes it.
     *
     * @param file an {@code .npz} file
     * @return its only array
     * @throws DatasetException naming the file when it holds another number of arrays, or on any error
     */
    public static NpyArray readOnly(Path file) {
        Map<String, NpyArray> all = read(file);
        if (all.size() != 1) {
            throw new DatasetException(file + ": expected one array, found " + all.size() + " (" + String.join(", ", all.keySet()) + ")", null, file);
        }
        return all.values().iterator().next();
    }

    private static List<String> entryNames(ZipFile zip, Path file) {
        List<String> names = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (names.size() == MAX_ENTRIES) {
                throw new DatasetException(file + ": expected at most " + MAX_ENTRIES + " arrays, found more");
            }
            String name = entry.getName();
            if (entry.isDirectory() || !name.endsWith(".npy") || name.length() == 4) {
                throw new DatasetException(file + ": expected only .npy entries, found '" + name + "'");
            }
            String key = name.substring(0, name.length() - 4);
            if (names.contains(key)) {
                throw new DatasetException(file + ": expected each array once, found '" + name + "' twice");
            }
            names.add(key);
        }
        return names;
    }

    private static NpyArray readEntry(ZipFile zip, ZipEntry entry, long archiveSize, Path file) throws IOException {
        String source = file + ":" + entry.getName();
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size < 0 || compressed < 0 || compressed > archiveSize) {
            throw new DatasetException(source + ": expected entry sizes within the " + archiveSize + "-byte archive, found "
                    + size + " bytes (" + compressed + " compressed)");
        }
        boolean stored = entry.getMethod() == ZipEntry.STORED;
        if (stored ? size != compressed : size > compressed * MAX_DEFLATE_RATIO + 1024) {
            throw new DatasetException(source + ": expected an entry size consistent with its " + compressed
                    + " compressed bytes, found " + size + " bytes");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Npy.read(in, size, source);
        } catch (ZipException e) {
            throw new DatasetException(source + ": corrupt entry: " + e.getMessage(), e);
        }
    }

    /**
     * Writes arrays as an {@code .npz} archive, as {@code numpy.savez} (stored) or {@code numpy.savez_compressed}
     * (deflated) does, through a temporary file renamed into place.
     *
     * @param file the file to create or replace
     * @param arrays the arrays by name; {@code x_train} becomes the entry {@code x_train.npy}
     * @param compressed true to deflate the entries
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path write(Path file, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        return AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NpyArray> array : arrays.entrySet()) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                Npy.writeTo(bytes, array.getValue());
                byte[] content = bytes.toByteArray();
                ZipEntry entry = new ZipEntry(array.getKey() + ".npy");
                if (!compressed) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(content.length);
                    entry.setCompressedSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}
