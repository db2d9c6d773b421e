package io.kerasj.saving.keras;

import io.kerasj.saving.savedmodel.KerasModelImport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.kerasj.io.IoMessages;
import io.kerasj.io.OutputKind;
import io.kerasj.io.Publication;
import io.kerasj.KerasJException;
import io.kerasj.io.OutputRefusedException;
import io.kerasj.layers.Layer;
import io.kerasj.models.Model;
import io.kerasj.runtime.QuietSlf4j;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Keras's {@code load_model} and {@code model.save} for files: builds a trainable KerasJ {@link Model} (a
 * Sequential, or a functional model of any graph: several inputs and outputs, shared layers, nested models) from a
 * {@code .keras} archive (Keras 3, or KerasJ's own), a legacy {@code .h5} (Keras 2.2.4 to 2.15, or Keras 3's
 * {@code model.save('m.h5')}) or a Keras 2 SavedModel folder with {@code keras_metadata.pb}; and writes a Sequential or functional model as a
 * {@code .keras} archive that Keras 3's {@code keras.models.load_model} opens.
 *
 * <p>Files are untrusted: see {@link KerasArchive} and {@link SafeMode}. The file's kind is read from its first bytes
 * (zip or HDF5), not from its suffix.
 */
public final class KerasFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger("io.kerasj.saving");
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    static {
        QuietSlf4j.initialize();   // before jHDF, which every .keras and .h5 read and write here reaches
    }

    private KerasFiles() {
    }

    /**
     * {@code keras.models.load_model(path)} with seed 0. What could not be restored (compile settings, optimizer state
     * KerasJ lacks) is logged as a warning through {@link System.Logger} {@code io.kerasj.saving}, which the
     * application routes (java.util.logging by default, or SLF4J / Log4j through their {@code System.LoggerFinder}).
     *
     * @param path a {@code .keras} or {@code .h5} file, or a SavedModel folder with keras_metadata.pb
     * @return the model, compiled when the file holds compile settings KerasJ has; close it when done
     */
    public static Model load(Path path) {
        return load(path, KerasLoadOptions.defaults());
    }

    /**
     * @param path a {@code .keras} or {@code .h5} file, or a SavedModel folder with keras_metadata.pb
     * @param seed the Java model's seed (shuffling and dropout masks when fine-tuned)
     * @param warnings receives one line per setting that could not be restored (the model then is not compiled)
     * @return the model, with the file's weights and, when possible, its compile settings
     * @throws KerasJException with one line naming the file and what was wrong
     */
    public static Model load(Path path, long seed, Consumer<String> warnings) {
        return load(path, KerasLoadOptions.defaults().seed(seed).warnings(warnings));
    }

    /**
     * {@code keras.models.load_model(path, safe_mode=...)}. Custom layer classes load when the program registered
     * them ({@link io.kerasj.saving.ObjectRegistration}, or a jar's {@link io.kerasj.saving.CustomObjects}).
     *
     * @param path a {@code .keras} or {@code .h5} file, or a SavedModel folder with keras_metadata.pb
     * @param options safe mode, the model's seed, where warnings go
     * @return the model, with the file's weights and, when possible, its compile settings
     * @throws KerasJException with one line naming the file and what was wrong
     */
    public static Model load(Path path, KerasLoadOptions options) {
        long seed = options.seed();
        Consumer<String> warnings = options.warnings();
        boolean safeMode = options.safeMode();
        if (Files.isDirectory(path)) {
            if (!Files.exists(path.resolve("keras_metadata.pb"))) {
                throw new KerasFileException(path + ": a SavedModel without keras_metadata.pb (Keras 3's model.export, KerasJ's"
                        + " export) holds no Keras architecture to rebuild a trainable model from: save it as .keras"
                        + " (model.save('m.keras')) to fine-tune it; kerasj predict and KerasSavedModel run it as it is");
            }
            try (KerasSavedModel savedModel = KerasSavedModel.load(path)) {
                return KerasModelImport.toSequential(savedModel, seed);
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new KerasFileException(path + ": " + (Files.exists(path) ? "not a regular file (a FIFO, socket or device)" : "no such file")
                    + ": expected a .keras or .h5 model file, or a SavedModel folder");
        }
        return switch (kind(path)) {
            case ZIP -> loadKeras(path, seed, warnings, safeMode);
            case HDF5 -> loadLegacyH5(path, seed, warnings, safeMode);
            case OTHER -> throw new KerasFileException(path + ": neither a zip (.keras) nor an HDF5 (.h5) file: expected a model"
                    + " saved with Keras's model.save('m.keras') or model.save('m.h5')");
        };
    }

    private enum Kind { ZIP, HDF5, OTHER }

    /**
     * Keras's {@code keras.models.clone_model(model)}: a new model of the same architecture, made of new layers from
     * the model's config (same names, arguments and {@code trainable} flags), with fresh weights drawn from the model's
     * seed, and not compiled. The model is left as it is; copy its weights with
     * {@code clone.setWeights(model.getWeights())} as Keras users do.
     *
     * @param model a Sequential or functional model whose layers all have a {@code .keras} format
     * @return the clone; close it when done
     * @throws KerasFileException naming a layer that cannot be written to or rebuilt from a config
     */
    public static Model cloneModel(Model model) {
        String what = "clone_model(" + model.name() + ")";
        JsonNode root = KerasConfigWriter.write(model, what);
        return ModelBuilder.build(what, ModelConfig.parse(what, root), model.seed());
    }

    private static Kind kind(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(8);
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return Kind.ZIP;
            }
            if (Arrays.equals(head, HDF5_MAGIC)) {
                return Kind.HDF5;
            }
            return Kind.OTHER;
        } catch (IOException e) {
            throw new KerasFileException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Model loadKeras(Path path, long seed, Consumer<String> warnings, boolean safeMode) {
        String file = path.toString();
        try (KerasArchive archive = KerasArchive.open(path)) {
            JsonNode root = parse(file, KerasArchive.CONFIG, archive.config());
            if (safeMode) {
                SafeMode.check(file, root);
            }
            ModelConfig config = ModelConfig.parse(file, root);
            Model model = ModelBuilder.build(file, config, seed);
            applyRootTrainable(root, model);
            try {
                Map<Layer, List<NamedArray>> weights;
                List<NamedArray> optimizerState;
                try (HdfFile h5 = new HdfFile(archive.weights())) {
                    weights = KerasWeightsReader.read(file, h5, config, model);
                    optimizerState = KerasWeightsReader.optimizer(file, h5, ModelBuilder.largestWeight(model));
                } catch (KerasJException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // jHDF reports a damaged file with HdfException and plain runtime exceptions alike
                    throw new KerasFileException(file + ": model.weights.h5 is not a readable HDF5 file: " + firstLine(e), e);
                }
                ModelBuilder.copyWeights(file, model, weights);
                compile(file, model, root.get("compile_config"), warnings);
                OptimizerState.restore(file, model, optimizerState, warnings);
                return model;
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
    }

    /** Keras's {@code trainable} of the root model ({@code model.trainable = False} before saving), as from_config sets it. */
    private static void applyRootTrainable(JsonNode root, Model model) {
        JsonNode trainable = root.path("config").path("trainable");
        if (trainable.isBoolean() && !trainable.asBoolean()) {
            model.trainable(false);
        }
    }

    private static Model loadLegacyH5(Path path, long seed, Consumer<String> warnings, boolean safeMode) {
        String file = path.toString();
        Model model = null;
        JsonNode trainingConfig;
        try (HdfFile h5 = new HdfFile(path)) {
            JsonNode root = parse(file, "model_config", LegacyH5Reader.modelConfig(file, h5));
            if (safeMode) {
                SafeMode.check(file, root);
            }
            ModelConfig config = ModelConfig.parse(file, root);
            String training = LegacyH5Reader.trainingConfig(file, h5);
            trainingConfig = training == null ? null : parse(file, "training_config", training);
            if (trainingConfig != null && safeMode) {
                SafeMode.check(file, trainingConfig);
            }
            model = ModelBuilder.build(file, config, seed);
            applyRootTrainable(root, model);
            Map<String, List<NamedArray>> weights = LegacyH5Reader.weights(file, h5, ModelBuilder.weightShapes(model));
            ModelBuilder.copyWeightsByName(file, model, weights);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            if (e instanceof KerasJException) {
                throw e;
            }
            // jHDF reports a damaged file with HdfException and plain runtime exceptions alike
            throw new KerasFileException(file + ": not a readable HDF5 file: " + firstLine(e), e);
        }
        try {
            compile(file, model, trainingConfig, warnings);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    private static void compile(String file, Model model, JsonNode settings, Consumer<String> warnings) {
        CompileSettings.Result result = CompileSettings.read(settings, model.outputNames(), model.outputShapes());
        if (result == null) {
            return;
        }
        if (result.config() == null) {
            warnings.accept(file + ": the model is not compiled: KerasJ lacks its compile settings " + result.unsupported()
                    + "; call compile(...) before fit or evaluate");
            return;
        }
        model.compile(result.config());
    }

    private static JsonNode parse(String file, String what, String text) {
        if (text.length() > Limits.MAX_JSON_BYTES) {
            throw new KerasFileException(file + ": " + what + " has " + text.length() + " characters, expected at most " + Limits.MAX_JSON_BYTES);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new KerasFileException(file + ": " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new KerasFileException(file + ": " + what + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * @param path a path
     * @return true when its name ends in {@code .keras}, the suffix that selects Keras 3's format
     */
    public static boolean isKerasFile(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".keras");
    }

    /** How a library caller asks for an existing output to be replaced, for messages. */
    public static final String OVERWRITE_ARGUMENT = "overwrite=true";

    /**
     * {@code model.save('m.keras')}: writes Keras 3's format (config.json, metadata.json, model.weights.h5 in a zip),
     * built in a hidden sibling and published by a rename ({@link Publication}), under the file's {@link io.kerasj.io.OutputLock}.
     *
     * @param model the model (its current weights, compile settings and optimizer state are written)
     * @param file the {@code .keras} file
     * @param overwrite whether an existing {@code .keras} file KerasJ wrote may be replaced (anything else never is)
     * @throws OutputRefusedException when the file exists and {@code overwrite} is false, or it is not KerasJ's
     * @throws KerasJException when its name does not end in {@code .keras}, another run is writing it, or writing
     *     fails (an existing file then stays intact)
     */
    public static void save(Model model, Path file, boolean overwrite) {
        requireKerasName(file);
        try (Publication publication = Publication.begin(file, OutputKind.KERAS_FILE, overwrite, OVERWRITE_ARGUMENT)) {
            writeInto(model, publication.staged(), publication.target());
            publication.commit();
        }
    }

    /**
     * @param file a path
     * @throws KerasFileException when its name does not end in {@code .keras}
     */
    public static void requireKerasName(Path file) {
        if (!isKerasFile(file)) {
            throw new KerasFileException(file + ": expected a file name ending in .keras");
        }
    }

    /**
     * Writes the model in Keras 3's format into a new file, without publishing: callers that publish it with other
     * files (a report) use a {@link Publication} of kind {@link OutputKind#KERAS_FILE}.
     *
     * @param model the model
     * @param staged a file that does not exist yet (in a publication's staging folder)
     * @param target the path it will be published at, for messages
     * @throws KerasJException when it cannot be written
     */
    public static void writeInto(Model model, Path staged, Path target) {
        String config = KerasConfigWriter.write(model, target.toString()).toString();
        String metadata = "{\"keras_version\": \"3.0.0\", \"date_saved\": \""
                + java.time.LocalDateTime.now().withNano(0).toString().replace('T', '@') + "\", \"written_by\": \"" + KerasArchive.WRITER + "\"}";
        Path weights = staged.resolveSibling(staged.getFileName() + ".weights.h5");
        try {
            KerasWeightsWriter.write(model, weights);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(staged, StandardOpenOption.CREATE_NEW))) {
                entry(zip, KerasArchive.METADATA, metadata.getBytes(StandardCharsets.UTF_8));
                entry(zip, KerasArchive.CONFIG, config.getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry(KerasArchive.WEIGHTS));
                Files.copy(weights, zip);
                zip.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KerasJException k) {
                throw k;
            }
            throw new KerasFileException(target + ": cannot save: " + IoMessages.describe(e), e);
        } finally {
            try {
                Files.deleteIfExists(weights);
            } catch (IOException ignored) {
                // inside the staging folder, which the publication deletes
            }
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * @param path a path
     * @return true when the path names a Keras model file by its suffix ({@code .keras}, {@code .h5}, {@code .hdf5})
     */
    public static boolean isModelFile(Path path) {
        String n = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".keras") || n.endsWith(".h5") || n.endsWith(".hdf5");
    }
}
