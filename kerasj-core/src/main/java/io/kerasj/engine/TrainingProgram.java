package io.kerasj.engine;

import io.kerasj.runtime.Tensors;
import io.kerasj.data.Targets;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

import static io.kerasj.engine.LoopVariables.Slot.BATCH;
import static io.kerasj.engine.LoopVariables.Slot.COUNT;
import static io.kerasj.engine.LoopVariables.Slot.END;
import static io.kerasj.engine.LoopVariables.Slot.FINITE;
import static io.kerasj.engine.LoopVariables.Slot.ITERATION;
import static io.kerasj.engine.LoopVariables.Slot.LEARNING_RATE;
import static io.kerasj.engine.LoopVariables.Slot.LOSS_SUM;
import static io.kerasj.engine.LoopVariables.Slot.PERMUTATION;
import static io.kerasj.engine.LoopVariables.Slot.STEP;
import static io.kerasj.engine.LoopVariables.Slot.X;
import static io.kerasj.engine.LoopVariables.Slot.Y;

/**
 * The training step of a compiled model as an in-graph loop: one {@code Session.run} trains a whole chunk of
 * batches. The training set lives in resource variables (uploaded once per {@code fit}); each run feeds only
 * the epoch's shuffled indices and the chunk's bounds, gathers each batch in-graph, and applies the optimizer's
 * update inside the loop body, where TensorFlow's own optimizers cannot run (design.md). Only the trainable
 * weights are differentiated; the non-trainable weights (written by the layers through their call context) and
 * the optimizer's slots are loop variables too, and all are written back after the loop. The learning rate is
 * read from a variable once per chunk, so it can change between chunks without rebuilding anything. The loop
 * stops early at the first non-finite loss and then keeps the state from before that step.
 *
 * <p>Steps whose batch is whole run in a loop built for that batch size (on the first chunk that uses it), where
 * every shape is static and TensorFlow folds the gradients' shape arithmetic away; only an epoch's last, partial
 * batch runs in the loop of dynamic shape, continuing the chunk's float32 running sums, so the numbers are those of
 * one loop.
 */
public final class TrainingProgram {
    /** Whole-batch loops per data set before further batch sizes run in the loop of dynamic shape. */
    private static final int MAX_WHOLE_BATCH_LOOPS = 8;
    private final ModelGraph model;
    private final CompileConfig config;
    private final List<WeightSpec> trainable = new ArrayList<>();
    private final List<WeightSpec> nonTrainable = new ArrayList<>();
    private final List<ResourceVariable<TFloat32>> slots = new ArrayList<>();
    private final List<Float> slotStarts = new ArrayList<>();
    private final TrainStepGraph.StepFunction stepFunction;
    private final TrainStepTrace trace;
    /** The slots of the step's other optimizers, by optimizer and weight, then each one's step count. */
    private final List<ResourceVariable<TFloat32>> otherState = new ArrayList<>();
    private final List<Float> otherStarts = new ArrayList<>();
    private final ResourceVariable<TFloat32> iterations;
    private final List<ResourceVariable<? extends TNumber>> dataX = new ArrayList<>();
    private final List<ResourceVariable<? extends TNumber>> dataY = new ArrayList<>();
    private final List<TargetFormat> targets;
    private final LoopVariables layout;
    private final Placeholder<TInt32> start;
    private final Placeholder<TInt32> end;
    private final Placeholder<TInt32> batchSize;
    private final Placeholder<TInt32> permutation;
    private final PlaceholderWithDefault<TFloat32> lossSumSoFar;
    private final List<PlaceholderWithDefault<TFloat32>> metricSumsSoFar = new ArrayList<>();
    private final int programIndex;
    /** The loops by the dtypes of the inputs' data variables: the inputs' own, and those a pipeline's uint8 data takes. */
    private final Map<List<String>, DataSet> dataSets = new HashMap<>();
    private final DataSet defaultData;
    private DataSet uploadedData;
    private int uploadedCount = -1;

    /** One while loop over the training step and the op that writes its state back. */
    private record Loop(Output<?>[] outputs, Op update) {
    }

