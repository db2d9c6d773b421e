package io.kerasj.models;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.History;
import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.engine.CompileConfig;
import io.kerasj.engine.FitRun;
import io.kerasj.engine.ModelGraph;
import io.kerasj.engine.ModelRuntime;
import io.kerasj.engine.Summary;
import io.kerasj.engine.TrainingProgram;
import io.kerasj.layers.Layer;
import io.kerasj.losses.Loss;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.runtime.Tensors;
import io.kerasj.saving.ModelFormat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Keras's {@code Model} on the TensorFlow runtime: {@code compile}, {@code fit}, {@code evaluate},
 * {@code predict}, {@code save}, {@code summary} and the weights, for any stack of layers a subclass defines
 * ({@link Sequential}). Holds one TensorFlow graph and session, created when first needed; close the model to
 * free them.
 *
 * <p>The seed fixes the first weights, the shuffling and the random ops of the layers (dropout masks), so the same
 * seed gives the same History on the same machine.
 */
public abstract class Model implements AutoCloseable {
    private final String name;
    private final long seed;
    private final ModelRuntime runtime = new ModelRuntime(this);
    private ThreadSettings threads;

    /**
     * @param name the model's name, shown by {@link #summary()}
     * @param seed the seed of the first weights, the shuffling and the layers' random ops
     */
    protected Model(String name, long seed) {
        this.name = name;
        this.seed = seed;
    }

    /** @return the layers in order */
    public abstract List<Layer> layers();

    /** @return the per-sample input shape; the model needs a layer */
    public abstract long[] inputShape();

    /** @return the per-sample output shape; the model needs a layer */
    public abstract long[] outputShape();

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * Sets the native thread counts; call before the model first runs.
     *
     * @param settings intra- and inter-op threads
     * @return this model
     */
    public Model threads(ThreadSettings settings) {
        if (runtime.isRunning()) {
            throw new IllegalStateException("threads: must be set before the model first runs");
        }
        this.threads = settings;
        return this;
    }

    /** @return the thread settings in use, or the default for this model */
    public ThreadSettings threadSettings() {
        return threads != null ? threads : ThreadSettings.forModel(layers().stream().mapToLong(Layer::multiplyAdds).sum());
    }

    /**
     * Keras's {@code compile(optimizer=..., loss=..., metrics=[...])}, each argument by its Keras name, as a name or
     * an object: {@code model.compile(CompileOptions.defaults().optimizer("adam").loss("mse").metrics("mae"))}.
     * Recompiling keeps the weights and starts a fresh optimizer state.
     *
     * @param options the optimizer, the loss and the metrics
     * @throws IllegalStateException without layers or without a loss
     */
    public void compile(CompileOptions options) {
        requireLayers();
        runtime.compile(options.resolve(outputShape()));
    }

    /**
     * The first form of compile: the loss comes first, unlike Keras's {@code compile(optimizer, loss)}.
     *
     * @param loss a loss name ({@link Loss#of})
     * @param optimizer an optimizer name ({@link Optimizer#of})
     * @param metrics metric names ({@link Metric#of}), or none
     * @deprecated two names in a row read either way; use {@link #compile(CompileOptions)}:
     *     {@code compile(CompileOptions.defaults().optimizer(optimizer).loss(loss).metrics(metrics))}
     */
    @Deprecated
    public void compile(String loss, String optimizer, String... metrics) {
        try {
            Loss.of(loss);
        } catch (IllegalArgumentException e) {
            if (isOptimizerName(loss)) {
                throw new IllegalArgumentException("loss: '" + loss + "' is an optimizer; compile(String, String, ...) takes the loss first. "
                        + "Write model.compile(CompileOptions.defaults().optimizer(\"" + loss + "\").loss(\"" + optimizer + "\"))", e);
            }
            throw e;
        }
        compile(CompileOptions.defaults().optimizer(optimizer).loss(loss).metrics((Object[]) metrics));
    }

