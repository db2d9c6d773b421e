package io.kerasj.model;

import io.kerasj.callbacks.History;
import io.kerasj.callbacks.ProgressLogger;
import io.kerasj.callbacks.TrainingModel;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.layers.WeightStore;
import io.kerasj.train.Optimizer;
import io.kerasj.train.SparseCategoricalCrossentropy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Sequential} model on the TensorFlow runtime: add layers, {@code compile}, {@code fit},
 * {@code evaluate}, {@code predict}. Holds one TensorFlow graph and session, created when first needed; close the
 * model to free them.
 *
 * <p>Layers are named per model as Keras names them in a fresh session ({@code flatten}, {@code dense},
 * {@code dense_1}, ...). The seed fixes the first weights, the shuffling and the dropout masks, so the same seed
 * gives the same History on the same machine.
 */
public final class Sequential implements TrainingModel, AutoCloseable {
    private final String name;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Integer> nameCounts = new HashMap<>();
    private final long seed;
    private ThreadSettings threads;
    private long[] inputShape;
    private long[] outputShape;
    private ModelGraph graph;
    private CompileConfig compileConfig;
    private TrainingProgram program;
    private int programCount;
    private volatile boolean stopTraining;
    private volatile boolean interrupted;
    private int[] nanStop;

    /** A model named {@code sequential} with a random seed. */
    public Sequential() {
        this(new Random().nextLong());
    }

    /** @param seed the seed of the first weights, the shuffling and the dropout masks */
    public Sequential(long seed) {
        this("sequential", seed);
    }