    /**
     * The data variables of the inputs in one set of dtypes, the loop's inputs that read them, and the loops built on
     * them (by whole batch size; 0 for the loop of dynamic shape). The targets' variables are shared by all sets.
     */
    private final class DataSet {
        private final List<String> dtypes;
        private final List<ResourceVariable<? extends TNumber>> x;
        private final Output<?>[] loopInputs;
        private final Map<Integer, Loop> loops = new HashMap<>();

        private DataSet(List<String> dtypes, List<ResourceVariable<? extends TNumber>> x, Output<?>[] loopInputs) {
            this.dtypes = List.copyOf(dtypes);
            this.x = x;
            this.loopInputs = loopInputs;
        }

        private Loop loop(int wholeBatch) {
            return loops.computeIfAbsent(wholeBatch, b -> buildLoop(this, b));
        }

        private String scope() {
            return this == defaultData ? "" : "/data_" + String.join("_", dtypes);
        }
    }

    /** What one chunk of training did. */
    record Chunk(int stepsRun, double lossSum, double[][] metricSums, boolean finite) {
    }

    /**
     * @param model the graph the program is built in
     * @param config the compiled loss, optimizer and metrics
     * @param learningRate the graph's learning-rate variable, read once per chunk
     * @param programIndex this program's number in the graph, for its scope {@code train_N}
     */
    public TrainingProgram(ModelGraph model, CompileConfig config, LearningRate learningRate, int programIndex) {
        this(model, config, learningRate, programIndex, null);
    }

