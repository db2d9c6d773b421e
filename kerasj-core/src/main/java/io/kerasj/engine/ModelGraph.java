package io.kerasj.engine;

import io.kerasj.models.ThreadSettings;

import io.kerasj.runtime.Tensors;
import io.kerasj.runtime.NativeRuntime;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * One model's TensorFlow graph and session: its weight variables, the inference and evaluation ops, and the
 * training programs added by {@code fit}. Everything crosses into TensorFlow here in bulk copies.
 */
public final class ModelGraph implements AutoCloseable {

    static {
        NativeRuntime.ensureLoaded();
    }
    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final Session session;
    private final Network network;
    private final List<Layer> layers;
    private final long seed;
    private final List<WeightSpec> specs;
    private final Map<WeightSpec, ResourceVariable<TFloat32>> variables = new IdentityHashMap<>();
    private final List<Placeholder<? extends TNumber>> inputs = new ArrayList<>();
    private final Forward inference;
    private final List<Operand<TFloat32>> inferenceOutputs = new ArrayList<>();
    private Evaluation evaluation;
    private TrainStepGraph.StepFunction testStep;
    private final Replication replication;
    private int collectives;
    private WorkerSync workerSync;

    /** The evaluation ops of one compiled configuration: summed loss and summed metric values of a fed batch. */
    private record Evaluation(CompileConfig config, List<Placeholder<? extends TNumber>> targets,
                              Operand<TFloat32> lossSum, List<Operand<TFloat32>> metricSums) {
    }

    /**
     * @param network the model's nodes, inputs and outputs
     * @param layers the model's layers, whose positions derive the layers' seeds
     * @param threads the session's thread counts
     * @param seed the model's seed
     */
    public ModelGraph(Network network, List<Layer> layers, ThreadSettings threads, long seed) {
        this(network, layers, threads, seed, null);
    }

    /**
     * @param network the model's nodes, inputs and outputs
     * @param layers the model's layers, whose positions derive the layers' seeds
     * @param threads the session's thread counts
     * @param seed the model's seed
     * @param replication this worker of a data-parallel group, or null to train alone
     */
    public ModelGraph(Network network, List<Layer> layers, ThreadSettings threads, long seed, Replication replication) {
        this.replication = replication;
        this.network = network;
        this.layers = List.copyOf(layers);
        this.seed = seed;
        this.specs = network.weightSpecs();
        Map<WeightSpec, String> paths = weightPaths(network);
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (WeightSpec spec : specs) {
            variables.put(spec, new ResourceVariable<>(tf, variableName(spec, paths, taken), TFloat32.class, spec.shape()));
        }
        List<KerasTensor> in = network.inputs();
        for (int i = 0; i < in.size(); i++) {
            // one input keeps the name "x" that exports and tools know
            String name = in.size() == 1 ? "x" : "input_" + i;
            inputs.add(tf.withName(name).placeholder(InputTypes.of(in.get(i).dtype()),
                    Placeholder.shape(Shape.of(Tensors.withBatch(-1, in.get(i).shape())))));
        }
        Ops scope = tf.withSubScope("inference");
        Forward forward = Forward.of(scope, network, layers, inputs, reads(specs), false, seed);
        // An identity so that a model whose output is its input (Flatten, Dropout at inference) can be fetched.
        List<LayerOutput> predictions = new ArrayList<>();
        for (LayerOutput prediction : forward.predictions()) {
            LayerOutput fetched = new LayerOutput(scope.identity(prediction.output()), prediction.logits(), prediction.activation());
            predictions.add(fetched);
            inferenceOutputs.add(fetched.output());
        }
        inference = new Forward(predictions, forward.updates(), forward.losses());
        session = replication == null ? new Session(graph, threads.toConfigProto())
                : replication.openSession(graph, threads.toConfigProto());
    }

    /** @return this worker of a data-parallel group, or null when the model trains alone */
    Replication replication() {
        return replication;
    }

    /** @return the next collective's instance key; every worker builds its collectives in the same order */
    int nextInstanceKey() {
        return ++collectives;
    }

