package io.kerasj.saving.keras;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The three members of a {@code .keras} archive, read as untrusted input: every entry name must stay inside the
 * archive, the number of entries and each member's size are bounded, a member may not expand more than
 * {@link Limits#MAX_EXPANSION} times (Keras's own zip-bomb guard), and sizes are counted while inflating rather
 * than taken from the headers. The weights are copied to a private temporary file, deleted on {@link #close()}.
 */
final class KerasArchive implements AutoCloseable {
    static final String CONFIG = "config.json";
    static final String METADATA = io.kerasj.io.OwnedOutputs.KERAS_METADATA;
    /** What {@code metadata.json}'s {@code written_by} says in the files KerasJ writes. */
    static final String WRITER = io.kerasj.io.OwnedOutputs.KERAS_FILE_WRITER;
    static final String WEIGHTS = "model.weights.h5";

    private final String config;
    private final String metadata;
    private final Path weights;

    private KerasArchive(String config, String metadata, Path weights) {
        this.config = config;
        this.metadata = metadata;
        this.weights = weights;
    }

    /**
     * @param file a {@code .keras} file
     * @return its members
     * @throws KerasFileException when it is not a zip, lacks a member or breaks a bound
     */
    static KerasArchive open(Path file) {
        String name = file.toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > Limits.MAX_ZIP_ENTRIES) {
                throw new KerasFileException(name + ": the archive has " + zip.size() + " entries, expected at most " + Limits.MAX_ZIP_ENTRIES);
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                checkName(name, entries.nextElement().getName());
            }
            ZipEntry configEntry = required(zip, name, CONFIG);
            ZipEntry weightsEntry = zip.getEntry(WEIGHTS);
            if (weightsEntry == null) {
                throw new KerasFileException(name + ": the archive has no " + WEIGHTS
                        + (zip.getEntry("model.weights.npz") != null ? " (its weights are .npz, which KerasJ does not read)" : "")
                        + ": expected a model saved by Keras 3's model.save('m.keras')");
            }
            String config = text(zip, name, configEntry);
            ZipEntry metadataEntry = zip.getEntry(METADATA);
            String metadata = metadataEntry == null ? "{}" : text(zip, name, metadataEntry);
            Path weights = WeightsTempFile.create();
            try (OutputStream out = Files.newOutputStream(weights)) {
                copy(zip, name, weightsEntry, out, Limits.MAX_WEIGHTS_BYTES);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(weights);
                throw e;
            }
            return new KerasArchive(config, metadata, weights);
        } catch (ZipException e) {
            throw new KerasFileException(name + ": not a .keras archive (" + e.getMessage() + "): expected a zip of config.json, metadata.json and model.weights.h5", e);
        } catch (IOException e) {
            throw new KerasFileException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void checkName(String file, String entry) {
        String n = entry.replace('\\', '/');
        boolean outside = n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.equals("..") || n.startsWith("../")
                || n.contains("/../") || n.endsWith("/..") || n.indexOf('\0') >= 0;
        if (outside || !n.equals(entry)) {
            throw new KerasFileException(file + ": archive entry '" + entry + "' points outside the archive: refused");
        }
    }

    private static ZipEntry required(ZipFile zip, String file, String member) {
        ZipEntry e = zip.getEntry(member);
        if (e == null) {
            throw new KerasFileException(file + ": the archive has no " + member + ": expected a model saved by Keras 3's model.save('m.keras')");
        }
        return e;
    }

    private static String text(ZipFile zip, String file, ZipEntry entry) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        copy(zip, file, entry, out, Limits.MAX_JSON_BYTES);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void copy(ZipFile zip, String file, ZipEntry entry, OutputStream out, long limit) throws IOException {
        long declared = entry.getSize();
        if (declared > limit) {
            throw new KerasFileException(file + ": " + entry.getName() + " declares " + declared + " bytes, expected at most " + limit);
        }
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long maxBytes = Math.min(limit, Math.max(Limits.BOMB_FLOOR_BYTES, compressed * Limits.MAX_EXPANSION));
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new KerasFileException(file + ": " + entry.getName() + " expands beyond " + maxBytes + " bytes from "
                            + entry.getCompressedSize() + " stored: refused as a possible zip bomb");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** @return config.json's text */
    String config() {
        return config;
    }

    /** @return metadata.json's text ({@code {}} when absent) */
    String metadata() {
        return metadata;
    }

    /** @return the temporary copy of model.weights.h5 */
    Path weights() {
        return weights;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(weights);
        } catch (IOException ignored) {
            // a leftover file in the temporary directory
        }
    }
}