    /**
     * @param model the graph the program is built in
     * @param config the compiled loss, optimizer and metrics
     * @param learningRate the graph's learning-rate variable, read once per chunk
     * @param programIndex this program's number in the graph, for its scope {@code train_N}
     * @param step the model's own training step, or null for {@link TrainStepGraph#defaultStep()}
     */
    public TrainingProgram(ModelGraph model, CompileConfig config, LearningRate learningRate, int programIndex,
                           TrainStepGraph.StepFunction step) {
        ConcatGradient.register();
        this.model = model;
        this.config = config;
        this.stepFunction = step == null ? TrainStepGraph::defaultStep : step;
        trace = step == null ? TrainStepTrace.none() : TrainStepTrace.of(model, config, step);
        Ops tf = model.ops().withSubScope("train_" + programIndex);
        for (WeightSpec spec : model.weightSpecs()) {
            (spec.trainable() ? trainable : nonTrainable).add(spec);
        }
        List<ResourceVariable<TFloat32>> weights = model.variablesOf(trainable);
        Optimizer optimizer = config.optimizer();
        for (ResourceVariable<TFloat32> w : weights) { // grouped by weight, as Optimizer.update expects
            for (int s = 0; s < optimizer.slotsPerWeight(); s++) {
                slots.add(new ResourceVariable<>(model.ops(), "train_" + programIndex + "/" + w.name() + "/slot_" + s, TFloat32.class,
                        optimizer.slotShape(s, w.shape())));
                slotStarts.add(optimizer.initialSlotValue(s));
            }
        }
        iterations = new ResourceVariable<>(model.ops(), "train_" + programIndex + "/iterations", TFloat32.class, new long[0]);
        for (int k = 0; k < trace.optimizers().size(); k++) {
            Optimizer other = trace.optimizers().get(k);
            String prefix = "train_" + programIndex + "/optimizer_" + (k + 1) + "/";
            List<ResourceVariable<TFloat32>> otherWeights = model.variablesOf(trace.weights().get(k));
            for (ResourceVariable<TFloat32> w : otherWeights) {
                for (int s = 0; s < other.slotsPerWeight(); s++) {
                    otherState.add(new ResourceVariable<>(model.ops(), prefix + w.name() + "/slot_" + s, TFloat32.class, other.slotShape(s, w.shape())));
                    otherStarts.add(other.initialSlotValue(s));
                }
            }
        }
        for (int k = 0; k < trace.optimizers().size(); k++) {
            otherState.add(new ResourceVariable<>(model.ops(), "train_" + programIndex + "/optimizer_" + (k + 1) + "/iterations", TFloat32.class,
                    new long[0]));
            otherStarts.add(0f);
        }
        List<KerasTensor> modelInputs = model.network().inputs();
        for (int i = 0; i < modelInputs.size(); i++) {
            KerasTensor input = modelInputs.get(i);
            dataX.add(new ResourceVariable<>(model.ops(), "train_" + programIndex + "/data_x" + suffix(i), InputTypes.of(input.dtype()),
                    new long[] {-1, Layer.product(input.shape())}));
        }
        targets = TargetFormat.of(config, model.outputShapes());
        for (int o = 0; o < targets.size(); o++) {
            TargetFormat format = targets.get(o);
            dataY.add(new ResourceVariable<>(model.ops(), "train_" + programIndex + "/data_y" + suffix(o), format.type(),
                    format.classIndices() ? new long[] {-1} : new long[] {-1, format.sampleSize()}));
        }
        layout = new LoopVariables(config.metrics().size(), dataX.size() - 1 + dataY.size() - 1,
                trainable.size() + nonTrainable.size() + slots.size() + otherState.size());
        start = tf.withName("start").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        end = tf.withName("end").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        batchSize = tf.withName("batch_size").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        permutation = tf.withName("permutation").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

        // The running sums start from zero, or from where the whole-batch loop of the same chunk left them, so that
        // a chunk split in two sums in float32 exactly as one loop would.
        lossSumSoFar = tf.withName("loss_sum_so_far").placeholderWithDefault(tf.constant(0f), Shape.scalar());
        List<Operand<?>> inputs = new ArrayList<>(List.of(start, end, tf.size(permutation, TInt32.class), batchSize,
                lossSumSoFar, tf.constant(true), permutation, dataX.get(0).handle(), dataY.get(0).handle(), iterations.read(), learningRate.read(tf)));
        for (int m = 0; m < config.metrics().size(); m++) {
            int size = config.logMetrics().get(m).metric().stateSize(model.outputShapes().get(config.logMetrics().get(m).output()));
            PlaceholderWithDefault<TFloat32> sum = tf.withName("metric_sum_so_far_" + m)
                    .placeholderWithDefault(tf.constant(new float[size]), Shape.of(size));
            metricSumsSoFar.add(sum);
            inputs.add(sum);
        }
        dataX.subList(1, dataX.size()).forEach(d -> inputs.add(d.handle()));
        dataY.subList(1, dataY.size()).forEach(d -> inputs.add(d.handle()));
        List<Operand<TFloat32>> state = new ArrayList<>();
        model.variablesOf(trainable).forEach(v -> state.add(v.read()));
        model.variablesOf(nonTrainable).forEach(v -> state.add(v.read()));
        slots.forEach(s -> state.add(s.read()));
        otherState.forEach(s -> state.add(s.read()));
        inputs.addAll(state); // current
        inputs.addAll(state); // before the last step
        Output<?>[] loopInputs = inputs.stream().map(Operand::asOutput).toArray(Output[]::new);
        this.programIndex = programIndex;
        List<String> inputTypes = modelInputs.stream().map(KerasTensor::dtype).toList();
        defaultData = new DataSet(inputTypes, dataX, loopInputs);
        dataSets.put(inputTypes, defaultData);
        uploadedData = defaultData;
        defaultData.loop(0);
    }

    /**
     * @param dtypes each input's data dtype
     * @return the data set of those dtypes, its variables made on first need
     */
    private DataSet dataSet(List<String> dtypes) {
        return dataSets.computeIfAbsent(dtypes, types -> {
            List<KerasTensor> modelInputs = model.network().inputs();
            List<ResourceVariable<? extends TNumber>> x = new ArrayList<>();
            Output<?>[] inputs = defaultData.loopInputs.clone();
            for (int i = 0; i < modelInputs.size(); i++) {
                ResourceVariable<? extends TNumber> variable = types.get(i).equals(modelInputs.get(i).dtype()) ? dataX.get(i)
                        : new ResourceVariable<>(model.ops(), "train_" + programIndex + "/data_x" + suffix(i) + "_" + types.get(i),
                                InputTypes.of(types.get(i)), new long[] {-1, Layer.product(modelInputs.get(i).shape())});
                x.add(variable);
                inputs[i == 0 ? layout.index(X) : layout.data(i - 1)] = variable.handle().asOutput();
            }
            return new DataSet(types, x, inputs);
        });
    }