    /** @return this worker's synchronization with the others of its group (made once); only when replicated */
    WorkerSync workerSync() {
        if (workerSync == null) {
            workerSync = new WorkerSync(this, replication);
        }
        return workerSync;
    }

    /** @return each weight's path in the first computing layer that holds it */
    private static Map<WeightSpec, String> weightPaths(Network network) {
        Map<WeightSpec, String> paths = new IdentityHashMap<>();
        for (Layer layer : network.computingLayers()) {
            for (WeightSpec spec : layer.weightSpecs()) {
                paths.computeIfAbsent(spec, layer::weightPath);
            }
        }
        return paths;
    }

    /** @return the weight's path, made unique among the names already taken (then taken too) */
    private static String variableName(WeightSpec spec, Map<WeightSpec, String> paths, java.util.Set<String> taken) {
        String name = paths.getOrDefault(spec, spec.name());
        String unique = name;
        for (int k = 1; !taken.add(unique); k++) {
            unique = name + "_" + k;
        }
        return unique;
    }

    Graph graph() {
        return graph;
    }

    Ops ops() {
        return tf;
    }

    Session session() {
        return session;
    }

    List<Layer> layers() {
        return layers;
    }

    /** @return the model's nodes, inputs and outputs */
    Network network() {
        return network;
    }

    /** Makes this graph the home of its weights, copying in those another model changed since ({@link SharedWeights}). */
    void claimWeights() {
        SharedWeights.claim(this, specs);
    }

    /**
     * @param spec one of this graph's weights
     * @return its variable
     */
    ResourceVariable<TFloat32> variableOf(WeightSpec spec) {
        return java.util.Objects.requireNonNull(variables.get(spec), () -> "weight " + spec + " is not part of this model");
    }

    long seed() {
        return seed;
    }

    /** @return every layer weight, in layer order and each layer's declaration order */
    List<WeightSpec> weightSpecs() {
        return specs;
    }

    /** @return the variables of all weights, in {@link #weightSpecs()} order */
    public List<ResourceVariable<TFloat32>> weightVariables() {
        return variablesOf(specs);
    }

    /**
     * @param weights handles of this model's weights
     * @return their variables, in the same order
     */
    public List<ResourceVariable<TFloat32>> variablesOf(List<WeightSpec> weights) {
        List<ResourceVariable<TFloat32>> own = new ArrayList<>();
        for (WeightSpec w : weights) {
            own.add(java.util.Objects.requireNonNull(variables.get(w), () -> "weight " + w + " is not part of this model"));
        }
        return own;
    }

    /**
     * @param weights handles of this model's weights
     * @return reads of their variables, by handle
     */
    Map<WeightSpec, Operand<TFloat32>> reads(List<WeightSpec> weights) {
        Map<WeightSpec, Operand<TFloat32>> reads = new IdentityHashMap<>();
        weights.forEach(w -> reads.put(w, variables.get(w).read()));
        return reads;
    }

    /**
     * @param variables variables of this graph
     * @param values their new values, in order
     */
    public void assign(List<ResourceVariable<TFloat32>> variables, List<float[]> values) {
        List<Placeholder<TFloat32>> feeds = new ArrayList<>();
        List<Op> assignments = new ArrayList<>();
        for (ResourceVariable<TFloat32> variable : variables) {
            feeds.add(variable.feed());
            assignments.add(variable.assign());
        }
        Tensors.assign(session, feeds, assignments, values);
    }

