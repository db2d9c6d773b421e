package io.kerasj.engine;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.WeightSpec;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A user's training step (the body of a {@code tf.GradientTape} loop) built once into the model's graph and run
 * once per call on a batch fed from Java: the step reads the model's weight variables, and its updates of weights,
 * optimizer slots and step counts are written back to variables at the end of the run. Each optimizer it uses gets
 * slots of its own here (made as the step is built, from the optimizer's initial values); the compiled one reads
 * the model's learning rate, any other runs at its own.
 */
public final class CustomStepProgram {
    private final ModelGraph model;
    private final CompileConfig config;
    private final List<Placeholder<? extends TNumber>> xs = new ArrayList<>();
    private final List<Placeholder<? extends TNumber>> ys = new ArrayList<>();
    private final List<Boolean> integerTargets = new ArrayList<>();
    private final List<int[]> targetShapes = new ArrayList<>();
    private final Operand<TFloat32> loss;
    private final List<Operand<TFloat32>> metricSums;
    private final Op update;
    private final double[][] runningSums;
    private long samplesSeen;

    /**
     * Builds the step.
     *
     * @param model the model's graph
     * @param config the compiled configuration, or null for a model not compiled (the step may then use neither the
     *     compiled loss, metrics nor optimizer)
     * @param learningRate the model's learning rate, read by the compiled optimizer
     * @param step the step
     * @param index this step's number in the graph, for its scope
     * @param firstY a first batch of targets, which fixes each output's target type and shape
     */
    public CustomStepProgram(ModelGraph model, CompileConfig config, LearningRate learningRate, TrainStepGraph.StepFunction step,
                             int index, List<Targets> firstY) {
        ConcatGradient.register();
        this.model = model;
        this.config = config;
        String scope = "custom_step_" + index;
        Ops tf = model.ops().withSubScope(scope);
        List<KerasTensor> inputs = model.network().inputs();
        for (int i = 0; i < inputs.size(); i++) {
            xs.add(tf.withName("x_" + i).placeholder(InputTypes.of(inputs.get(i).dtype()),
                    Placeholder.shape(Shape.of(Tensors.withBatch(-1, inputs.get(i).shape())))));
        }
        for (int o = 0; o < firstY.size(); o++) {
            Targets y = firstY.get(o);
            long[] shape = Tensors.withBatch(-1, Arrays.stream(y.targetShape()).asLongStream().toArray());
            ys.add(y.isInteger() ? tf.withName("y_" + o).placeholder(TInt32.class, Placeholder.shape(Shape.of(shape)))
                    : tf.withName("y_" + o).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape))));
            integerTargets.add(y.isInteger());
            targetShapes.add(y.targetShape());
        }

        List<WeightSpec> specs = model.weightSpecs();
        List<ResourceVariable<TFloat32>> weightVariables = model.variablesOf(specs);
        Map<WeightSpec, Operand<TFloat32>> values = new IdentityHashMap<>();
        Map<WeightSpec, Operand<TFloat32>> reads = new IdentityHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Operand<TFloat32> read = tf.readVariableOp(weightVariables.get(i).handle(), TFloat32.class);
            values.put(specs.get(i), read);
            reads.put(specs.get(i), read);
        }
        List<ResourceVariable<TFloat32>> stateVariables = new ArrayList<>();
        List<float[]> stateStarts = new ArrayList<>();
        List<java.util.function.Function<OptimizerStates, Operand<TFloat32>>> nextValues = new ArrayList<>();
        Map<Optimizer, Integer> ids = new IdentityHashMap<>();
        Ops root = model.ops();
        OptimizerStates optimizers = new OptimizerStates(new OptimizerStates.Source() {
            @Override
            @SuppressWarnings("unchecked")
            public Operand<TFloat32>[] newOptimizer(Optimizer optimizer) {
                ids.put(optimizer, ids.size());
                ResourceVariable<TFloat32> iteration = new ResourceVariable<>(root, prefix(optimizer) + "iterations", TFloat32.class, new long[0]);
                Operand<TFloat32> rate = config != null && optimizer == config.optimizer() ? learningRate.read(tf)
                        : tf.constant((float) optimizer.learningRate());
                return new Operand[] {track(iteration, 0f, states -> states.iteration(optimizer)), rate};
            }

            @Override
            public List<Operand<TFloat32>> newSlots(Optimizer optimizer, WeightSpec weight) {
                List<Operand<TFloat32>> slots = new ArrayList<>();
                for (int s = 0; s < optimizer.slotsPerWeight(); s++) {
                    int slot = s;
                    ResourceVariable<TFloat32> variable = new ResourceVariable<>(root, prefix(optimizer) + model.variableOf(weight).name() + "/slot_" + s,
                            TFloat32.class, optimizer.slotShape(s, weight.shape()));
                    slots.add(track(variable, optimizer.initialSlotValue(s), states -> states.slots(optimizer, weight).get(slot)));
                }
                return slots;
            }

            private String prefix(Optimizer optimizer) {
                return scope + "/optimizer_" + ids.get(optimizer) + "/";
            }

            private Operand<TFloat32> track(ResourceVariable<TFloat32> variable, float start,
                                            java.util.function.Function<OptimizerStates, Operand<TFloat32>> next) {
                float[] values = new float[Math.toIntExact(Arrays.stream(variable.shape()).reduce(1, (a, b) -> a * b))];
                Arrays.fill(values, start);
                stateVariables.add(variable);
                stateStarts.add(values);
                nextValues.add(next);
                return tf.readVariableOp(variable.handle(), TFloat32.class);
            }
        });
        TrainStepGraph graph = new TrainStepGraph(tf, model, config, xs, ys, values, optimizers);
        loss = step.build(graph);
        metricSums = config == null ? List.of() : graph.metricSums(model.outputShapes());

        List<Op> assigns = new ArrayList<>();
        Ops after = tf.withControlDependencies(concat(loss, metricSums));
        for (int i = 0; i < specs.size(); i++) {
            Operand<TFloat32> next = values.get(specs.get(i));
            if (next != reads.get(specs.get(i))) {
                assigns.add(after.assignVariableOp(weightVariables.get(i).handle(), next));
            }
        }
        for (int i = 0; i < stateVariables.size(); i++) {
            assigns.add(after.assignVariableOp(stateVariables.get(i).handle(), nextValues.get(i).apply(optimizers)));
        }
        update = tf.withControlDependencies(assigns).noOp();
        model.assign(stateVariables, stateStarts);
        runningSums = new double[metricSums.size()][];
        resetMetrics();
    }

    private static List<Op> concat(Operand<TFloat32> loss, List<Operand<TFloat32>> more) {
        List<Op> all = new ArrayList<>();
        all.add(loss);
        all.addAll(more);
        return all;
    }

    /** Starts the compiled metrics' running state afresh (Keras's {@code reset_metrics}). */
    public void resetMetrics() {
        for (int m = 0; m < runningSums.length; m++) {
            runningSums[m] = null;
        }
        samplesSeen = 0;
    }

    /** @return the graph the step was built in */
    public ModelGraph graph() {
        return model;
    }

    /**
     * Runs the step on one batch.
     *
     * @param x each input's batch, checked against the inputs
     * @param y each output's targets, of the types and shapes of the first batch's
     * @return {@code loss}: the batch's; then each compiled metric, over the batches since the last reset
     */
    public Map<String, Double> run(List<FloatSamples> x, List<Targets> y) {
        if (y.size() != ys.size()) {
            throw new IllegalArgumentException("y: expected targets for " + ys.size() + " output(s), found " + y.size());
        }
        int n = y.get(0).count();
        List<KerasTensor> inputs = model.network().inputs();
        List<TType> tensors = new ArrayList<>();
        model.claimWeights();
        try {
            Session.Runner runner = model.session().runner();
            for (int i = 0; i < xs.size(); i++) {
                if (x.get(i).count() != n) {
                    throw new IllegalArgumentException("x: input " + i + " has " + x.get(i).count() + " samples, the targets " + n);
                }
                TType t = Slices.samples(x.get(i), 0, n, inputs.get(i).shape(), inputs.get(i).dtype());
                tensors.add(t);
                runner.feed(xs.get(i), t);
            }
            for (int o = 0; o < ys.size(); o++) {
                Targets target = y.get(o);
                if (target.isInteger() != integerTargets.get(o) || !Arrays.equals(target.targetShape(), targetShapes.get(o)) || target.count() != n) {
                    throw new IllegalArgumentException("y: output " + o + " expects " + n + " " + (integerTargets.get(o) ? "integer" : "float")
                            + " targets of shape " + Arrays.toString(targetShapes.get(o)) + ", as the first batch");
                }
                long[] shape = Tensors.withBatch(n, Arrays.stream(target.targetShape()).asLongStream().toArray());
                TType t = target.isInteger() ? Tensors.ints(target.intValues(), shape) : Tensors.floats(target.floatValues(), shape);
                tensors.add(t);
                runner.feed(ys.get(o), t);
            }
            runner.fetch(loss);
            metricSums.forEach(runner::fetch);
            runner.addTarget(update);
            Map<String, Double> logs = new LinkedHashMap<>();
            try (Result result = runner.run()) {
                logs.put("loss", (double) ((TFloat32) result.get(0)).getFloat());
                samplesSeen += n;
                for (int m = 0; m < metricSums.size(); m++) {
                    double[] sums = BatchStatistics.doubles((TFloat32) result.get(1 + m));
                    if (runningSums[m] == null) {
                        runningSums[m] = sums;
                    } else {
                        for (int k = 0; k < sums.length; k++) {
                            runningSums[m][k] += sums[k];
                        }
                    }
                }
            }
            if (config != null) {
                List<Metric> metrics = config.metrics();
                for (int m = 0; m < metrics.size(); m++) {
                    metrics.get(m).reset();
                    metrics.get(m).update(runningSums[m], samplesSeen);
                    logs.put(config.metricNames().get(m), metrics.get(m).result());
                }
            }
            return logs;
        } finally {
            tensors.forEach(TType::close);
        }
    }
}