    /**
     * @param wholeBatch the batch size every step of the loop takes whole, known as the graph is built; 0 for a loop
     *     whose batches may be partial (the last of an epoch)
     */
    private Loop buildLoop(DataSet data, int wholeBatch) {
        Output<?>[] outputs = model.graph().whileLoop(data.loopInputs,
                (g, in, out) -> out[0] = Ops.create(g).math.logicalAnd(
                        Ops.create(g).math.less(layout.ints(in, STEP), layout.ints(in, END)), layout.bool(in, FINITE)).asOutput(),
                (g, in, out) -> body(g, in, out, wholeBatch, data.dtypes),
                "train_" + programIndex + data.scope() + (wholeBatch > 0 ? "/loop_batch_" + wholeBatch : "/loop"));
        return new Loop(outputs, buildUpdate(model.ops().withSubScope("train_" + programIndex), outputs));
    }

    private static String suffix(int index) {
        return index == 0 ? "" : "_" + index;
    }

    private void body(Graph g, Output<?>[] in, Output<?>[] out, int wholeBatch, List<String> dataTypes) {
        Ops tf = Ops.create(g);
        int stateSize = layout.stateSize();
        Operand<TInt32> step = layout.ints(in, STEP);
        Operand<TInt32> batch = wholeBatch > 0 ? tf.constant(wholeBatch) : layout.ints(in, BATCH);
        Operand<TInt32> begin = tf.math.mul(step, batch);
        // A batch size fixed in the graph gives every tensor of the step a static shape, so that TensorFlow folds the
        // shape arithmetic of the gradients (about 57 of the MLP's 200 ops per step) into constants.
        Operand<TInt32> size = wholeBatch > 0 ? batch : tf.math.minimum(batch, tf.math.sub(layout.ints(in, COUNT), begin));
        Operand<TInt32> indices = tf.slice(layout.ints(in, PERMUTATION), tf.expandDims(begin, tf.constant(0)), tf.expandDims(size, tf.constant(0)));
        List<KerasTensor> modelInputs = model.network().inputs();
        List<Operand<? extends TNumber>> xb = new ArrayList<>();
        for (int i = 0; i < modelInputs.size(); i++) {
            Output<?> handle = i == 0 ? in[layout.index(X)] : in[layout.data(i - 1)];
            Operand<? extends TNumber> flat = tf.resourceGather(handle, indices, InputTypes.of(dataTypes.get(i)));
            if (!dataTypes.get(i).equals(modelInputs.get(i).dtype())) {
                flat = tf.dtypes.cast(flat, InputTypes.of(modelInputs.get(i).dtype())); // a pipeline's uint8, cast after the gather
            }
            xb.add(tf.reshape(flat, tf.constant(Tensors.withBatch(-1, modelInputs.get(i).shape()))));
        }
        List<Operand<? extends TNumber>> yb = new ArrayList<>();
        for (int o = 0; o < targets.size(); o++) {
            Output<?> handle = o == 0 ? in[layout.index(Y)] : in[layout.data(modelInputs.size() - 1 + o - 1)];
            TargetFormat format = targets.get(o);
            yb.add(format.classIndices() ? tf.resourceGather(handle, indices, TInt32.class)
                    : tf.reshape(tf.resourceGather(handle, indices, TFloat32.class), tf.constant(Tensors.withBatch(-1, format.sampleShape()))));
        }

        List<Operand<TFloat32>> state = new ArrayList<>();
        for (int i = 0; i < stateSize; i++) {
            state.add(layout.state(in, i));
        }
        Step next = step(tf, xb, yb, state, layout.floats(in, ITERATION), layout.floats(in, LEARNING_RATE));
        Operand<TFloat32> loss = next.loss();
        List<Operand<TFloat32>> metricSums = next.metricSums();
        List<Operand<TFloat32>> nextState = next.state();

        layout.set(out, STEP, tf.math.add(step, tf.constant(1)));
        layout.keep(in, out, END);
        layout.keep(in, out, COUNT);
        layout.keep(in, out, BATCH);
        layout.set(out, LOSS_SUM, tf.math.add(layout.floats(in, LOSS_SUM), tf.math.mul(loss, tf.dtypes.cast(size, TFloat32.class))));
        for (int m = 0; m < config.metrics().size(); m++) {
            out[layout.metric(m)] = tf.math.add(layout.metricSums(in, m), metricSums.get(m)).asOutput();
        }
        layout.set(out, FINITE, tf.math.isFinite(loss));
        layout.keep(in, out, PERMUTATION);
        layout.keep(in, out, X);
        layout.keep(in, out, Y);
        for (int k = 0; k < layout.extraData(); k++) {
            out[layout.data(k)] = in[layout.data(k)];
        }
        layout.set(out, ITERATION, next.iteration());
        layout.keep(in, out, LEARNING_RATE);
        for (int i = 0; i < stateSize; i++) {
            out[layout.state(i)] = nextState.get(i).asOutput();
            out[layout.stateBefore(i)] = in[layout.state(i)];
        }
    }