    /**
     * @param variables variables of this graph
     * @return their values, in order
     */
    public List<float[]> read(List<ResourceVariable<TFloat32>> variables) {
        if (variables.isEmpty()) {
            return List.of();
        }
        Session.Runner runner = session.runner();
        variables.forEach(v -> runner.fetch(v.read()));
        List<float[]> values = new ArrayList<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < variables.size(); i++) {
                values.add(Tensors.toFloats((TFloat32) result.get(i)));
            }
        }
        return values;
    }

    /**
     * @param batch a batch already checked against the input shape, for a model of one input and one output
     * @return the model's outputs, flat {@code [batch * outputs]}
     */
    public float[] predict(TFloat32 batch) {
        return predict(List.of(batch)).get(0);
    }

    /**
     * @param batches a batch of each input, in order, already checked
     * @return each output, flat, in order
     */
    public List<float[]> predict(List<? extends TType> batches) {
        claimWeights();
        Session.Runner runner = session.runner();
        for (int i = 0; i < inputs.size(); i++) {
            runner.feed(inputs.get(i), batches.get(i));
        }
        inferenceOutputs.forEach(runner::fetch);
        try (Result result = runner.run()) {
            List<float[]> outputs = new ArrayList<>();
            for (int o = 0; o < inferenceOutputs.size(); o++) {
                outputs.add(Tensors.toFloats((TFloat32) result.get(o)));
            }
            return outputs;
        }
    }

    /**
     * @param config the compiled loss and metrics
     * @param batches a batch of each input
     * @param targets its targets for each output, in the config's {@link TargetFormat}s
     * @return the summed loss and each metric's sums
     */
    BatchSums evaluate(CompileConfig config, List<? extends TType> batches, List<? extends TType> targets) {
        claimWeights();
        Evaluation ops = evaluation(config);
        Session.Runner runner = session.runner();
        for (int i = 0; i < inputs.size(); i++) {
            runner.feed(inputs.get(i), batches.get(i));
        }
        for (int o = 0; o < targets.size(); o++) {
            runner.feed(ops.targets().get(o), targets.get(o));
        }
        runner.fetch(ops.lossSum());
        ops.metricSums().forEach(runner::fetch);
        try (Result result = runner.run()) {
            double[][] metricSums = new double[ops.metricSums().size()][];
            for (int m = 0; m < metricSums.length; m++) {
                metricSums[m] = BatchStatistics.doubles((TFloat32) result.get(1 + m));
            }
            return new BatchSums(((TFloat32) result.get(0)).getFloat(), metricSums);
        }
    }

    /**
     * What one evaluated batch adds up to.
     *
     * @param lossSum the sum of the per-sample losses
     * @param metricSums each metric's sums, in the compiled order
     */
    record BatchSums(double lossSum, double[][] metricSums) {
    }

    private Evaluation evaluation(CompileConfig config) {
        if (evaluation == null || evaluation.config() != config) {
            Ops scope = tf.withSubScope("evaluation");
            List<Placeholder<? extends TNumber>> targets = new ArrayList<>();
            List<TargetFormat> formats = TargetFormat.of(config, network.outputShapes());
            for (int o = 0; o < formats.size(); o++) {
                targets.add(scope.withName(o == 0 ? "targets" : "targets_" + o).placeholder(formats.get(o).type(),
                        Placeholder.shape(Shape.of(Tensors.withBatch(-1, formats.get(o).sampleShape())))));
            }
            if (testStep == null) {
                BatchStatistics statistics = BatchStatistics.of(scope, config, inference, targets);
                evaluation = new Evaluation(config, targets, Regularization.lossSum(scope, statistics.perSampleLoss(), inference, specs,
                        reads(specs)), statistics.metricSums());
            } else {
                TrainStepGraph step = new TrainStepGraph(scope, this, config, inputs, targets, reads(specs), OptimizerStates.fixed());
                Operand<TFloat32> loss = testStep.build(step);
                Operand<TInt32> size = scope.gather(scope.shape(inputs.get(0), TInt32.class), scope.constant(0), scope.constant(0));
                Operand<TFloat32> batch = scope.dtypes.cast(size, TFloat32.class);
                evaluation = new Evaluation(config, targets, scope.math.mul(loss, batch), step.metricSums(outputShapes()));
            }
        }
        return evaluation;
    }

    /**
     * Makes {@code evaluate} (and validation) run a model's own test step, Keras 3's {@code test_step}.
     *
     * @param step the step: it returns the batch's mean loss and may update the compiled metrics; null for the default
     */
    void useTestStep(TrainStepGraph.StepFunction step) {
        testStep = step;
        evaluation = null;
    }

    /** @return each input's per-sample shape */
    List<long[]> inputShapes() {
        return network.inputShapes();
    }

    /** @return each output's per-sample shape */
    List<long[]> outputShapes() {
        return network.outputShapes();
    }

    @Override
    public void close() {
        SharedWeights.release(this, specs);
        session.close();
        graph.close();
    }
}
