package io.kerasj.saving.keras;

import io.jhdf.HdfFile;
import io.kerasj.KerasJException;
import io.kerasj.io.IoMessages;
import io.kerasj.io.OutputKind;
import io.kerasj.io.Publication;
import io.kerasj.layers.Layer;
import io.kerasj.models.Model;
import io.kerasj.runtime.QuietSlf4j;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keras's {@code model.save_weights(path)} and {@code model.load_weights(path)}: Keras 3's {@code .weights.h5} (the
 * layout of {@code model.weights.h5} inside a {@code .keras}), the weights of a {@code .keras} archive, and legacy
 * {@code .h5} weight files (Keras 2's {@code save_weights}, Keras Applications' ImageNet files), which Keras 3 loads
 * by layer order ({@code legacy_h5_format.load_weights_from_hdf5_group}) or, with {@code by_name}, by layer name.
 * Files are untrusted: each declared shape is checked against the model's weights before a value is read.
 */
public final class KerasWeightFiles {
    private static final System.Logger LOG = System.getLogger("io.kerasj.saving");
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    static {
        QuietSlf4j.initialize();
    }

    private KerasWeightFiles() {
    }

    /**
     * {@code model.save_weights(path, overwrite)}: Keras 3's {@code .weights.h5}, built beside the target and
     * published whole under the target's lock; an existing file is replaced only with {@code overwrite} and only when
     * KerasJ wrote it.
     *
     * @param model the model
     * @param file a path whose name ends in {@code .weights.h5}
     * @param overwrite whether a {@code .weights.h5} file KerasJ wrote may be replaced
     * @throws IllegalArgumentException when the name does not end in {@code .weights.h5} (Keras's message)
     * @throws io.kerasj.io.OutputRefusedException when the target may not be written; nothing is touched
     * @throws KerasJException when another run writes it or writing fails (an existing file then stays intact)
     */
    public static void save(Model model, Path file, boolean overwrite) {
        if (file.getFileName() == null || !file.getFileName().toString().endsWith(".weights.h5")) {
            throw new IllegalArgumentException("The filename must end in `.weights.h5`. Received: filepath=" + file);
        }
        try (Publication publication = Publication.begin(file, OutputKind.WEIGHTS_FILE, overwrite, KerasFiles.OVERWRITE_ARGUMENT)) {
            try {
                KerasWeightsWriter.write(model, publication.staged(), true);
            } catch (KerasJException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new KerasFileException(file + ": cannot save the weights: " + IoMessages.describe(e), e);
            }
            publication.commit();
        }
    }

    /**
     * {@code model.load_weights(path, skip_mismatch=..., by_name=...)}, chosen by the name as Keras does:
     * {@code .keras} and {@code .weights.h5} by Keras 3's layout, {@code .h5}/{@code .hdf5} by layer order (or name).
     *
     * @param model the model, built (its layers have their weights)
     * @param file the weights file
     * @param skipMismatch skip, with a warning, what does not fit instead of failing: in a legacy {@code .h5} the
     *     weights whose shape (or, by name, whose count) differs; in Keras 3's layout the layers whose weights differ
     * @param byName legacy {@code .h5} only: match layers by name, skipping those the file lacks
     * @param warnings receives one line per skipped weight or layer
     * @throws KerasJException in one line naming the file and what was wrong; the model's weights are then unchanged
     */
    public static void load(Model model, Path file, boolean skipMismatch, boolean byName, Consumer<String> warnings) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean keras = name.endsWith(".keras");
        boolean weightsH5 = name.endsWith(".weights.h5");
        boolean legacy = !weightsH5 && (name.endsWith(".h5") || name.endsWith(".hdf5"));
        if (!keras && !weightsH5 && !legacy) {
            throw new IllegalArgumentException("File format not supported: filepath=" + file
                    + ". Keras 3 only supports V3 `.keras` and `.weights.h5` files, or legacy V1/V2 `.h5` files.");
        }
        if (byName && !legacy) {
            throw new IllegalArgumentException("`by_name` only supports loading legacy '.h5' or '.hdf5' files. Received: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new KerasFileException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file")
                    + ": expected a weights file");
        }
        String where = file.toString();
        Consumer<String> warn = warnings == null ? m -> LOG.log(System.Logger.Level.WARNING, m) : warnings;
        Consumer<String> skipped = skipMismatch ? warn : null;
        if (keras) {
            try (KerasArchive archive = KerasArchive.open(file)) {
                loadKerasLayout(where, archive.weights(), model, skipped);
            }
            return;
        }
        requireHdf5(file);
        if (weightsH5) {
            loadKerasLayout(where, file, model, skipped);
            return;
        }
        Map<Layer, List<NamedArray>> weights;
        try (HdfFile h5 = new HdfFile(file)) {
            weights = LegacyWeightsReader.read(where, h5, model, skipMismatch, byName, warn);
        } catch (KerasJException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KerasFileException(where + ": not a readable HDF5 file: " + firstLine(e), e);
        }
        ModelBuilder.copyWeights(where, model, weights);
    }

    private static void loadKerasLayout(String file, Path h5Path, Model model, Consumer<String> skipped) {
        ModelConfig config = ModelConfig.parse(file, KerasConfigWriter.write(model, file));
        Map<Layer, List<NamedArray>> weights;
        try (HdfFile h5 = new HdfFile(h5Path)) {
            weights = KerasWeightsReader.read(file, h5, config, model, skipped);
        } catch (KerasJException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KerasFileException(file + ": not a readable HDF5 file: " + firstLine(e), e);
        }
        ModelBuilder.copyWeights(file, model, weights);
    }

    private static void requireHdf5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(8), HDF5_MAGIC)) {
                throw new KerasFileException(file + ": not an HDF5 file: expected weights saved by Keras's save_weights");
            }
        } catch (IOException e) {
            throw new KerasFileException(file + ": cannot read: " + IoMessages.describe(e), e);
        }
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }
}