    private static boolean isOptimizerName(String name) {
        try {
            Optimizer.of(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Compile with objects and metric names, the loss first.
     *
     * @param loss the loss
     * @param optimizer the optimizer, e.g. {@code new SGD(0.01)}
     * @param metrics metric names, or none
     * @deprecated use {@link #compile(CompileOptions)}, which takes Keras's order and mixes names and objects
     */
    @Deprecated
    public void compile(Loss loss, Optimizer optimizer, String... metrics) {
        compile(CompileOptions.defaults().optimizer(optimizer).loss(loss).metrics((Object[]) metrics));
    }

    /**
     * Compile with metric objects, the loss first.
     *
     * @param loss the loss
     * @param optimizer the optimizer
     * @param metrics the metrics
     * @deprecated use {@link #compile(CompileOptions)}
     */
    @Deprecated
    public void compile(Loss loss, Optimizer optimizer, List<Metric> metrics) {
        compile(CompileOptions.defaults().optimizer(optimizer).loss(loss).metrics(metrics));
    }

    /**
     * Keras's {@code compile_from_config}: compiles with a configuration as a {@code .keras} file holds it (the
     * identifiers the loss and metrics were asked by are kept for the next save).
     *
     * @param config the loss, optimizer and metrics
     */
    public void compile(CompileConfig config) {
        runtime.compile(config);
    }

    /** @return what compile fixed, or null before compile */
    public CompileConfig compileConfig() {
        return runtime.compileConfig();
    }

    /** @return the number of weights */
    public long countParams() {
        return layers().stream().mapToLong(Layer::paramCount).sum();
    }

    /** @return Keras's {@code model.summary()} text (the TF 2.3 layout), non-trainable weights counted apart */
    public String summaryText() {
        requireLayers();
        List<Summary.Row> rows = new ArrayList<>();
        for (Layer layer : layers()) {
            rows.add(new Summary.Row(layer.name(), layer.className(), Tensors.withBatch(-1, layer.outputShape()), layer.paramCount()));
        }
        long trainable = layers().stream().mapToLong(Layer::trainableParamCount).sum();
        return Summary.format(name, rows, trainable, countParams() - trainable);
    }

    /** Prints {@link #summaryText()} to standard output, as Keras's {@code model.summary()}. */
    public void summary() {
        System.out.print(summaryText());
    }

    /**
     * Keras's {@code fit(x, y, epochs=..., validation_data=(...))} with the other defaults.
     *
     * @param x training samples
     * @param y their class labels
     * @param epochs number of epochs
     * @param validation validation data, or null
     * @return the History
     */
    public History fit(FloatSamples x, int[] y, int epochs, ValidationData validation) {
        return fit(x, y, FitOptions.defaults().epochs(epochs).validation(validation));
    }

    /**
     * Keras's {@code fit} with class labels.
     *
     * @param x training samples
     * @param y their class labels
     * @param options epochs, batch size, validation data, callbacks, ...
     * @return the History
     */
    public History fit(FloatSamples x, int[] y, FitOptions options) {
        return fit(x, y == null ? null : Targets.classes(y), options);
    }

    /**
     * Keras's {@code fit(x, y)} with a dataset's samples as float32 (unscaled, as Keras casts them) and its targets.
     *
     * @param data the training set; scale its samples first (e.g. {@link Dataset#scaled()}) where the model wants it
     * @param options epochs, batch size, validation data, callbacks, ...
     * @return the History
     * @throws IllegalStateException before {@code compile}
     * @throws IllegalArgumentException for data that does not fit the model
     */
    public History fit(Dataset data, FitOptions options) {
        return fit(data.floats(), data.y(), options);
    }

    /**
     * Keras's {@code fit}.
     *
     * @param x training samples
     * @param y their targets: class indices or floats, as the compiled loss takes them
     * @param options epochs, batch size, validation data, callbacks, ...
     * @return the History: per-epoch means of the loss and metrics, and the validation ones
     * @throws IllegalStateException before {@code compile}
     * @throws IllegalArgumentException for data that does not fit the model
     */
    public History fit(FloatSamples x, Targets y, FitOptions options) {
        return runtime.fit(x, y, options);
    }

    /**
     * Keras's {@code evaluate(x, y)}: prints the progress line (313 steps of 32 for 10,000 samples) and returns
     * the mean loss and the metrics.
     *
     * @param x samples
     * @param y class labels
     * @return {@code [loss, metrics...]} ({@code [loss]} when compiled without metrics)
     */
    public double[] evaluate(FloatSamples x, int[] y) {
        return evaluate(x, y, 1, System.out);
    }

    /**
     * Keras's {@code evaluate} with class labels.
     *
     * @param x samples
     * @param y class labels
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @return {@code [loss, metrics...]}
     */
    public double[] evaluate(FloatSamples x, int[] y, int verbose, PrintStream out) {
        return evaluate(x, y == null ? null : Targets.classes(y), verbose, out);
    }

    /**
     * Keras's {@code evaluate(x, y, verbose=...)} with a dataset's samples as float32 (unscaled) and its targets.
     *
     * @param data the samples and targets
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @return {@code [loss, metrics...]} in the compiled order
     */
    public double[] evaluate(Dataset data, int verbose, PrintStream out) {
        return evaluate(data.floats(), data.y(), verbose, out);
    }

    /**
     * Keras's {@code evaluate(x, y, verbose=..., callbacks=[...])}: the test hooks of the callbacks (and of the
     * progress bar when verbose) are called as Keras calls them.
     *
     * @param x samples
     * @param y targets
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return {@code [loss, metrics...]} in the compiled order
     */
    public double[] evaluate(FloatSamples x, Targets y, int verbose, PrintStream out, Callback... callbacks) {
        return evaluateToMap(x, y, verbose, out, callbacks).values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Keras's {@code evaluate(x, y, return_dict=True)}: the loss and the metrics by name, keyed as the History
     * ({@code loss}, then each metric's name), printing the progress line.
     *
     * @param x samples
     * @param y class labels
     * @return {@code {loss=..., accuracy=...}} in the compiled order
     */
    public Map<String, Double> evaluateToMap(FloatSamples x, int[] y) {
        return evaluateToMap(x, y == null ? null : Targets.classes(y), 1, System.out);
    }

    /**
     * Keras's {@code evaluate(x, y, verbose=..., return_dict=True)} with a dataset's samples and targets.
     *
     * @param data the samples and targets
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @return the loss and the metrics by name, in the compiled order
     */
    public Map<String, Double> evaluateToMap(Dataset data, int verbose, PrintStream out) {
        return evaluateToMap(data.floats(), data.y(), verbose, out);
    }

    /**
     * Keras's {@code evaluate(x, y, verbose=..., callbacks=[...], return_dict=True)}.
     *
     * @param x samples
     * @param y targets
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return the loss and the metrics by name ({@code loss}, then the metrics' names), in the compiled order
     */
    public Map<String, Double> evaluateToMap(FloatSamples x, Targets y, int verbose, PrintStream out, Callback... callbacks) {
        return runtime.evaluate(x, y, verbose, out, callbacks);
    }

    /**
     * Keras's {@code predict(x)}: the model's outputs (probabilities for a softmax model).
     *
     * @param x samples
     * @param callbacks callbacks whose predict hooks are called
     * @return one row of outputs per sample
     */
    public float[][] predict(FloatSamples x, Callback... callbacks) {
        return runtime.predict(x, callbacks);
    }

    /**
     * Keras's {@code model.save(path)}: a name ending in {@code .keras} writes Keras 3's format, any other a
     * TensorFlow SavedModel directory of the inference graph. The formats are {@link ModelFormat}s. As Keras's
     * {@code save} (whose {@code overwrite} defaults to true), an existing {@code .keras} file or SavedModel that
     * KerasJ wrote is replaced, whole; anything else there (a file or folder KerasJ did not write, a symbolic link)
     * is refused with {@link io.kerasj.io.OutputRefusedException} and left untouched.
     *
     * @param path a {@code .keras} file or a SavedModel directory
     */
    public void save(Path path) {
        save(path, true);
    }

    /**
     * @param path the {@code .keras} file or SavedModel directory
     * @param overwrite whether an existing file or directory KerasJ wrote may be replaced (atomically); with false
     *     any existing path is refused
     * @throws IllegalArgumentException when no format writes such a path
     * @throws io.kerasj.io.OutputRefusedException when the path may not be written; nothing is touched
     * @throws io.kerasj.KerasJException when another thread or process is writing the same path, or writing fails
     */
    public void save(Path path, boolean overwrite) {
        requireLayers();
        for (ModelFormat format : ServiceLoader.load(ModelFormat.class, Model.class.getClassLoader())) {
            if (format.accepts(path)) {
                format.save(this, path, overwrite);
                return;
            }
        }
        throw new IllegalArgumentException("path: no format writes " + path + " (expected a folder name or a name ending in .keras)");
    }

    /** Asks a running {@code fit} to stop after the current chunk of steps (Ctrl-C); the epoch is not finished. */
    public void interrupt() {
        runtime.interrupt();
    }

    /** @return the state of the running {@code fit}, else of the last one, or null before any */
    public FitRun lastRun() {
        return runtime.lastRun();
    }

    /** @return true when the last {@code fit} was interrupted */
    public boolean wasInterrupted() {
        FitRun run = lastRun();
        return run != null && run.interrupted();
    }

    /** @return {epoch, batch} where the last {@code fit} met a non-finite loss, or null */
    public int[] terminatedOnNaN() {
        FitRun run = lastRun();
        return run == null ? null : run.terminatedOnNaN();
    }

    /** @return copies of all weights in layer order, each flat and row-major (Keras's {@code get_weights()}) */
    public List<float[]> getWeights() {
        return runtime.getWeights();
    }

    /**
     * Keras's {@code model.weights}: every weight with its path ({@code dense/kernel}), shape and values, in the
     * order of {@link #getWeights()}.
     *
     * @return copies of the weights
     */
    public List<io.kerasj.layers.Weight> weights() {
        List<io.kerasj.layers.Weight> out = new ArrayList<>();
        for (Layer layer : layers()) {
            out.addAll(layer.weights());
        }
        return out;
    }

    /** @param weights values in the order and sizes {@link #getWeights()} returns */
    public void setWeights(List<float[]> weights) {
        runtime.setWeights(weights);
    }

    /**
     * @return the optimizer's current learning rate (Keras's {@code model.optimizer.learning_rate})
     * @throws IllegalStateException before compile
     */
    public double learningRate() {
        return runtime.learningRate();
    }

    /**
     * Sets the learning rate from the next training step on, without recompiling: it lives in a graph variable
     * the update reads (Keras's {@code model.optimizer.learning_rate = value}).
     *
     * @param value a positive, finite learning rate
     */
    public void setLearningRate(double value) {
        runtime.setLearningRate(value);
    }

    /** @return the optimizer's state (slots, then the step count), for checkpoints; empty before training */
    public List<float[]> getOptimizerState() {
        return runtime.getOptimizerState();
    }

    /**
     * Restores the optimizer's state saved by {@link #getOptimizerState()}; the model must be compiled.
     *
     * @param state the values
     */
    public void setOptimizerState(List<float[]> state) {
        runtime.setOptimizerState(state);
    }

    /** The compiled training loop, built on first need with a fresh optimizer state. */
    public TrainingProgram trainingProgram() {
        return runtime.trainingProgram();
    }

    /** @return true when the graph exists (the model has run or its weights were used) */
    boolean isRunning() {
        return runtime.isRunning();
    }

    /** The graph, created on first need with the first weights drawn from the seed. */
    public ModelGraph graph() {
        return runtime.graph();
    }

    /** @throws IllegalStateException when the model has no layers */
    protected void requireLayers() {
        runtime.requireLayers();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
