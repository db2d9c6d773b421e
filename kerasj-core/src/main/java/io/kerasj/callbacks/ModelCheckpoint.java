package io.kerasj.callbacks;

import io.kerasj.io.AtomicFiles;
import io.kerasj.KerasJException;
import io.kerasj.io.OutputLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keras 3's {@code ModelCheckpoint} with {@code save_freq="epoch"}: after each epoch, saves the model to
 * {@code filepath} formatted with {@code epoch} (1-based) and the epoch's logs ({@code model-{epoch:02d}-{val_loss:.2f}});
 * with {@code save_best_only}, only when {@code monitor} improved ({@code mode}, Keras's rule), so a fixed path
 * ends holding exactly the best epoch's model.
 *
 * <p>What is written, atomically (temporary sibling, then rename):
 * <ul>
 *   <li>the full model: a TensorFlow SavedModel directory at {@code filepath}, or Keras 3's format for a path
 *       ending in {@code .keras} (through the model's own {@code save}, or the {@link ModelWriter} given with
 *       {@link #kerasWriter}).</li>
 *   <li>{@code save_weights_only}: KerasJ's checksummed weights file ({@link TrainingState} format, read it with
 *       {@link TrainingState#read}); the path must end in {@code .weights.kerasj} (Keras's {@code .weights.h5} is not
 *       written).</li>
 * </ul>
 * An existing path is replaced only when KerasJ made it (a SavedModel naming KerasJ as writer, a file with the
 * KerasJ magic, or a {@code .keras} this callback wrote); a user's file is refused, never replaced.
 */
public final class ModelCheckpoint implements Callback {
    /** The suffix of the weights files {@code save_weights_only} writes. */
    public static final String WEIGHTS_SUFFIX = ".weights.kerasj";

    /** Writes a complete model file; the hook for a {@code .keras} writer. */
    @FunctionalInterface
    public interface ModelWriter {
        /**
         * @param model the model being trained
         * @param file where to write, a temporary path that the checkpoint renames into place
         * @throws IOException when it cannot be written
         */
        void write(TrainingModel model, Path file) throws IOException;
    }

    private final PathTemplate filepath;
    private final String template;
    private String monitorKey = "val_loss";
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private String mode = "auto";
    private Double initialValueThreshold;
    private ModelWriter kerasWriter = TrainingModel::save;
    private PrintStream out = System.out;

    private TrainingModel model;
    private Monitor monitor;
    private Double best;
    private final Set<Path> written = new HashSet<>();

    /** @param filepath Keras's {@code filepath}, a template */
    public ModelCheckpoint(String filepath) {
        if (filepath == null || filepath.isBlank()) {
            throw new IllegalArgumentException("filepath: expected a path, found none");
        }
        this.template = filepath;
        this.filepath = new PathTemplate(filepath);
    }

    /**
     * @param key Keras's {@code monitor} (default {@code val_loss})
     * @return this
     */
    public ModelCheckpoint monitor(String key) {
        new Monitor(key, mode, 0);
        this.monitorKey = key;
        return this;
    }

    /**
     * @param mode {@code auto}, {@code min} or {@code max}
     * @return this
     */
    public ModelCheckpoint mode(String mode) {
        new Monitor(monitorKey, mode, 0);
        this.mode = mode;
        return this;
    }

    /**
     * @param verbose 1 prints each decision, as Keras
     * @return this
     */
    public ModelCheckpoint verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /**
     * @param best Keras's {@code save_best_only}
     * @return this
     */
    public ModelCheckpoint saveBestOnly(boolean best) {
        this.saveBestOnly = best;
        return this;
    }

    /**
     * @param weightsOnly Keras's {@code save_weights_only}
     * @return this
     */
    public ModelCheckpoint saveWeightsOnly(boolean weightsOnly) {
        if (weightsOnly && !template.endsWith(WEIGHTS_SUFFIX)) {
            throw new IllegalArgumentException("filepath: with save_weights_only=True, expected a path ending in "
                    + WEIGHTS_SUFFIX + " (KerasJ's weights file; Keras's .weights.h5 is not written), found " + template);
        }
        this.saveWeightsOnly = weightsOnly;
        return this;
    }

    /**
     * @param freq Keras's {@code save_freq}; only {@code "epoch"}
     * @return this
     */
    public ModelCheckpoint saveFreq(String freq) {
        if (!"epoch".equals(freq)) {
            throw new IllegalArgumentException("save_freq: expected \"epoch\" (batch-level saving is not supported), found " + freq);
        }
        return this;
    }

    /**
     * @param threshold Keras's {@code initial_value_threshold}: the best value to beat at first
     * @return this
     */
    public ModelCheckpoint initialValueThreshold(double threshold) {
        this.initialValueThreshold = threshold;
        return this;
    }

    /**
     * @param writer writes {@code .keras} files (the hook for {@code io.kerasj.saving})
     * @return this
     */
    public ModelCheckpoint kerasWriter(ModelWriter writer) {
        this.kerasWriter = Objects.requireNonNull(writer, "writer");
        return this;
    }

    /**
     * @param out where verbose messages go
     * @return this
     */
    public ModelCheckpoint output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        return this;
    }

    /** @return the best monitored value so far, or null */
    public Double best() {
        return best;
    }

    @Override
    public void setModel(TrainingModel model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (monitor == null) {
            monitor = new Monitor(monitorKey, mode, 0);
            best = initialValueThreshold;
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (model.interrupted()) {
            return;
        }
        Path file = Path.of(filepath.format(epoch + 1, logs));
        if (saveBestOnly) {
            Double current = monitor.current(logs);
            if (current == null) {
                out.println("WARNING: Can save best model only with " + monitorKey + " available.");
            } else if (monitor.isImprovement(current, best)) {
                if (verbose > 0) {
                    out.println();
                    out.println("Epoch " + (epoch + 1) + ": " + monitorKey + " improved from "
                            + (best == null ? "None" : String.format(Locale.ROOT, "%.5f", best)) + " to "
                            + String.format(Locale.ROOT, "%.5f", current) + ", saving model to " + file);
                }
                best = current;
            } else {
                if (verbose > 0) {
                    out.println();
                    out.println("Epoch " + (epoch + 1) + ": " + monitorKey + " did not improve from "
                            + String.format(Locale.ROOT, "%.5f", best));
                }
                return;
            }
        } else if (verbose > 0) {
            out.println();
            out.println("Epoch " + (epoch + 1) + ": saving model to " + file);
        }
        save(file, epoch, logs);
    }

    private void save(Path file, int epoch, Map<String, Double> logs) {
        Path target = file.toAbsolutePath().normalize();
        try (OutputLock lock = OutputLock.acquire(target)) { // as every KerasJ writer: one writer per path at a time
            if (saveWeightsOnly) {
                refuseForeign(target, TrainingState.hasMagic(target));
                new TrainingState(epoch + 1, Double.NaN, List.of(logs), model.getWeights(), List.of()).write(target);
            } else if (template.endsWith(".keras")) {
                refuseForeign(target, written.contains(target));
                // the temporary name keeps the .keras suffix, which selects the format
                AtomicFiles.writeAt(target, staging -> kerasWriter.write(model, staging));
            } else {
                model.save(target); // atomic, and refuses a directory KerasJ did not write
            }
            written.add(target);
        } catch (IOException e) {
            throw new KerasJException("filepath: cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void refuseForeign(Path target, boolean ours) {
        if (Files.exists(target) && !ours) {
            throw new KerasJException(target + ": exists and was not written by KerasJ; not replacing it");
        }
    }
}
