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
import io.kerasj.engine.Forward;
import io.kerasj.engine.Network;
import io.kerasj.engine.SharedWeights;
import io.kerasj.engine.TrainingProgram;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.layers.CallContext;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.Naming;
import io.kerasj.layers.WeightDeclarations;
import io.kerasj.layers.WeightSpec;
import io.kerasj.layers.WeightStore;
import io.kerasj.losses.Loss;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import io.kerasj.saving.ModelFormat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Keras's {@code Model} on the TensorFlow runtime: {@code compile}, {@code fit}, {@code evaluate},
 * {@code predict}, {@code save}, {@code summary} and the weights, for any graph of layers.
 *
 * <p>Three ways to make one, as in Keras:
 * <ul>
 *   <li>functional: {@code new Model(inputs, outputs)} from {@link Input}s and the tensors layers made of them
 *       ({@code new Dense(30, "relu").apply(input)}), with several inputs and outputs, shared layers and models
 *       used as layers;</li>
 *   <li>{@link Sequential}: a stack of layers;</li>
 *   <li>subclassing: a class that creates its layers in its constructor and overrides {@link #call(KerasTensor)}
 *       (or {@link #call(List)} for several inputs); the model is traced on symbolic inputs when it is built
 *       ({@link #build(long[])}, or by the first {@code fit}/{@code predict}).</li>
 * </ul>
 * A model is a layer: it can be called on tensors inside another model, with its weights shared. Each layer has
 * one set of weights however many models use it. A model holds one TensorFlow graph and session, created when
 * first needed; close the model to free them.
 *
 * <p>The seed fixes the first weights, the shuffling and the random ops of the layers (dropout masks), so the same
 * seed gives the same History on the same machine.
 */
public class Model extends Layer implements AutoCloseable {
    private long seed;
    private final ModelRuntime runtime = newRuntime();
    private ThreadSettings threads;
    private MultiWorkerMirroredStrategy strategy;
    private Network network;
    private List<String> outputNames;
    private final WeightStore weightStore = new ModelWeightStore();

    /**
     * Keras 3's {@code train_step}: one training step on one batch, written with TensorFlow ops. Override it for a
     * step of one's own (manual gradient clipping, two optimizers on two sets of weights, a GAN's alternating
     * updates); {@code fit} and {@code trainOnBatch} trace it once into their in-graph loop, so it runs at fit speed
     * and stops at the first non-finite loss as the default step does. The default is Keras's: forward pass,
     * compiled loss, gradients of the trainable weights, the compiled optimizer, the compiled metrics.
     *
     * <pre>{@code
     * protected StepLogs trainStep(TrainStep step) {
     *     List<LayerOutput> yPred = step.call(step.x(), true);
     *     Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);
     *     List<Operand<TFloat32>> grads = step.gradients(loss, step.trainableWeights());
     *     // ... clip, scale or route the gradients ...
     *     step.applyGradients(step.optimizer(), grads, step.trainableWeights());
     *     step.updateMetrics(step.y(), yPred);
     *     return StepLogs.of(loss);
     * }
     * }</pre>
     *
     * @param step the batch, the model's calls, the compiled loss, metrics and optimizer
     * @return the step's logs: its loss
     */
    protected StepLogs trainStep(TrainStep step) {
        return step.defaultStep();
    }

    /**
     * A training step of one's own for a training loop of one's own (Python's {@code tf.GradientTape} step): written
     * once with the {@link TrainStep} calls, built into this model's graph on its first run, then run per batch. See
     * {@link CustomStep} for the course's chapter-3 loop.
     *
     * @param step the step: forward pass, loss, {@code gradients}, {@code applyGradients} with any optimizer
     * @return the step, to {@link CustomStep#run} on each batch
     */
    public CustomStep customStep(java.util.function.Function<TrainStep, StepLogs> step) {
        runtime.requireLayers();
        return new CustomStep(runtime, step);
    }

    private org.tensorflow.Operand<org.tensorflow.types.TFloat32> traceTrainStep(io.kerasj.engine.TrainStepGraph graph) {
        StepLogs logs = trainStep(new TrainStep(graph));
        if (logs == null) {
            throw new IllegalStateException("model " + name() + ": trainStep returned no logs; return StepLogs.of(loss)");
        }
        return logs.loss();
    }

    private ModelRuntime newRuntime() {
        ModelRuntime created = new ModelRuntime(this, overridesTrainStep() ? this::traceTrainStep : null);
        if (overrides("testStep", TestStep.class)) {
            created.useTestStep(this::traceTestStep);
        }
        return created;
    }

    /**
     * Keras 3's {@code test_step}: one evaluation step on one batch, run by {@code evaluate} and by {@code fit}'s
     * validation. The default is Keras's: forward pass at inference, compiled loss, compiled metrics (see
     * {@link TestStep}). Override it to evaluate otherwise; the returned loss is the batch's mean, weighted by the
     * batch size over the set as Keras does.
     *
     * @param step the batch, the model's calls, the compiled loss and metrics
     * @return the step's logs: its loss
     */
    protected StepLogs testStep(TestStep step) {
        List<io.kerasj.layers.LayerOutput> yPred = step.call(step.x(), false);
        org.tensorflow.Operand<org.tensorflow.types.TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);
        step.updateMetrics(step.y(), yPred);
        return StepLogs.of(loss);
    }

    private org.tensorflow.Operand<org.tensorflow.types.TFloat32> traceTestStep(io.kerasj.engine.TrainStepGraph graph) {
        StepLogs logs = testStep(new TestStep(graph));
        if (logs == null) {
            throw new IllegalStateException("model " + name() + ": testStep returned no logs; return StepLogs.of(loss)");
        }
        return logs.loss();
    }

    private boolean overridesTrainStep() {
        return overrides("trainStep", TrainStep.class);
    }

    private boolean overrides(String method, Class<?> argument) {
        for (Class<?> c = getClass(); c != Model.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(method, argument);
                return true;
            } catch (NoSuchMethodException e) {
                // not in this class: look further up
            }
        }
        return false;
    }

    /**
     * A model that a subclass defines: {@link Sequential}, or a class overriding {@link #call(KerasTensor)}.
     *
     * @param name the model's name, shown by {@link #summary()}
     * @param seed the seed of the first weights, the shuffling and the layers' random ops
     */
    protected Model(String name, long seed) {
        super(name);
        this.seed = seed;
    }

    /** A subclassed model named as Keras names it (the snake case of its class name), with a random seed. */
    protected Model() {
        super(null);
        setName(Naming.autoName(getClass().getSimpleName()));
        this.seed = new Random().nextLong();
    }

    /**
     * Keras's {@code Model(inputs=input, outputs=output)}.
     *
     * @param input the input tensor
     * @param output the output tensor, made from the input by layers
     */
    public Model(KerasTensor input, KerasTensor output) {
        this(List.of(input), List.of(output), null);
    }

    /**
     * Keras's {@code Model(inputs=[...], outputs=[...])}.
     *
     * @param inputs the input tensors, in the order {@code fit} and {@code predict} take them
     * @param outputs the output tensors, in order
     */
    public Model(List<? extends KerasTensor> inputs, List<? extends KerasTensor> outputs) {
        this(inputs, outputs, null);
    }

    /**
     * @param inputs the input tensors, in order
     * @param outputs the output tensors, in order
     * @param name the model's name, or null for Keras's ({@code functional}, {@code functional_1}, ...)
     * @throws IllegalArgumentException when an output cannot be computed from the inputs, or layer names clash
     */
    public Model(List<? extends KerasTensor> inputs, List<? extends KerasTensor> outputs, String name) {
        super(name != null ? name : Naming.autoName("Functional"));
        this.seed = new Random().nextLong();
        useNetwork(Network.of(List.copyOf(inputs), List.copyOf(outputs)), null);
    }

    /**
     * Keras's {@code Model(inputs={...}, outputs={...})}: inputs and outputs by name. The names order them as
     * Keras's {@code tree.flatten} does (sorted); the outputs are named by their keys.
     *
     * @param inputs the input tensors by name
     * @param outputs the output tensors by name
     * @param name the model's name, or null for Keras's
     */
    public Model(Map<String, ? extends KerasTensor> inputs, Map<String, ? extends KerasTensor> outputs, String name) {
        super(name != null ? name : Naming.autoName("Functional"));
        this.seed = new Random().nextLong();
        List<KerasTensor> in = new ArrayList<>();
        new TreeMap<>(inputs).values().forEach(in::add);
        List<KerasTensor> out = new ArrayList<>();
        TreeMap<String, ? extends KerasTensor> sortedOutputs = new TreeMap<>(outputs);
        sortedOutputs.values().forEach(out::add);
        useNetwork(Network.of(in, out), List.copyOf(sortedOutputs.keySet()));
    }

    /** Installs the graph this model runs; its layers read and write their weights through the shared store. */
    private void useNetwork(Network built, List<String> names) {
        this.network = built;
        this.outputNames = names;
        built.layers().forEach(layer -> layer.attach(weightStore));
        if (!isTrainable()) {
            trainable(false); // frozen before its graph was known
        }
    }

    @Override
    public Model trainable(boolean trainable) {
        super.trainable(trainable);
        return this;
    }

    /** Reads and writes a layer's weights wherever they live, making this model's graph first if none holds them. */
    private final class ModelWeightStore implements WeightStore {
        @Override
        public List<float[]> read(Layer layer) {
            ensureValues(layer);
            return SharedWeights.STORE.read(layer);
        }

        @Override
        public void write(Layer layer, List<float[]> values) {
            ensureValues(layer);
            SharedWeights.STORE.write(layer, values);
        }

        private void ensureValues(Layer layer) {
            if (!SharedWeights.STORE.hasValues(layer)) {
                graph();
            }
        }
    }

    /** @return the store through which this model's layers read and write their weights */
    protected final WeightStore weightStore() {
        return weightStore;
    }

    /**
     * Sets the seed of the first weights, the shuffling and the random ops ({@code keras.utils.set_random_seed}
     * for this model); before the model first runs.
     *
     * @param seed the seed
     * @return this model
     */
    public Model seed(long seed) {
        if (runtime.isRunning()) {
            throw new IllegalStateException("seed: must be set before the model first runs");
        }
        this.seed = seed;
        return this;
    }

    /**
     * The model's graph: its inputs, outputs and nodes. A Sequential makes it from its stack; a subclassed model
     * traces {@link #call(List)} when it is built.
     *
     * @return the graph
     * @throws IllegalStateException when a subclassed model is not built yet
     */
    public Network network() {
        if (network == null) {
            Network traced = defineNetwork();
            if (traced == null) {
                throw new IllegalStateException("model " + name() + " is not built yet: call build(inputShape) first, or fit/predict on data");
            }
            useNetwork(traced, null);
        }
        return network;
    }

    /**
     * Makes the graph of a model defined by code: a Sequential's stack, or null for a subclassed model until
     * {@link #build(long[])}.
     *
     * @return the graph, or null when it cannot be made yet
     */
    protected Network defineNetwork() {
        return null;
    }

    /** Forgets the graph made by {@link #defineNetwork()} (a Sequential that grows). */
    protected void resetNetwork() {
        this.network = null;
    }

    /**
     * Keras's {@code call(inputs)} of a subclassed model, for one input: written with layers called on symbolic
     * tensors ({@code hidden.apply(input)}); it is traced once, when the model is built.
     *
     * @param input the input tensor
     * @return the output tensor
     */
    protected KerasTensor call(KerasTensor input) {
        throw new UnsupportedOperationException("model " + name() + ": a subclassed model overrides call(KerasTensor) or call(List)");
    }

    /**
     * Keras's {@code call(inputs)} of a subclassed model, for several inputs or outputs; by default
     * {@link #call(KerasTensor)} on the one input.
     *
     * @param inputs the input tensors
     * @return the output tensors
     */
    protected List<KerasTensor> call(List<KerasTensor> inputs) {
        if (inputs.size() != 1) {
            throw new UnsupportedOperationException("model " + name() + " has " + inputs.size() + " inputs: override call(List)");
        }
        return List.of(call(inputs.get(0)));
    }

    /**
     * Keras's {@code model.build(input_shape)} for a subclassed model: traces {@link #call} on an input of this
     * per-sample shape.
     *
     * @param inputShapes the per-sample shape of each input
     * @return this model
     */
    public Model buildFor(List<long[]> inputShapes) {
        build(inputShapes);
        return this;
    }

    @Override
    protected List<long[]> buildAll(List<long[]> inputShapes, WeightDeclarations weights) {
        if (network == null && defineNetwork() == null) {
            List<KerasTensor> inputs = new ArrayList<>();
            inputShapes.forEach(shape -> inputs.add(new Input(shape)));
            useNetwork(Network.of(inputs, call(inputs)), null);
        }
        List<long[]> expected = network().inputShapes();
        for (int i = 0; i < Math.max(expected.size(), inputShapes.size()); i++) {
            if (i >= expected.size() || i >= inputShapes.size() || !Arrays.equals(expected.get(i), inputShapes.get(i))) {
                throw new IllegalArgumentException("model " + name() + ": expected inputs of shape "
                        + expected.stream().map(Arrays::toString).toList() + ", found " + inputShapes.stream().map(Arrays::toString).toList());
            }
        }
        return network().outputShapes();
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return buildAll(List.of(inputShape), weights).get(0);
    }

    @Override
    public boolean isBuilt() {
        return network != null || defineNetwork() != null;
    }

    @Override
    public List<WeightSpec> weightSpecs() {
        return isBuilt() ? network().weightSpecs() : List.of();
    }

    @Override
    public List<long[]> inputShapes() {
        return network().inputShapes();
    }

    @Override
    public List<long[]> outputShapes() {
        return network().outputShapes();
    }

    @Override
    public String className() {
        return getClass() == Model.class ? "Functional" : getClass().getSimpleName();
    }

    /** A model called inside another model: its graph run on the caller's tensors, with the shared weights. */
    @Override
    public List<LayerOutput> callAll(CallContext context, List<Operand<TFloat32>> inputs) {
        Map<WeightSpec, Operand<TFloat32>> values = new IdentityHashMap<>();
        for (WeightSpec spec : weightSpecs()) {
            values.put(spec, context.read(spec));
        }
        Forward forward = Forward.of(context.tf(), network(), layers(), inputs, values, context.training(), context.seed());
        forward.updates().forEach(context::update);
        forward.losses().forEach(context::addLoss);
        return forward.predictions();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return single(callAll(context, List.of(input)));
    }

    @Override
    public LayerOutput call(CallContext context, List<Operand<TFloat32>> inputs) {
        return single(callAll(context, inputs));
    }

    private LayerOutput single(List<LayerOutput> outputs) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("model " + name() + " has " + outputs.size() + " outputs");
        }
        return outputs.get(0);
    }

    /**
     * Keras's {@code model.layers}: a functional model's in Keras's order, {@link io.kerasj.layers.InputLayer}s
     * included; a Sequential's stack; a subclassed model's layers (without its inputs).
     *
     * @return the layers
     */
    public List<Layer> layers() {
        if (getClass() != Model.class) {
            return trackedLayers();
        }
        return network().layers();
    }

    /**
     * A subclassed model's layers as Keras tracks them: the layers its fields hold, in declaration order (Keras's
     * attribute order); a layer made inside {@code call} (a {@code Merge.concatenate}) runs but is not listed, as in
     * Keras. Without such fields, every layer of the traced graph.
     */
    private List<Layer> trackedLayers() {
        List<Layer> computing = network().computingLayers();
        List<Layer> tracked = new ArrayList<>();
        try {
            for (io.kerasj.layers.LayerAttribute attribute : io.kerasj.layers.LayerAttribute.of(this, Model.class)) {
                attribute.layers().stream().filter(computing::contains).forEach(tracked::add);
            }
        } catch (IllegalStateException e) {
            return computing; // a field we may not read: list the graph's layers instead
        }
        return tracked.isEmpty() ? computing : tracked;
    }

    /** Keras's {@code model.trainable} setter reaches every layer of the graph, nested models included. */
    @Override
    protected List<Layer> nestedLayers() {
        return isBuilt() ? network().computingLayers() : List.of();
    }

    /** A model tracks its layers through its graph ({@link #layers()}), not as a layer's sublayers. */
    @Override
    protected List<io.kerasj.layers.LayerAttribute> trackSublayers() {
        return List.of();
    }

    @Override
    public String weightPath(WeightSpec weight) {
        for (Layer layer : network().computingLayers()) {
            if (layer.weightSpecs().contains(weight)) {
                return name() + "/" + layer.weightPath(weight);
            }
        }
        throw new IllegalArgumentException("model " + name() + ": weight " + weight + " is not one of its own");
    }

    /**
     * Keras's {@code model.get_layer(name)}.
     *
     * @param layerName a layer's name
     * @return the layer
     * @throws IllegalArgumentException when no layer of the model has that name
     */
    public Layer getLayer(String layerName) {
        for (Layer layer : layers()) {
            if (layer.name().equals(layerName)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("No such layer: " + layerName + ". Existing layers are: "
                + layers().stream().map(Layer::name).toList() + ".");
    }

    /** @return Keras's {@code model.inputs}: the input tensors, in order */
    public List<KerasTensor> inputs() {
        return network().inputs();
    }

    /** @return Keras's {@code model.outputs}: the output tensors, in order */
    public List<KerasTensor> outputs() {
        return network().outputs();
    }

    /** @return Keras's {@code model.input_names}: the inputs' names, in order */
    public List<String> inputNames() {
        return network().inputNames();
    }

    /** @return Keras's {@code model.output_names}: the outputs' names, in order (the keys for outputs given by name) */
    public List<String> outputNames() {
        return outputNames != null ? outputNames : network().outputNames();
    }

    /** @return the per-sample input shape; the model must have one input */
    @Override
    public long[] inputShape() {
        return one(inputShapes(), "inputs");
    }

    /** @return the per-sample output shape; the model must have one output */
    @Override
    public long[] outputShape() {
        return one(outputShapes(), "outputs");
    }

    private long[] one(List<long[]> shapes, String what) {
        if (shapes.size() != 1) {
            throw new IllegalStateException("model " + name() + " has " + shapes.size() + " " + what + ": use the list forms");
        }
        return shapes.get(0).clone();
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

    /**
     * Trains this model as one worker of a synchronous data-parallel group (Keras's {@code with strategy.scope():}
     * around the model's creation); call before the model first runs. Every worker builds the same model and fits on
     * its own shard; see {@link MultiWorkerMirroredStrategy} for what is synchronized.
     *
     * @param strategy this worker's strategy
     * @return this model
     */
    public Model distributeStrategy(MultiWorkerMirroredStrategy strategy) {
        if (runtime.isRunning()) {
            throw new IllegalStateException("distributeStrategy: must be set before the model first runs");
        }
        this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
        runtime.replicate(strategy.replication());
        return this;
    }

    /** @return the strategy this model trains under, or null when it trains alone (Keras's {@code distribute_strategy}) */
    public MultiWorkerMirroredStrategy distributeStrategy() {
        return strategy;
    }

    /** @return the thread settings in use, or the default for this model */
    public ThreadSettings threadSettings() {
        return threads != null ? threads : ThreadSettings.forModel(multiplyAdds());
    }

    /**
     * Keras's {@code compile(optimizer=..., loss=..., metrics=[...])}, each argument by its Keras name, as a name or
     * an object: {@code model.compile(CompileOptions.defaults().optimizer("adam").loss("mse").metrics("mae"))}.
     * Recompiling keeps the weights; as in Keras 3 the optimizer's state is the instance's: a new optimizer starts
     * afresh, the same instance continues from its slots, step count and learning rate, and refuses (at the next
     * training step) a weight that is trainable now but was not when it first trained the model.
     *
     * @param options the optimizer, the loss and the metrics
     * @throws IllegalStateException without layers or without a loss
     */
    public void compile(CompileOptions options) {
        requireLayers();
        runtime.compile(options.resolve(outputNames(), outputShapes()));
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
        network();
        return paramCount();
    }

    @Override
    public long multiplyAdds() {
        return network().computingLayers().stream().mapToLong(Layer::multiplyAdds).sum();
    }

    /**
     * @return Keras's {@code model.summary()} text in TF 2.3's layout, non-trainable weights counted apart: a
     *     Sequential, a subclassed model and a functional chain in three columns; any other graph with a fourth,
     *     "Connected to" ({@code input_layer[0][0]})
     */
    public String summaryText() {
        requireLayers();
        long trainable = trainableParamCount();
        return ModelSummary.of(this).format(trainable, countParams() - trainable);
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
        return fit(List.of(x), List.of(y), options);
    }

    /**
     * Keras's {@code fit(x=[...], y=[...])}: one array per input and one per output, in the model's order.
     *
     * @param x each input's samples
     * @param y each output's targets
     * @param options epochs, batch size, validation data or split, callbacks, ...
     * @return the History, keyed as Keras 3 keys it ({@code loss}, {@code <output>_loss}, {@code <output>_<metric>},
     *     and their {@code val_} twins)
     */
    public History fit(List<FloatSamples> x, List<Targets> y, FitOptions options) {
        network();
        ModelData data = ModelData.of(this, x, y);
        if (options.stepsPerEpoch() > 0) {
            throw new IllegalArgumentException("steps_per_epoch: supported with a Pipeline; with arrays an epoch is one pass of batch_size batches");
        }
        ModelData validation = options.validation() != null ? ModelData.validation(this, options.validation()) : null;
        if (options.validationSplit() > 0) {
            if (validation != null || options.validationPipeline() != null) {
                throw new IllegalArgumentException("fit: give validation data or validation_split, not both");
            }
            ModelData[] split = data.splitLast(options.validationSplit());
            data = split[0];
            validation = split[1];
        }
        return runtime.fit(data.x(), data.y(), validation == null ? null : validation.x(), validation == null ? null : validation.y(), options);
    }

    /**
     * Keras's {@code fit(x={...}, y={...})}: arrays by input name and by output name.
     *
     * @param x each input's samples, by input name
     * @param y each output's targets, by output name
     * @param options epochs, batch size, validation data or split, callbacks, ...
     * @return the History
     */
    public History fit(Map<String, FloatSamples> x, Map<String, Targets> y, FitOptions options) {
        return fit(ModelData.inputsByName(this, "x", x), ModelData.outputsByName(this, "y", y), options);
    }

    /**
     * Keras's {@code fit(dataset)}: trains on a pipeline of batched (x, y) elements, as Keras's fit on a
     * {@code tf.data.Dataset}. Each element's x holds one array per model input and y one per output, by position or
     * by the model's {@link #inputNames()} / {@link #outputNames()}. An epoch is one whole pass of the pipeline (pass
     * number = epoch, so a resumed run reads what the uninterrupted one did), or {@link FitOptions#stepsPerEpoch(int)}
     * batches of a pass that continues across epochs. As in Keras 3, the pipeline batches and shuffles:
     * {@code batchSize} and {@code shuffle} are ignored; {@code validation_split} is refused. Validation data may be a
     * pipeline ({@link FitOptions#validationData(Pipeline)}, with {@link FitOptions#validationSteps(int)}) or arrays.
     * An exception the pipeline throws (a generator's own) surfaces unchanged; the epochs finished before it stay
     * trained and recorded in {@link #lastRun()}'s History.
     *
     * @param train batched (x, y) elements
     * @param options epochs, steps per epoch, validation, callbacks, ...
     * @return the History, keyed as with arrays
     * @throws io.kerasj.pipeline.PipelineException when a pass gives no batch, or a batch does not fit the model
     */
    public History fit(Pipeline train, FitOptions options) {
        Objects.requireNonNull(train, "x");
        network();
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException("Argument `validation_split` is only supported for tensors or NumPy arrays. "
                    + "Found incompatible type in the input: [Pipeline]");
        }
        ModelData validation = options.validation() != null ? ModelData.validation(this, options.validation()) : null;
        return runtime.fit(train, validation == null ? null : validation.x(), validation == null ? null : validation.y(), options);
    }

    /**
     * Keras's {@code evaluate(dataset)}: prints the progress line and returns the loss and the metrics.
     *
     * @param data batched (x, y) elements
     * @return {@code [loss, metrics...]} in the compiled order
     */
    public double[] evaluate(Pipeline data) {
        return evaluate(data, 1, System.out);
    }

    /**
     * Keras's {@code evaluate(dataset, verbose=..., callbacks=[...])}.
     *
     * @param data batched (x, y) elements
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return {@code [loss, metrics...]} in the compiled order
     */
    public double[] evaluate(Pipeline data, int verbose, PrintStream out, Callback... callbacks) {
        return evaluateToMap(data, verbose, out, callbacks).values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Keras's {@code evaluate(dataset, verbose=..., callbacks=[...], return_dict=True)}: one whole pass; the numbers
     * equal those of the same rows given as arrays.
     *
     * @param data batched (x, y) elements, by position or by name as for {@link #fit(Pipeline, FitOptions)}
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks (their test hooks are told the pipeline's batches)
     * @return the loss and the metrics by name, in the compiled order
     */
    public Map<String, Double> evaluateToMap(Pipeline data, int verbose, PrintStream out, Callback... callbacks) {
        return evaluateToMap(data, 0, verbose, out, callbacks);
    }

    /**
     * Keras's {@code evaluate(dataset, steps=..., verbose=..., return_dict=True)}.
     *
     * @param data batched (x, y) elements
     * @param steps the most batches to evaluate, or 0 for the whole pass
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return the loss and the metrics by name, in the compiled order
     */
    public Map<String, Double> evaluateToMap(Pipeline data, int steps, int verbose, PrintStream out, Callback... callbacks) {
        Objects.requireNonNull(data, "x");
        if (steps < 0) {
            throw new IllegalArgumentException("steps: expected a number >= 0, found " + steps);
        }
        network();
        return runtime.evaluate(data, steps, verbose, out, callbacks);
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
        return evaluateToMap(List.of(x), List.of(y), verbose, out, callbacks);
    }

    /**
     * Keras's {@code evaluate(x=[...], y=[...], return_dict=True)} for several inputs or outputs.
     *
     * @param x each input's samples
     * @param y each output's targets
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return the loss, each output's loss (for several) and the metrics by name, in the compiled order
     */
    public Map<String, Double> evaluateToMap(List<FloatSamples> x, List<Targets> y, int verbose, PrintStream out, Callback... callbacks) {
        network();
        return runtime.evaluate(x, y, verbose, out, callbacks);
    }

    /**
     * Keras's {@code evaluate(x={...}, y={...}, return_dict=True)}.
     *
     * @param x each input's samples, by input name
     * @param y each output's targets, by output name
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @return the loss and the metrics by name
     */
    public Map<String, Double> evaluateToMap(Map<String, FloatSamples> x, Map<String, Targets> y, int verbose, PrintStream out) {
        return evaluateToMap(ModelData.inputsByName(this, "x", x), ModelData.outputsByName(this, "y", y), verbose, out);
    }

    /**
     * Keras's {@code predict(x)}: the model's outputs (probabilities for a softmax model).
     *
     * @param x samples
     * @param callbacks callbacks whose predict hooks are called
     * @return one row of outputs per sample
     */
    public float[][] predict(FloatSamples x, Callback... callbacks) {
        if (outputShapes().size() != 1) {
            throw new IllegalStateException("model " + name() + " has " + outputShapes().size() + " outputs: use predict(List) or predictByName(Map)");
        }
        return predict(List.of(x), callbacks).get(0);
    }

    /**
     * Keras's {@code predict([a, b])}: one array per input, in the model's input order.
     *
     * @param x each input's samples
     * @param callbacks callbacks whose predict hooks are called
     * @return each output's rows (one per sample), in the model's output order
     */
    public List<float[][]> predict(List<FloatSamples> x, Callback... callbacks) {
        network();
        return runtime.predict(x, callbacks);
    }

    /**
     * Keras's {@code predict({"wide_input": a, "deep_input": b})}, keyed by output name as TF Serving answers.
     *
     * @param x each input's samples, by input name
     * @return each output's rows, by output name, in the model's output order
     */
    public Map<String, float[][]> predictByName(Map<String, FloatSamples> x) {
        List<float[][]> outputs = predict(ModelData.inputsByName(this, "x", x));
        Map<String, float[][]> named = new LinkedHashMap<>();
        for (int o = 0; o < outputs.size(); o++) {
            named.put(outputNames().get(o), outputs.get(o));
        }
        return named;
    }

    /**
     * Keras's {@code predict(dataset)}: the outputs for one whole pass of a pipeline of batched elements (x alone, or
     * (x, y) with y ignored), equal to those of the same rows given as arrays.
     *
     * @param data batched elements, by position or by input name
     * @param callbacks callbacks whose predict hooks are called (told the pipeline's batches)
     * @return each output's rows (one per sample), in the model's output order
     */
    public List<float[][]> predict(Pipeline data, Callback... callbacks) {
        Objects.requireNonNull(data, "x");
        network();
        return runtime.predict(data, 0, callbacks);
    }

    /**
     * Keras's {@code predict(dataset)} keyed by output name.
     *
     * @param data batched elements
     * @return each output's rows, by output name, in the model's output order
     */
    public Map<String, float[][]> predictByName(Pipeline data) {
        List<float[][]> outputs = predict(data);
        Map<String, float[][]> named = new LinkedHashMap<>();
        for (int o = 0; o < outputs.size(); o++) {
            named.put(outputNames().get(o), outputs.get(o));
        }
        return named;
    }

    /**
     * Keras's {@code train_on_batch(x, y, return_dict=True)}: one step of the optimizer on one batch, in the same
     * compiled program as {@code fit}.
     *
     * @param x the batch's samples
     * @param y their targets
     * @return the batch's loss and metrics, by name (the metrics reset first, as Keras 3 does)
     */
    public Map<String, Double> trainOnBatch(FloatSamples x, Targets y) {
        return trainOnBatch(List.of(x), List.of(y));
    }

    /**
     * Keras's {@code train_on_batch([...], [...], return_dict=True)} for several inputs or outputs.
     *
     * @param x each input's samples: one batch
     * @param y each output's targets
     * @return the batch's loss and metrics, by name
     */
    public Map<String, Double> trainOnBatch(List<FloatSamples> x, List<Targets> y) {
        network();
        return runtime.trainOnBatch(x, y);
    }

    /**
     * Keras's {@code test_on_batch(x, y, return_dict=True)}.
     *
     * @param x the batch's samples
     * @param y their targets
     * @return the batch's loss and metrics, by name
     */
    public Map<String, Double> testOnBatch(FloatSamples x, Targets y) {
        return testOnBatch(List.of(x), List.of(y));
    }

    /**
     * Keras's {@code test_on_batch} for several inputs or outputs.
     *
     * @param x each input's samples: one batch
     * @param y each output's targets
     * @return the batch's loss and metrics, by name
     */
    public Map<String, Double> testOnBatch(List<FloatSamples> x, List<Targets> y) {
        network();
        return runtime.testOnBatch(x, y);
    }

    /**
     * Keras's {@code predict_on_batch(x)}: the outputs of one batch, without callbacks or progress.
     *
     * @param x the batch's samples (one array per input)
     * @return each output's rows
     */
    public List<float[][]> predictOnBatch(List<FloatSamples> x) {
        return predict(x);
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

    /**
     * Keras's {@code model.save_weights(path)}: Keras 3's {@code .weights.h5} (the layout of {@code model.weights.h5}
     * inside a {@code .keras}, with the optimizer's state when compiled), published whole. As Keras's (whose
     * {@code overwrite} defaults to true), an existing {@code .weights.h5} that KerasJ wrote is replaced; anything
     * else there is refused with {@link io.kerasj.io.OutputRefusedException} and left untouched.
     *
     * @param path a file name ending in {@code .weights.h5}
     * @throws IllegalArgumentException when the name does not end in {@code .weights.h5}
     */
    public void saveWeights(Path path) {
        saveWeights(path, true);
    }

    /**
     * @param path a file name ending in {@code .weights.h5}
     * @param overwrite whether an existing {@code .weights.h5} that KerasJ wrote may be replaced
     * @see #saveWeights(Path)
     */
    public void saveWeights(Path path, boolean overwrite) {
        requireLayers();
        io.kerasj.saving.keras.KerasWeightFiles.save(this, path, overwrite);
    }

    /**
     * Keras's {@code model.load_weights(path)}: a {@code .weights.h5} or {@code .keras} file (Keras 3's layout, by
     * layer class and place), or a legacy {@code .h5} weights file (Keras 2's {@code save_weights}, Keras
     * Applications' ImageNet weights: the layers with weights, in order).
     *
     * @param path the weights file
     * @throws io.kerasj.KerasJException in one line when the file does not fit the model (the weights are then unchanged)
     */
    public void loadWeights(Path path) {
        loadWeights(path, false, false);
    }

    /**
     * {@code model.load_weights(path, skip_mismatch=..., by_name=...)}; {@code by_name} applies to legacy {@code .h5}
     * files only, as in Keras. Skipped weights are logged as warnings through {@link System.Logger} {@code io.kerasj.saving}.
     *
     * @param path the weights file
     * @param skipMismatch skip what does not fit: a legacy file's weights whose shape differs (by name: also layers whose
     *     weight count differs), a Keras 3 file's layers whose weights differ
     * @param byName match the file's layers to the model's by name, skipping those the model lacks
     */
    public void loadWeights(Path path, boolean skipMismatch, boolean byName) {
        requireLayers();
        io.kerasj.saving.keras.KerasWeightFiles.load(this, path, skipMismatch, byName, null);
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
    @Override
    public List<float[]> getWeights() {
        return runtime.getWeights();
    }

    /**
     * Keras's {@code model.weights}: every weight with its path ({@code dense/kernel}), shape and values, in the
     * order of {@link #getWeights()}.
     *
     * @return copies of the weights
     */
    @Override
    public List<io.kerasj.layers.Weight> weights() {
        List<io.kerasj.layers.Weight> out = new ArrayList<>();
        List<float[]> values = getWeights();
        List<String> paths = runtime.weightPaths();
        List<WeightSpec> specs = weightSpecs();
        for (int i = 0; i < specs.size(); i++) {
            out.add(new io.kerasj.layers.Weight(paths.get(i).substring(name().length() + 1), specs.get(i).shape(), values.get(i)));
        }
        return out;
    }

    /** @param weights values in the order and sizes {@link #getWeights()} returns */
    @Override
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

    /** The compiled training loop, built on first need with the compiled optimizer instance's state (fresh for a new one). */
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