    /** What one training step computes: its loss, the metrics' sums, the next state and the next step count. */
    record Step(Operand<TFloat32> loss, List<Operand<TFloat32>> metricSums, List<Operand<TFloat32>> state, Operand<TFloat32> iteration) {
    }

    /**
     * Builds one training step (the model's own or the default one) on one batch: what the loop body runs, and
     * trainOnBatch's {@link SingleStepProgram}.
     *
     * @param tf the ops of the graph or loop body
     * @param xb a batch of each input
     * @param yb a batch of each output's targets, in this program's formats
     * @param state the current state, in {@link #stateVariables()} order
     * @param iteration the compiled optimizer's step count
     * @param learningRate the learning rate, float32
     * @return the step's loss, metric sums, next state (same order) and next step count
     */
    Step step(Ops tf, List<Operand<? extends TNumber>> xb, List<Operand<? extends TNumber>> yb, List<Operand<TFloat32>> state,
              Operand<TFloat32> iteration, Operand<TFloat32> learningRate) {
        Map<WeightSpec, Operand<TFloat32>> values = new IdentityHashMap<>();
        for (int i = 0; i < trainable.size(); i++) {
            values.put(trainable.get(i), state.get(i));
        }
        for (int i = 0; i < nonTrainable.size(); i++) {
            values.put(nonTrainable.get(i), state.get(trainable.size() + i));
        }
        Optimizer optimizer = config.optimizer();
        OptimizerStates optimizers = OptimizerStates.fixed();
        optimizers.put(optimizer, iteration, learningRate);
        int perWeight = optimizer.slotsPerWeight();
        int firstSlot = trainable.size() + nonTrainable.size();
        for (int i = 0; i < trainable.size(); i++) {
            List<Operand<TFloat32>> weightSlots = new ArrayList<>();
            for (int s = 0; s < perWeight; s++) {
                weightSlots.add(state.get(firstSlot + i * perWeight + s));
            }
            optimizers.putSlots(optimizer, trainable.get(i), weightSlots);
        }
        int next = firstSlot + slots.size();
        int firstIteration = firstSlot + slots.size() + otherState.size() - trace.optimizers().size();
        for (int k = 0; k < trace.optimizers().size(); k++) {
            Optimizer other = trace.optimizers().get(k);
            optimizers.put(other, state.get(firstIteration + k), tf.constant((float) other.learningRate()));
            for (WeightSpec spec : trace.weights().get(k)) {
                List<Operand<TFloat32>> weightSlots = new ArrayList<>();
                for (int s = 0; s < other.slotsPerWeight(); s++) {
                    weightSlots.add(state.get(next++));
                }
                optimizers.putSlots(other, spec, weightSlots);
            }
        }

        TrainStepGraph trainStep = new TrainStepGraph(tf, model, config, xb, yb, values, optimizers);
        Operand<TFloat32> loss = stepFunction.build(trainStep);
        List<Operand<TFloat32>> metricSums = trainStep.metricSums(model.outputShapes());

        List<Operand<TFloat32>> nextState = new ArrayList<>();
        trainable.forEach(spec -> nextState.add(values.get(spec)));
        nonTrainable.forEach(spec -> nextState.add(values.get(spec)));
        trainable.forEach(spec -> nextState.addAll(optimizers.slots(optimizer, spec)));
        for (int k = 0; k < trace.optimizers().size(); k++) {
            Optimizer other = trace.optimizers().get(k);
            trace.weights().get(k).forEach(spec -> nextState.addAll(optimizers.slots(other, spec)));
        }
        trace.optimizers().forEach(other -> nextState.add(optimizers.iteration(other)));
        return new Step(loss, metricSums, nextState, optimizers.iteration(optimizer));
    }

