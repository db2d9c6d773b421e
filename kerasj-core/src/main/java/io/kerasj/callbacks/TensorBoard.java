package io.kerasj.callbacks;

import io.kerasj.callbacks.tensorboard.SummaryFileWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras 3's {@code keras.callbacks.TensorBoard}: event files for TensorBoard under {@code log_dir/train} and
 * {@code log_dir/validation}, with Keras's tags and steps.
 *
 * <ul>
 *   <li>Each epoch end: {@code epoch_<name>} for every training log and {@code epoch_learning_rate} in
 *       {@code train}; {@code epoch_<name>} for every {@code val_<name>} log in {@code validation}; step = the
 *       epoch index. In {@code validation} also {@code evaluation_<name>_vs_iterations} at step = the training
 *       batches run so far in this fit (Keras writes it at {@code on_test_end} with the optimizer's iterations).</li>
 *   <li>With {@code update_freq} = N: {@code batch_<name>} in {@code train} after every N-th batch, step = the
 *       batch's 1-based index counted across this fit's epochs. {@link #batchPeriod()} asks {@code fit} to end its
 *       in-graph chunks there, so these are the exact running means at those batches.</li>
 *   <li>{@code histogram_freq} = k > 0: {@code <weight path>/histogram} for every weight at epochs divisible by
 *       k.</li>
 *   <li>{@code write_graph}: the training graph, once, at step 0.</li>
 * </ul>
 *
 * Not written: Keras's {@code keras} model-config summary, images, embeddings, profiles, steps per second.
 * The files are written by TensorFlow's summary-writer ops ({@link SummaryFileWriter}); open them with
 * {@code tensorboard --logdir LOG_DIR}.
 */
public final class TensorBoard implements Callback {
    private final Path logDir;
    private int histogramFreq;
    private boolean writeGraph = true;
    private int updateFreq; // 0 = "epoch"

    private TrainingModel model;
    private SummaryFileWriter train;
    private SummaryFileWriter validation;
    private boolean graphPending;
    private long globalTrainBatch;
    private long epochStartBatch;

    /**
     * Keras's defaults: {@code histogram_freq=0}, {@code write_graph=True}, {@code update_freq="epoch"}.
     *
     * @param logDir Keras's {@code log_dir}: the runs go to its {@code train} and {@code validation} folders
     */
    public TensorBoard(Path logDir) {
        this.logDir = Objects.requireNonNull(logDir, "log_dir");
    }

    /**
     * @param epochs Keras's {@code histogram_freq}: weight histograms every that many epochs, 0 for none
     * @return this
     */
    public TensorBoard histogramFreq(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("histogram_freq: expected a number >= 0, found " + epochs);
        }
        this.histogramFreq = epochs;
        return this;
    }

    /**
     * @param write Keras's {@code write_graph}: whether to write the training graph
     * @return this
     */
    public TensorBoard writeGraph(boolean write) {
        this.writeGraph = write;
        return this;
    }

    /**
     * @param batches Keras's integer {@code update_freq}: batch-level scalars every that many batches
     * @return this
     */
    public TensorBoard updateFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("update_freq: expected \"epoch\", \"batch\" or a positive number, found " + batches);
        }
        this.updateFreq = batches;
        return this;
    }

    /**
     * @param freq Keras's {@code update_freq}: {@code "epoch"}, {@code "batch"} (every batch) or a positive
     *     number of batches
     * @return this
     */
    public TensorBoard updateFreq(String freq) {
        Objects.requireNonNull(freq, "update_freq");
        if (freq.equals("epoch")) {
            this.updateFreq = 0;
            return this;
        }
        if (freq.equals("batch")) {
            return updateFreq(1);
        }
        try {
            return updateFreq(Integer.parseInt(freq.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("update_freq: expected \"epoch\", \"batch\" or a positive number, found \"" + freq + "\"");
        }
    }

    /** @return the log directory */
    public Path logDir() {
        return logDir;
    }

    /** {@inheritDoc} With an integer {@code update_freq}, that number. */
    @Override
    public int batchPeriod() {
        return updateFreq;
    }

    /** {@inheritDoc} A new fit writes new event files, as Keras's; files a failed fit left open are closed first. */
    @Override
    public void setModel(TrainingModel model) {
        close();
        this.model = model;
        graphPending = writeGraph;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        globalTrainBatch = 0;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochStartBatch = globalTrainBatch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        globalTrainBatch = epochStartBatch + batch + 1;
        if (graphPending) {
            graphPending = false;
            byte[] graph = model == null ? null : model.trainingGraphDef();
            if (graph != null) {
                trainWriter().graph(graph, 0);
            }
        }
        if (updateFreq > 0 && globalTrainBatch % updateFreq == 0) {
            SummaryFileWriter writer = trainWriter();
            logs.forEach((name, value) -> writer.scalar("batch_" + name, value, globalTrainBatch));
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (logs.isEmpty()) {
            return;
        }
        SummaryFileWriter writer = trainWriter();
        logs.forEach((name, value) -> {
            if (!name.startsWith("val_") && !name.equals("learning_rate")) {
                writer.scalar("epoch_" + name, value, epoch);
            }
        });
        Double rate = learningRate();
        if (rate != null) {
            writer.scalar("epoch_learning_rate", rate, epoch);
        }
        if (histogramFreq > 0 && epoch % histogramFreq == 0) {
            writeHistograms(epoch);
        }
        writer.flush();
        if (logs.keySet().stream().anyMatch(name -> name.startsWith("val_"))) {
            SummaryFileWriter val = validationWriter();
            logs.forEach((name, value) -> {
                if (name.startsWith("val_")) {
                    val.scalar("epoch_" + name.substring(4), value, epoch);
                }
            });
            logs.forEach((name, value) -> {
                if (name.startsWith("val_")) {
                    val.scalar("evaluation_" + name.substring(4) + "_vs_iterations", value, globalTrainBatch);
                }
            });
            val.flush();
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        close();
    }

    /** Closes the event files; {@code fit} does it at the end of training. */
    public void close() {
        try {
            if (train != null) {
                train.close();
            }
        } finally {
            train = null;
            if (validation != null) {
                validation.close();
            }
            validation = null;
        }
    }

    /** The rate as Keras reads it: the float32 variable's value; null when the model has no optimizer. */
    private Double learningRate() {
        if (model == null) {
            return null;
        }
        try {
            return (double) (float) model.learningRate();
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return null;
        }
    }

    private void writeHistograms(int epoch) {
        List<String> paths = model.weightPaths();
        List<float[]> weights = model.getWeights();
        for (int i = 0; i < paths.size(); i++) {
            train.histogram(paths.get(i) + "/histogram", weights.get(i), epoch);
        }
    }

    private SummaryFileWriter trainWriter() {
        if (train == null) {
            train = new SummaryFileWriter(logDir.resolve("train"));
        }
        return train;
    }

    private SummaryFileWriter validationWriter() {
        if (validation == null) {
            validation = new SummaryFileWriter(logDir.resolve("validation"));
        }
        return validation;
    }
}
