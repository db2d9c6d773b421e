package io.kerasj.engine;

import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightSpec;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * One training step written as graph ops, Keras 3's {@code train_step}: the forward pass, the compiled loss, the
 * gradients of the trainable weights and the optimizer's update, on one batch and the state's current values. The
 * training program builds it inside its loop body (so the step runs at fit speed) and a user's own step
 * ({@code Model.trainStep}, {@code Model.customStep}) is written with the same calls.
 *
 * <p>The state is functional: every call reads the current values ({@link #values()}) and an update replaces them,
 * so after the step the map holds the next state. {@link #defaultStep()} is the step {@code fit} takes.
 *
 * <p>Every compiled loss goes through {@link #computeLoss} or the default step's same {@code meanLoss}, and every
 * weight update through {@link #applyGradients}: the places for Keras's regularization penalties ({@code
 * model.losses}) and weight constraints, for the default step and a user's own alike.
 */
public final class TrainStepGraph {

    /** A training step built on a {@link TrainStepGraph}: it updates the state and returns the batch's loss. */
    @FunctionalInterface
    public interface StepFunction {
        /**
         * @param step the batch, the model's calls and the state
         * @return the scalar loss of the batch, which {@code fit} reports as {@code loss}
         */
        Operand<TFloat32> build(TrainStepGraph step);
    }

    private final Ops tf;
    private final ModelGraph model;
    private final CompileConfig config;
    private final List<Operand<? extends TNumber>> x;
    private final List<Operand<? extends TNumber>> y;
    private final Map<WeightSpec, Operand<TFloat32>> values;
    private final OptimizerStates optimizers;
    private final List<Operand<TFloat32>> addedLosses = new ArrayList<>();
    private final Set<WeightSpec> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Operand<TFloat32>, Operand<TFloat32>> stopped = new IdentityHashMap<>();
    private List<Operand<TFloat32>> metricSums;
    private int forwardCalls;
    /**
     * True while the default step builds: it differentiates nothing after an update, so it leaves out the
     * {@code StopGradient}s a user's step needs, and its graph stays the one fit always built.
     */
    private boolean defaultStep;

    /**
     * @param tf the ops of the graph (or loop body) the step is built in
     * @param model the model's graph: its network, layers and seed
     * @param config the compiled loss, optimizer and metrics
     * @param x a batch of each input, in the network's order
     * @param y a batch of each output's targets, in the compiled {@link TargetFormat}s
     * @param values the current value of every weight of the model, by handle; updated in place by the step
     * @param optimizers the optimizers' current state; updated in place by the step
     */
    TrainStepGraph(Ops tf, ModelGraph model, CompileConfig config, List<? extends Operand<? extends TNumber>> x,
                   List<? extends Operand<? extends TNumber>> y, Map<WeightSpec, Operand<TFloat32>> values, OptimizerStates optimizers) {
        this.tf = tf;
        this.model = model;
        this.config = config;
        this.x = List.copyOf(x);
        this.y = List.copyOf(y);
        this.values = values;
        this.optimizers = optimizers;
    }

    /**
     * The step {@code fit} takes: Keras 3's default {@code train_step}.
     *
     * @return the batch's loss
     */
    public Operand<TFloat32> defaultStep() {
        defaultStep = true;
        List<LayerOutput> predictions = call(x, true);
        BatchStatistics statistics = BatchStatistics.of(tf, config, predictions, y);
        metricSums = statistics.metricSums();
        Operand<TFloat32> loss = withAddedLosses(meanLoss(statistics.perSampleLoss()));
        List<WeightSpec> trainable = trainableWeights();
        applyGradients(config.optimizer(), gradients(loss, trainable), trainable);
        defaultStep = false;
        return loss;
    }

    /** @return the ops of the graph the step is built in */
    public Ops tf() {
        return tf;
    }

    /** @return the batch of each input */
    public List<Operand<? extends TNumber>> x() {
        return x;
    }

    /** @return the batch of each output's targets (class indices as int32, else float32 shaped like the output) */
    public List<Operand<? extends TNumber>> y() {
        return y;
    }

    /** @return the compiled optimizer */
    public Optimizer optimizer() {
        return requireCompiled("optimizer").optimizer();
    }

    /** @return the compiled configuration */
    public CompileConfig config() {
        return config;
    }

    /** @return the current value of every weight, by handle */
    public Map<WeightSpec, Operand<TFloat32>> values() {
        return values;
    }

    /** @return the model's trainable weights, in its order */
    public List<WeightSpec> trainableWeights() {
        return trainable(model.weightSpecs());
    }

    /**
     * @param weights weights in some order
     * @return the trainable ones, in that order (Keras's {@code trainable_weights})
     */
    public static List<WeightSpec> trainable(List<WeightSpec> weights) {
        return weights.stream().filter(WeightSpec::trainable).toList();
    }

    /**
     * The model's forward pass on the current weights. In training, the non-trainable weights the layers write
     * (BatchNormalization's moving statistics) take their new values.
     *
     * @param inputs a batch of each input
     * @param training whether training-only behaviour (dropout, batch statistics) is on
     * @return each output, with its logits where the activation can be split off
     */
    public List<LayerOutput> call(List<? extends Operand<? extends TNumber>> inputs, boolean training) {
        return runNetwork(model.network(), model.layers(), inputs, training);
    }

    /**
     * Calls one of the model's layers or nested models on the current weights.
     *
     * @param layer a layer or model whose weights belong to this model
     * @param inputs the layer's inputs
     * @param training whether training-only behaviour is on
     * @return the layer's outputs
     */
    public List<LayerOutput> call(Layer layer, List<? extends Operand<? extends TNumber>> inputs, boolean training) {
        Map<WeightSpec, Operand<TFloat32>> updates = new IdentityHashMap<>();
        List<Operand<TFloat32>> floats = new ArrayList<>();
        for (Operand<? extends TNumber> input : inputs) {
            floats.add(asFloat(input));
        }
        List<LayerOutput> out = layer.callAll(new LayerCallContext(tf, layer, reads(), updates, addedLosses, training, nextSeed()), floats);
        putUpdates(updates);
        return out;
    }

    private List<LayerOutput> runNetwork(Network network, List<Layer> layers, List<? extends Operand<? extends TNumber>> inputs,
                                         boolean training) {
        Forward forward = Forward.of(tf, network, layers, inputs, reads(), training, nextSeed());
        putUpdates(forward.updates());
        addedLosses.clear(); // Keras's model.losses are those of the latest call of the model
        addedLosses.addAll(forward.losses());
        return forward.predictions();
    }

    /**
     * A weight's new value is a new variable value, as in Keras: a loss computed later in the step is not
     * differentiated through the update that made it (a GAN's generator loss through its discriminator's step).
     */
    private void putUpdates(Map<WeightSpec, Operand<TFloat32>> updates) {
        values.putAll(updates);
        if (!defaultStep) {
            replaced.addAll(updates.keySet());
        }
    }

    /**
     * The values the step's computations read: a weight replaced earlier in the step is read through a
     * {@code StopGradient}, made only when it is read, so a step whose updates come last (Keras's default, written by
     * hand) builds the same graph as the built-in one.
     */
    private Map<WeightSpec, Operand<TFloat32>> reads() {
        if (replaced.isEmpty()) {
            return values;
        }
        Map<WeightSpec, Operand<TFloat32>> view = new IdentityHashMap<>(values);
        for (WeightSpec weight : replaced) {
            view.put(weight, stopped.computeIfAbsent(values.get(weight), tf::stopGradient));
        }
        return view;
    }

    /** The first forward pass draws the masks {@code fit}'s does; later ones in the same step draw others. */
    private long nextSeed() {
        return model.seed() + 1_000_003L * forwardCalls++;
    }

    /**
     * Keras 3's {@code compute_loss}: each output's compiled loss, times its loss weight, summed, averaged over the
     * batch; plus the losses the layers added in this step's forward passes and the trainable weights' regularization
     * penalties, as Keras adds {@code model.losses}.
     *
     * @param targets each output's targets
     * @param predictions each output's prediction
     * @return the scalar loss
     */
    public Operand<TFloat32> computeLoss(List<? extends Operand<? extends TNumber>> targets, List<LayerOutput> predictions) {
        List<CompileConfig.OutputConfig> outputs = requireCompiled("compute_loss").outputs();
        if (targets.size() != outputs.size() || predictions.size() != outputs.size()) {
            throw new IllegalArgumentException("compute_loss: expected " + outputs.size() + " targets and predictions, found "
                    + targets.size() + " and " + predictions.size());
        }
        return withAddedLosses(meanLoss(BatchStatistics.perSampleLoss(tf, config, predictions, targets)));
    }

    private Operand<TFloat32> withAddedLosses(Operand<TFloat32> compiled) {
        return Regularization.totalLoss(tf, compiled, addedLosses, model.weightSpecs(), reads());
    }

    private CompileConfig requireCompiled(String what) {
        if (config == null) {
            throw new IllegalStateException(what + ": the model is not compiled; compile it, or use your own loss and optimizer in the step");
        }
        return config;
    }

    private Operand<TFloat32> meanLoss(Operand<TFloat32> perSampleLoss) {
        return tf.math.mean(perSampleLoss, tf.constant(0));
    }

    /**
     * Updates the compiled metrics with one batch (Keras 3's {@code compute_metrics}); a step that never calls it
     * adds nothing to them.
     *
     * @param targets each output's targets
     * @param predictions each output's prediction
     */
    public void updateMetrics(List<? extends Operand<? extends TNumber>> targets, List<LayerOutput> predictions) {
        List<Operand<TFloat32>> sums = BatchStatistics.metricSums(tf, requireCompiled("update_metrics"), predictions, targets);
        if (metricSums == null) {
            metricSums = sums;
        } else {
            List<Operand<TFloat32>> added = new ArrayList<>();
            for (int m = 0; m < sums.size(); m++) {
                added.add(tf.math.add(metricSums.get(m), sums.get(m)));
            }
            metricSums = added;
        }
    }

    /**
     * @param outputShapes each output's per-sample shape
     * @return each compiled metric's sums this step added (zeros for a step that did not update them)
     */
    List<Operand<TFloat32>> metricSums(List<long[]> outputShapes) {
        if (metricSums != null) {
            return metricSums;
        }
        List<Operand<TFloat32>> zeros = new ArrayList<>();
        for (CompileConfig.LogMetric metric : config.logMetrics()) {
            zeros.add(tf.constant(new float[metric.metric().stateSize(outputShapes.get(metric.output()))]));
        }
        return zeros;
    }

    /**
     * The gradients of a loss with respect to the current values of some trainable weights ({@code Graph.addGradients}).
     *
     * @param loss a scalar computed in this step
     * @param weights trainable weights of the model, whose current values the loss was computed from
     * @return one gradient per weight, zeros for a weight the loss does not depend on
     */
    public List<Operand<TFloat32>> gradients(Operand<TFloat32> loss, List<WeightSpec> weights) {
        Output<?>[] of = new Output<?>[weights.size()];
        for (int i = 0; i < of.length; i++) {
            of[i] = current(weights.get(i)).asOutput();
        }
        Graph graph = (Graph) tf.scope().env();
        Output<?>[] gradients = graph.addGradients(loss.asOutput(), of);
        List<Operand<TFloat32>> result = new ArrayList<>();
        for (int i = 0; i < gradients.length; i++) {
            result.add(gradients[i] == null ? tf.zerosLike(current(weights.get(i))) : castFloat(gradients[i]));
        }
        return result;
    }

    /**
     * Keras's {@code optimizer.apply(gradients, weights)}: one update of some trainable weights by an optimizer, which
     * keeps its own slots for them and its own step count.
     *
     * @param optimizer the compiled optimizer or another one
     * @param gradients one per weight
     * @param weights trainable weights of the model
     */
    public void applyGradients(Optimizer optimizer, List<Operand<TFloat32>> gradients, List<WeightSpec> weights) {
        if (gradients.size() != weights.size()) {
            throw new IllegalArgumentException("apply_gradients: expected one gradient per weight (" + weights.size() + "), found "
                    + gradients.size());
        }
        Replication replication = model.replication();
        if (replication != null) {
            // data-parallel: every worker applies the group's mean gradient (MultiWorkerMirroredStrategy's all-reduce),
            // before clipping, so a clipped norm is the global batch's
            gradients = replication.allReduceMean(tf, gradients, model.nextInstanceKey());
        }
        List<Operand<TFloat32>> current = new ArrayList<>();
        List<Operand<TFloat32>> slots = new ArrayList<>();
        for (WeightSpec weight : weights) {
            if (!weight.trainable()) {
                throw new IllegalArgumentException("apply_gradients: weight " + weight + " is not trainable");
            }
            current.add(current(weight));
            slots.addAll(optimizers.slots(optimizer, weight));
        }
        List<Operand<TFloat32>> updated = WeightConstraints.apply(tf, weights, optimizer.update(tf, current,
                optimizer.clipping().clip(tf, gradients), slots, optimizers.iteration(optimizer), optimizers.learningRate(optimizer)));
        int perWeight = optimizer.slotsPerWeight();
        Map<WeightSpec, Operand<TFloat32>> newWeights = new IdentityHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            newWeights.put(weights.get(i), updated.get(i));
            int first = weights.size() + i * perWeight;
            optimizers.setSlots(optimizer, weights.get(i), updated.subList(first, first + perWeight));
        }
        putUpdates(newWeights);
        optimizers.setIteration(optimizer, tf.math.add(optimizers.iteration(optimizer), tf.constant(1f)));
    }

    private Operand<TFloat32> current(WeightSpec weight) {
        Operand<TFloat32> value = reads().get(weight);
        if (value == null) {
            throw new IllegalArgumentException("weight " + weight + " is not one of the model's");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private Operand<TFloat32> asFloat(Operand<? extends TNumber> input) {
        return input.type() == TFloat32.class ? (Operand<TFloat32>) input : tf.dtypes.cast(input, TFloat32.class);
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> castFloat(Output<?> output) {
        return (Operand<TFloat32>) output;
    }
}