    /** @return the variables of the state a step reads and writes: trainable weights, non-trainable weights, slots */
    List<ResourceVariable<TFloat32>> stateVariables() {
        List<ResourceVariable<TFloat32>> all = new ArrayList<>(model.variablesOf(trainable));
        all.addAll(model.variablesOf(nonTrainable));
        all.addAll(slots);
        all.addAll(otherState);
        return all;
    }

    /** @return the compiled optimizer's step count */
    ResourceVariable<TFloat32> iterations() {
        return iterations;
    }

    private Op buildUpdate(Ops tf, Output<?>[] loopOutputs) {
        int stateSize = layout.stateSize();
        List<ResourceVariable<TFloat32>> targets = new ArrayList<>(model.variablesOf(trainable));
        targets.addAll(model.variablesOf(nonTrainable));
        targets.addAll(slots);
        targets.addAll(otherState);
        Operand<TBool> finite = layout.bool(loopOutputs, FINITE);
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < stateSize; i++) {
            Operand<TFloat32> kept = tf.select(finite, layout.state(loopOutputs, i), layout.stateBefore(loopOutputs, i));
            assigns.add(tf.assignVariableOp(targets.get(i).handle(), kept));
        }
        assigns.add(tf.assignVariableOp(iterations.handle(), layout.floats(loopOutputs, ITERATION)));
        return tf.withControlDependencies(assigns).noOp();
    }

    /** Sets the optimizer's slots to their initial values and the step count to zero (a fresh optimizer). */
    public void resetOptimizer() {
        List<ResourceVariable<TFloat32>> all = new ArrayList<>(slots);
        all.add(iterations);
        List<float[]> starts = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            float[] values = new float[Math.toIntExact(Arrays.stream(all.get(i).shape()).reduce(1, (a, b) -> a * b))];
            Arrays.fill(values, i < slots.size() ? slotStarts.get(i) : 0f);
            starts.add(values);
        }
        for (int i = 0; i < otherState.size(); i++) {
            float[] values = new float[Math.toIntExact(Arrays.stream(otherState.get(i).shape()).reduce(1, (a, b) -> a * b))];
            Arrays.fill(values, otherStarts.get(i));
            all.add(otherState.get(i));
            starts.add(values);
        }
        model.assign(all, starts);
    }

    /** @return the weights the compiled optimizer updates, in the order of its slots */
    List<WeightSpec> trainableWeights() {
        return List.copyOf(trainable);
    }

    /** @return the optimizer's variables (slots, then the step count) */
    public List<ResourceVariable<TFloat32>> optimizerVariables() {
        List<ResourceVariable<TFloat32>> all = new ArrayList<>(slots);
        all.add(iterations);
        return all;
    }

    /** @return true when the model trains as one worker of a data-parallel group */
    boolean replicated() {
        return model.replication() != null;
    }

    /**
     * Starts a data-parallel fit (nothing when the model trains alone): the chief's weights on every worker, and the
     * same sample count checked on all.
     *
     * @param rows this worker's training samples
     */
    void synchronizeWorkers(int rows) {
        if (replicated()) {
            model.workerSync().synchronizeWorkers(rows);
        }
    }

    /**
     * Uploads the training set into the graph's data variables (once per {@code fit}).
     *
     * @param xs each input's samples, checked
     * @param ys each output's targets in this program's {@link TargetFormat}s
     */
    public void upload(List<FloatSamples> xs, List<Targets> ys) {
        int n = ys.get(0).count();
        List<KerasTensor> modelInputs = model.network().inputs();
        Session.Runner runner = model.session().runner();
        List<TType> tensors = new ArrayList<>();
        try {
            for (int i = 0; i < xs.size(); i++) {
                TType t = Slices.samples(xs.get(i), 0, n, new long[] {Layer.product(modelInputs.get(i).shape())}, modelInputs.get(i).dtype());
                tensors.add(t);
                runner.feed(dataX.get(i).feed(), t).addTarget(dataX.get(i).assign());
            }
            uploadedData = defaultData;
            for (int o = 0; o < ys.size(); o++) {
                TType t = targetTensor(targets.get(o), ys.get(o));
                tensors.add(t);
                runner.feed(dataY.get(o).feed(), t).addTarget(dataY.get(o).assign());
            }
            runner.run().close();
        } finally {
            tensors.forEach(TType::close);
        }
        uploadedCount = n;
    }

    /**
     * Uploads one chunk of a pipeline's batches into the graph's data variables, replacing the last chunk.
     *
     * @param chunk each input's rows and each output's targets in this program's {@link TargetFormat}s, checked
     */
    void upload(PipelineBatch chunk) {
        int n = chunk.rows();
        List<KerasTensor> modelInputs = model.network().inputs();
        Session.Runner runner = model.session().runner();
        List<TType> tensors = new ArrayList<>();
        try {
            List<String> dtypes = new ArrayList<>();
            for (int i = 0; i < chunk.x().size(); i++) {
                boolean uint8 = chunk.x().get(i).dtype() == io.kerasj.pipeline.HostArray.DType.UINT8;
                dtypes.add(uint8 ? "uint8" : modelInputs.get(i).dtype()); // uint8 stays uint8 until the step casts it
            }
            DataSet data = dataSet(dtypes);
            for (int i = 0; i < chunk.x().size(); i++) {
                TType t = HostTensors.of(chunk.x().get(i), dtypes.get(i), n, Layer.product(modelInputs.get(i).shape()));
                tensors.add(t);
                runner.feed(data.x.get(i).feed(), t).addTarget(data.x.get(i).assign());
            }
            uploadedData = data;
            for (int o = 0; o < chunk.y().size(); o++) {
                TargetFormat format = targets.get(o);
                TType t = format.classIndices() ? HostTensors.of(chunk.y().get(o), "int32", n)
                        : HostTensors.of(chunk.y().get(o), "float32", n, format.sampleSize());
                tensors.add(t);
                runner.feed(dataY.get(o).feed(), t).addTarget(dataY.get(o).assign());
            }
            runner.run().close();
        } finally {
            tensors.forEach(TType::close);
        }
        uploadedCount = n;
    }

    private static TType targetTensor(TargetFormat format, Targets y) {
        return format.classIndices() ? Tensors.ints(y.intValues(), y.count())
                : Tensors.floats(y.floatValues(), (long) y.count(), (long) format.sampleSize());
    }

    /** @return the model's inputs and outputs */
    Network network() {
        return model.network();
    }

    /** @return the form this program takes each output's targets in */
    public List<TargetFormat> targetFormats() {
        return targets;
    }

    /** Frees the uploaded training set. */
    public void releaseData() {
        if (uploadedCount > 0) {
            Session.Runner runner = model.session().runner();
            List<TType> empties = new ArrayList<>();
            try {
                java.util.Set<ResourceVariable<? extends TNumber>> xs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                dataSets.values().forEach(set -> xs.addAll(set.x));
                for (ResourceVariable<? extends TNumber> data : xs) {
                    empties.add(empty(data));
                    runner.feed(data.feed(), empties.get(empties.size() - 1)).addTarget(data.assign());
                }
                for (ResourceVariable<? extends TNumber> data : dataY) {
                    empties.add(empty(data));
                    runner.feed(data.feed(), empties.get(empties.size() - 1)).addTarget(data.assign());
                }
                runner.run().close();
            } finally {
                empties.forEach(TType::close);
            }
            uploadedCount = -1;
        }
    }

    private static TType empty(ResourceVariable<? extends TNumber> data) {
        long[] shape = data.shape().clone();
        shape[0] = 0;
        return org.tensorflow.Tensor.of(data.type(), Shape.of(shape));
    }

    /**
     * Trains batches [from, to) of an epoch.
     *
     * @param order the epoch's sample order, a tensor of the uploaded set's size
     * @param from first batch index
     * @param to last batch index, exclusive
     * @param batch the batch size
     * @return what the chunk did
     */
    public Chunk run(TInt32 order, int from, int to, int batch) {
        int wholeEnd = Math.min(to, uploadedCount / batch); // the steps before it take a whole batch
        if (wholeEnd <= from || (!uploadedData.loops.containsKey(batch) && uploadedData.loops.size() > MAX_WHOLE_BATCH_LOOPS)) {
            // a generator of ever new batch sizes must not grow the graph without end: the dynamic loop takes them all
            return run(uploadedData.loop(0), order, from, to, batch, null);
        }
        Chunk whole = run(uploadedData.loop(batch), order, from, wholeEnd, batch, null);
        if (wholeEnd == to || !whole.finite()) {
            return whole;
        }
        Chunk rest = run(uploadedData.loop(0), order, wholeEnd, to, batch, whole);
        return new Chunk(whole.stepsRun() + rest.stepsRun(), rest.lossSum(), rest.metricSums(), rest.finite());
    }

    /**
     * A chunk's logged sums as the whole group's (the workers' mean: equal batches make it the global batch's mean
     * loss, and every metric's ratio of sums); non-finite when any worker's was. Alone, the chunk itself.
     *
     * @param chunk what this worker's chunk did
     * @return what the group's did
     */
    Chunk acrossWorkers(Chunk chunk) {
        if (!replicated()) {
            return chunk;
        }
        int size = 2;
        for (double[] sums : chunk.metricSums()) {
            size += sums.length;
        }
        double[] flat = new double[size];
        flat[0] = chunk.lossSum();
        flat[1] = chunk.finite() ? 1 : 0;
        int k = 2;
        for (double[] sums : chunk.metricSums()) {
            System.arraycopy(sums, 0, flat, k, sums.length);
            k += sums.length;
        }
        double[] mean = model.workerSync().meanAcrossWorkers(flat);
        double[][] metricSums = new double[chunk.metricSums().length][];
        k = 2;
        for (int m = 0; m < metricSums.length; m++) {
            metricSums[m] = Arrays.copyOfRange(mean, k, k + chunk.metricSums()[m].length);
            k += metricSums[m].length;
        }
        return new Chunk(chunk.stepsRun(), mean[0], metricSums, mean[1] == 1);
    }

    /** @param before the chunk's part already run, whose running sums this part continues, or null */
    public Chunk run(Loop loop, TInt32 order, int from, int to, int batch, Chunk before) {
        Output<?>[] loopOutputs = loop.outputs();
        List<TFloat32> sums = new ArrayList<>();
        try (TInt32 s = TInt32.scalarOf(from); TInt32 e = TInt32.scalarOf(to); TInt32 b = TInt32.scalarOf(batch)) {
            Session.Runner runner = model.session().runner()
                    .feed(start, s).feed(end, e).feed(batchSize, b).feed(permutation, order)
                    .fetch(loopOutputs[layout.index(STEP)]).fetch(loopOutputs[layout.index(LOSS_SUM)]).fetch(loopOutputs[layout.index(FINITE)])
                    .addTarget(loop.update());
            int metrics = config.metrics().size();
            for (int m = 0; m < metrics; m++) {
                runner.fetch(loopOutputs[layout.metric(m)]);
            }
            if (before != null) {
                sums.add(TFloat32.scalarOf((float) before.lossSum()));
                runner.feed(lossSumSoFar, sums.get(0));
                for (int m = 0; m < metrics; m++) {
                    sums.add(floats(before.metricSums()[m]));
                    runner.feed(metricSumsSoFar.get(m), sums.get(m + 1));
                }
            }
            try (Result result = runner.run()) {
                int stepsRun = ((TInt32) result.get(0)).getInt() - from;
                double[][] metricSums = new double[metrics][];
                for (int m = 0; m < metrics; m++) {
                    metricSums[m] = BatchStatistics.doubles((TFloat32) result.get(3 + m));
                }
                return new Chunk(stepsRun, ((TFloat32) result.get(1)).getFloat(), metricSums, ((TBool) result.get(2)).getBoolean());
            }
        } finally {
            sums.forEach(TFloat32::close);
        }
    }

    /** The float32 sums a chunk fetched, fed back as they were (they came from float32, so nothing is rounded). */
    private static TFloat32 floats(double[] sums) {
        float[] values = new float[sums.length];
        for (int i = 0; i < sums.length; i++) {
            values[i] = (float) sums[i];
        }
        return io.kerasj.runtime.Tensors.floats(values, values.length);
    }
}