    /**
     * @param name the model's name, shown by {@link #summary()}
     * @param seed the seed of the first weights, the shuffling and the dropout masks
     */
    public Sequential(String name, long seed) {
        this.name = name;
        this.seed = seed;
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * Adds a layer on top, naming it if unnamed and building it for the previous layer's output shape.
     *
     * @param layer the layer
     * @return this model
     * @throws IllegalStateException when the model already runs (its graph exists)
     * @throws IllegalArgumentException when the layer cannot take the previous output
     */
    public Sequential add(Layer layer) {
        if (graph != null) {
            throw new IllegalStateException("cannot add layer " + layer.className() + " after the model has been built (fit, predict or weights used)");
        }
        String layerName = layer.name() != null ? layer.name() : uniqueName(snakeCase(layer.className()));
        if (layers.stream().anyMatch(l -> l.name().equals(layerName))) {
            throw new IllegalArgumentException("layer name '" + layerName + "' is already used in model " + name);
        }
        layer.setName(layerName);
        long[] in = layers.isEmpty() ? layer.declaredInputShape() : outputShape;
        if (in == null) {
            throw new IllegalArgumentException("layer " + layerName + ": the first layer needs an input shape, e.g. new Flatten(28, 28)");
        }
        if (!layers.isEmpty() && layer.declaredInputShape() != null && !Arrays.equals(layer.declaredInputShape(), outputShape)) {
            throw new IllegalArgumentException("layer " + layerName + ": declared input shape " + Arrays.toString(layer.declaredInputShape())
                    + " does not match the previous output " + Arrays.toString(outputShape));
        }
        outputShape = layer.build(in);
        if (layers.isEmpty()) {
            inputShape = in.clone();
        }
        if (layer instanceof Dropout dropout) {
            dropout.setSeed(seed + 7919L * (layers.size() + 1));
        }
        layers.add(layer);
        layer.attach(new GraphWeightStore());
        return this;
    }

    private String uniqueName(String base) {
        int count = nameCounts.merge(base, 1, Integer::sum);
        return count == 1 ? base : base + "_" + (count - 1);
    }

    private static String snakeCase(String className) {
        return className.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the layers in order */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** @return the per-sample input shape; the model needs a layer */
    public long[] inputShape() {
        requireLayers();
        return inputShape.clone();
    }

    /** @return the per-sample output shape; the model needs a layer */
    public long[] outputShape() {
        requireLayers();
        return outputShape.clone();
    }

    /**
     * Sets the native thread counts; call before the model first runs.
     *
     * @param settings intra- and inter-op threads
     * @return this model
     */
    public Sequential threads(ThreadSettings settings) {
        if (graph != null) {
            throw new IllegalStateException("threads: must be set before the model first runs");
        }
        this.threads = settings;
        return this;
    }

    /** @return the thread settings in use, or the default for this model */
    public ThreadSettings threadSettings() {
        return threads != null ? threads : ThreadSettings.forModel(countParams());
    }

    /**
     * Keras's {@code compile(loss=..., optimizer=..., metrics=[...])} with names.
     *
     * @param loss {@code sparse_categorical_crossentropy}
     * @param optimizer {@code sgd} or {@code adam}
     * @param metrics {@code accuracy}, or none
     */
    public void compile(String loss, String optimizer, String... metrics) {
        compile(SparseCategoricalCrossentropy.of(loss), Optimizer.of(optimizer), metrics);
    }

    /**
     * Keras's {@code compile} with objects.
     *
     * @param loss the loss
     * @param optimizer the optimizer, e.g. {@code new SGD(0.01)}
     * @param metrics {@code accuracy}, or none
     */
    public void compile(SparseCategoricalCrossentropy loss, Optimizer optimizer, String... metrics) {
        requireLayers();
        this.compileConfig = new CompileConfig(loss, optimizer, List.of(metrics));
        this.program = null;
    }

    /** @return what compile fixed, or null before compile */
    public CompileConfig compileConfig() {
        return compileConfig;
    }

    /** @return the number of weights */
    public long countParams() {
        return layers.stream().mapToLong(Layer::paramCount).sum();
    }

    /** @return Keras's {@code model.summary()} text (the TF 2.3 layout) */
    public String summaryText() {
        requireLayers();
        List<Summary.Row> rows = new ArrayList<>();
        for (Layer layer : layers) {
            rows.add(new Summary.Row(layer.name(), layer.className(), Tensors.withBatch(-1, layer.outputShape()), layer.paramCount()));
        }
        return Summary.format(name, rows, countParams(), 0);
    }

    /** Prints {@link #summaryText()} to standard output, as Keras's {@code model.summary()}. */
    public void summary() {
        System.out.print(summaryText());
    }

    /**
     * Keras's {@code fit(x, y, epochs=..., validation_data=(...))} with the other defaults.
     *
     * @param x training samples
     * @param y their labels
     * @param epochs number of epochs
     * @param validation validation data, or null
     * @return the History
     */
    public History fit(FloatSamples x, int[] y, int epochs, ValidationData validation) {
        return fit(x, y, FitOptions.defaults().epochs(epochs).validation(validation));
    }

    /**
     * Keras's {@code fit}.
     *
     * @param x training samples
     * @param y their labels
     * @param options epochs, batch size, validation data, callbacks, ...
     * @return the History: per-epoch means of loss and accuracy and the validation metrics
     * @throws IllegalStateException before {@code compile}
     * @throws IllegalArgumentException for data that does not fit the model
     */
    public History fit(FloatSamples x, int[] y, FitOptions options) {
        if (compileConfig == null) {
            throw new IllegalStateException("You must compile your model before training/testing. Use `model.compile(optimizer, loss)`.");
        }
        InputChecks.samples("x", x, inputShape);
        InputChecks.labels("y", y, x.count(), classes());
        if (options.validation() != null) {
            InputChecks.samples("validation x", options.validation().x(), inputShape);
            InputChecks.labels("validation y", options.validation().y(), options.validation().x().count(), classes());
        }
        nanStop = null;
        interrupted = false;
        stopTraining = false;
        return new Trainer(this, trainingProgram(), new Evaluator(graph(), compileConfig.loss())).fit(x, y, options, seed);
    }

    /**
     * Keras's {@code evaluate(x, y)}: prints the progress line (313 steps of 32 for 10,000 samples) and returns
     * the mean loss and the accuracy.
     *
     * @param x samples
     * @param y labels
     * @return {@code [loss, accuracy]} ({@code [loss]} when compiled without metrics)
     */
    public double[] evaluate(FloatSamples x, int[] y) {
        return evaluate(x, y, 1, System.out);
    }

    /**
     * Keras's {@code evaluate}.
     *
     * @param x samples
     * @param y labels
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @return {@code [loss, accuracy]} ({@code [loss]} when compiled without metrics)
     */
    public double[] evaluate(FloatSamples x, int[] y, int verbose, PrintStream out) {
        if (compileConfig == null) {
            throw new IllegalStateException("You must compile your model before training/testing. Use `model.compile(optimizer, loss)`.");
        }
        InputChecks.samples("x", x, inputShape);
        InputChecks.labels("y", y, x.count(), classes());
        ProgressLogger progress = verbose > 0 ? new ProgressLogger(out, verbose, false) : null;
        int steps = (y.length + 31) / 32;
        if (progress != null) {
            progress.setTestSteps(steps);
            progress.onTestBegin(Map.of());
        }
        double[] result = new Evaluator(graph(), compileConfig.loss()).evaluate(x, y);
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", result[0]);
        if (compileConfig.hasAccuracy()) {
            logs.put("accuracy", result[1]);
        }
        if (progress != null) {
            progress.onTestBatchEnd(steps - 1, logs);
            progress.onTestEnd(logs);
        }
        return compileConfig.hasAccuracy() ? result : new double[] {result[0]};
    }

    /**
     * Keras's {@code predict(x)}: the model's outputs (probabilities for a softmax model).
     *
     * @param x samples
     * @return one row of outputs per sample
     */
    public float[][] predict(FloatSamples x) {
        InputChecks.samples("x", x, inputShape);
        float[][] rows = new float[x.count()][];
        int size = x.sampleSize();
        for (int from = 0; from < x.count(); from += Evaluator.SLICE) {
            int n = Math.min(Evaluator.SLICE, x.count() - from);
            float[] flat;
            try (TFloat32 batch = Tensors.floats(x.unsafeValues(), from * size, n * size, Tensors.withBatch(n, inputShape))) {
                flat = graph().predict(batch);
            }
            Tensors.splitRows(flat, n, rows, from);
        }
        return rows;
    }

    /**
     * Keras's {@code model.save(path)}: a name ending in {@code .keras} writes Keras 3's format
     * ({@link io.kerasj.saving.KerasFiles#save}); any other name, a TensorFlow SavedModel directory of the inference
     * graph ({@link SavedModelExport}).
     *
     * @param path a {@code .keras} file or a directory that must not exist yet
     */
    public void save(java.nio.file.Path path) {
        save(path, false);
    }

    /**
     * @param path the {@code .keras} file or SavedModel directory
     * @param overwrite whether an existing file or directory may be replaced (atomically)
     */
    public void save(java.nio.file.Path path, boolean overwrite) {
        requireLayers();
        if (path.getFileName() != null && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".keras")) {
            io.kerasj.saving.KerasFiles.save(this, path, overwrite);
            return;
        }
        SavedModelExport.export(this, path, overwrite);
    }

    /** Asks {@code fit} to stop after the current epoch. */
    @Override
    public void stopTraining() {
        stopTraining = true;
    }

    /** Asks a running {@code fit} to stop after the current chunk of steps (Ctrl-C); the epoch is not finished. */
    public void interrupt() {
        interrupted = true;
        stopTraining = true;
    }

    /** @return true when the last {@code fit} was interrupted */
    public boolean wasInterrupted() {
        return interrupted;
    }

    /** @return {epoch, batch} where the last {@code fit} met a non-finite loss, or null */
    public int[] terminatedOnNaN() {
        return nanStop == null ? null : nanStop.clone();
    }

    void markTerminatedOnNaN(int epoch, int batch) {
        nanStop = new int[] {epoch, batch};
    }

    boolean stopTrainingRequested() {
        return stopTraining;
    }

    boolean interrupted() {
        return interrupted;
    }

    @Override
    public List<float[]> getWeights() {
        return graph().read(graph().weightVariables());
    }

    @Override
    public void setWeights(List<float[]> weights) {
        List<ResourceVariable<TFloat32>> variables = graph().weightVariables();
        if (weights.size() != variables.size()) {
            throw new IllegalArgumentException("weights: expected " + variables.size() + " arrays, found " + weights.size());
        }
        for (int i = 0; i < weights.size(); i++) {
            long expected = Arrays.stream(variables.get(i).shape()).reduce(1, (a, b) -> a * b);
            if (weights.get(i).length != expected) {
                throw new IllegalArgumentException("weights[" + i + "] (" + variables.get(i).name() + "): expected " + expected
                        + " values, found " + weights.get(i).length);
            }
        }
        graph().assign(variables, weights);
    }

    /** @return the optimizer's state (slots, then the step count), for checkpoints; empty before training */
    public List<float[]> getOptimizerState() {
        return program == null ? List.of() : graph().read(program.optimizerVariables());
    }

    /**
     * Restores the optimizer's state saved by {@link #getOptimizerState()}; the model must be compiled.
     *
     * @param state the values
     */
    public void setOptimizerState(List<float[]> state) {
        if (compileConfig == null) {
            throw new IllegalStateException("You must compile your model before restoring an optimizer state.");
        }
        List<ResourceVariable<TFloat32>> variables = trainingProgram().optimizerVariables();
        if (state.size() != variables.size()) {
            throw new IllegalArgumentException("optimizer state: expected " + variables.size() + " arrays, found " + state.size());
        }
        graph().assign(variables, state);
    }

    /** The compiled training loop, built on first need with a fresh optimizer state. */
    TrainingProgram trainingProgram() {
        if (compileConfig == null) {
            throw new IllegalStateException("You must compile your model before training/testing. Use `model.compile(optimizer, loss)`.");
        }
        if (program == null) {
            program = new TrainingProgram(graph(), compileConfig, programCount++);
            program.resetOptimizer();
        }
        return program;
    }

    /** @return the model's number of outputs (classes) */
    long classes() {
        return outputShape[outputShape.length - 1];
    }

    /** The graph, created on first need with the first weights drawn from the seed. */
    ModelGraph graph() {
        requireLayers();
        if (graph == null) {
            ModelGraph created = new ModelGraph(layers, inputShape, threadSettings());
            Random random = new Random(seed);
            List<float[]> initial = new ArrayList<>();
            for (Layer layer : layers) {
                for (WeightSpec spec : layer.weightSpecs()) {
                    initial.add(spec.initializer().initialize(spec.shape(), random));
                }
            }
            created.assign(created.weightVariables(), initial);
            graph = created;
        }
        return graph;
    }

    private void requireLayers() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("model " + name + " has no layers: add a layer with an input shape first");
        }
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
            graph = null;
            program = null;
        }
    }

    /** Reads and writes one layer's weights through the model's variables. */
    private final class GraphWeightStore implements WeightStore {
        @Override
        public List<float[]> read(Layer layer) {
            return graph().read(variablesOf(layer));
        }

        @Override
        public void write(Layer layer, List<float[]> values) {
            graph().assign(variablesOf(layer), values);
        }

        private List<ResourceVariable<TFloat32>> variablesOf(Layer layer) {
            List<ResourceVariable<TFloat32>> own = new ArrayList<>();
            for (ResourceVariable<TFloat32> v : graph().weightVariables()) {
                if (v.name().startsWith(layer.name() + "/")) {
                    own.add(v);
                }
            }
            return own;
        }
    }
}
