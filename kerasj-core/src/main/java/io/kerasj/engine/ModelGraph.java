package io.kerasj.engine;

import io.kerasj.models.ThreadSettings;

import io.kerasj.runtime.Tensors;
import io.kerasj.runtime.NativeRuntime;
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
    private final List<Layer> layers;
    private final long[] inputShape;
    private final long seed;
    private final List<WeightSpec> specs = new ArrayList<>();
    private final Map<WeightSpec, ResourceVariable<TFloat32>> variables = new IdentityHashMap<>();
    private final Placeholder<TFloat32> x;
    private final Forward inference;
    private Evaluation evaluation;

    /** The evaluation ops of one compiled configuration: summed loss and summed metric values of a fed batch. */
    private record Evaluation(CompileConfig config, Placeholder<? extends TNumber> targets,
                              Operand<TFloat32> lossSum, List<Operand<TFloat32>> metricSums) {
    }

    public ModelGraph(List<Layer> layers, long[] inputShape, ThreadSettings threads, long seed) {
        this.layers = List.copyOf(layers);
        this.inputShape = inputShape.clone();
        this.seed = seed;
        for (Layer layer : layers) {
            for (WeightSpec spec : layer.weightSpecs()) {
                specs.add(spec);
                variables.put(spec, new ResourceVariable<>(tf, layer.name() + "/" + spec.name(), TFloat32.class, spec.shape()));
            }
        }
        x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(Tensors.withBatch(-1, inputShape))));
        Forward forward = Forward.of(tf.withSubScope("inference"), layers, x, reads(specs), false, seed);
        // An identity so that a model whose output is its input (Flatten, Dropout at inference) can be fetched.
        LayerOutput prediction = forward.prediction();
        inference = new Forward(new LayerOutput(tf.withSubScope("inference").identity(prediction.output()),
                prediction.logits(), prediction.activation()), forward.updates());
        session = new Session(graph, threads.toConfigProto());
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

    long[] inputShape() {
        return inputShape.clone();
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
     * @param batch a batch already checked against the input shape
     * @return the model's outputs, flat {@code [batch * outputs]}
     */
    public float[] predict(TFloat32 batch) {
        try (Result result = session.runner().feed(x, batch).fetch(inference.output()).run()) {
            return Tensors.toFloats((TFloat32) result.get(0));
        }
    }

    /**
     * @param config the compiled loss and metrics
     * @param batch a batch of inputs
     * @param targets its targets, in the config's {@link TargetFormat}
     * @return the summed loss and each metric's sums
     */
    BatchSums evaluate(CompileConfig config, TFloat32 batch, TType targets) {
        Evaluation ops = evaluation(config);
        Session.Runner runner = session.runner().feed(x, batch).feed(ops.targets(), targets).fetch(ops.lossSum());
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
            TargetFormat format = TargetFormat.of(config.loss(), outputShape());
            Placeholder<? extends TNumber> targets = scope.withName("targets").placeholder(format.type(),
                    Placeholder.shape(Shape.of(Tensors.withBatch(-1, format.sampleShape()))));
            BatchStatistics statistics = BatchStatistics.of(scope, config, inference, targets);
            evaluation = new Evaluation(config, targets, scope.reduceSum(statistics.perSampleLoss(), scope.constant(0)),
                    statistics.metricSums());
        }
        return evaluation;
    }

    long[] outputShape() {
        long[] shape = layers.get(layers.size() - 1).outputShape();
        return shape;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
