package io.kerasj.engine;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.KerasTensor;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * One training step of a compiled program as a graph of its own, for {@code trainOnBatch}: the batch is fed as
 * placeholders (nothing is uploaded), the state (weights, optimizer slots, step count) is read from the program's
 * variables and written back in the same {@code Session.run}, and only the loss and the metrics' sums are fetched, packed into one vector.
 * It is the training program's step ({@link TrainingProgram#step}: the model's own {@code trainStep} or the default
 * one, same float32 arithmetic), so one call equals one step of {@code fit} on that batch; as there, a non-finite loss
 * keeps the state from before the step (the step count still advances; Keras's {@code train_on_batch} would apply
 * that update, KerasJ keeps its fit's rule, which its trainOnBatch has always followed).
 *
 * <p>Built for one batch size, with every shape static as in {@code fit}'s whole-batch loop, or for any size
 * ({@code batch == 0}). The batch tensors of float inputs and of the targets are kept and refilled from call to call;
 * {@link #close()} frees them.
 */
final class SingleStepProgram implements AutoCloseable {
    /** The largest batch tensor kept between calls, in values (4 MB of float32). */
    static final long KEPT_VALUES = 1L << 20;

    /**
     * Runs the step's ops on the calling thread (TensorFlow's {@code RunOptions.inter_op_thread_pool = -1}): for one
     * small step the hand-over to the inter-op pool and back is dear (MLP, batch 32, loaded 2-core machine: 1.72 against
     * 2.04 ms per call). Ops still use the intra-op pool.
     */
    private static final RunOptions IN_CALLER_THREAD = RunOptions.newBuilder().setInterOpThreadPool(-1).build();

    private final ModelGraph model;
    private final int batch;
    private final List<KerasTensor> inputs;
    private final List<TargetFormat> targets;
    private final List<Placeholder<? extends TNumber>> xFeeds = new ArrayList<>();
    private final List<Placeholder<? extends TNumber>> yFeeds = new ArrayList<>();
    /** The loss and every metric sum flattened into one vector, the one tensor a call fetches. */
    private final Output<TFloat32> fetched;
    private final int[] metricSizes;
    private final Op update;
    private final TType[] xTensors;
    private final TType[] yTensors;

    /** What one step did: the batch's loss (float32, as the graph computed it) and each metric's sums. */
    record Step(float loss, double[][] metricSums) {
    }

    /**
     * @param model the graph of the program
     * @param program the compiled training program: its step, and the state variables this step reads and writes
     * @param learningRate the graph's learning rate
     * @param batch the batch size every call takes, or 0 for any
     */
    SingleStepProgram(ModelGraph model, TrainingProgram program, LearningRate learningRate, int batch) {
        this.model = model;
        this.batch = batch;
        this.inputs = model.network().inputs();
        this.targets = program.targetFormats();
        Ops tf = model.ops().withSubScope("train_on_batch_" + (batch > 0 ? batch : "any"));
        long rows = batch > 0 ? batch : -1;
        List<Operand<? extends TNumber>> xb = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Placeholder<? extends TNumber> x = tf.withName("x" + suffix(i)).placeholder(InputTypes.of(inputs.get(i).dtype()),
                    Placeholder.shape(Shape.of(Tensors.withBatch(rows, inputs.get(i).shape()))));
            xFeeds.add(x);
            xb.add(x);
        }
        List<Operand<? extends TNumber>> yb = new ArrayList<>();
        for (int o = 0; o < targets.size(); o++) {
            TargetFormat format = targets.get(o);
            Placeholder<? extends TNumber> y = format.classIndices()
                    ? tf.withName("y" + suffix(o)).placeholder(TInt32.class, Placeholder.shape(Shape.of(rows)))
                    : tf.withName("y" + suffix(o)).placeholder(TFloat32.class, Placeholder.shape(Shape.of(Tensors.withBatch(rows, format.sampleShape()))));
            yFeeds.add(y);
            yb.add(y);
        }

        // The program's own step (the model's trainStep, or the default one) on the batch and the variables' values.
        List<ResourceVariable<TFloat32>> stateVariables = program.stateVariables();
        List<Operand<TFloat32>> current = new ArrayList<>();
        stateVariables.forEach(v -> current.add(v.read()));
        ResourceVariable<TFloat32> iterations = program.iterations();
        TrainingProgram.Step step = program.step(tf, xb, yb, current, iterations.read(), learningRate.read(tf));
        Operand<TFloat32> meanLoss = step.loss();
        List<Operand<TFloat32>> next = step.state();

        // A non-finite loss keeps the state: each new value passes a Switch on the loss being finite, so that its assign
        // runs only then (the other branch is dead). The Switch hands the tensor on without a copy, where a Select
        // (rewritten by TensorFlow into a broadcasting SelectV2) would copy every weight, as much as a third of the step.
        Operand<TBool> finite = tf.math.isFinite(meanLoss);
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < stateVariables.size(); i++) {
            assigns.add(tf.assignVariableOp(stateVariables.get(i).handle(), tf.switchCond(next.get(i), finite).outputTrue()));
        }
        assigns.add(tf.assignVariableOp(iterations.handle(), step.iteration()));
        update = tf.withControlDependencies(assigns).noOp();
        // One fetched tensor instead of one per value: each fetched tensor costs the native call an allocation
        // (with JavaCPP's memory check) and a Java wrapper, more than the Concat that packs them.
        List<Operand<TFloat32>> parts = new ArrayList<>();
        Operand<TInt32> flat = tf.constant(new int[] {-1});
        parts.add(tf.reshape(meanLoss, flat));
        metricSizes = new int[step.metricSums().size()];
        for (int m = 0; m < metricSizes.length; m++) {
            Operand<TFloat32> sum = step.metricSums().get(m);
            long size = sum.shape().size();
            if (size < 0) {
                throw new IllegalStateException("metric " + m + ": expected sums of a static shape, found " + sum.shape());
            }
            metricSizes[m] = Math.toIntExact(size);
            parts.add(tf.reshape(sum, flat));
        }
        fetched = (parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(0))).asOutput();
        xTensors = new TType[inputs.size()];
        yTensors = new TType[targets.size()];
    }

    private static String suffix(int index) {
        return index == 0 ? "" : "_" + index;
    }

    /**
     * Trains one step on one batch.
     *
     * @param x each input's samples (the batch), checked
     * @param y each output's targets in the program's formats
     * @return the step's loss and metric sums
     */
    Step run(List<FloatSamples> x, List<Targets> y) {
        int n = y.get(0).count();
        List<TType> perCall = new ArrayList<>(0);
        try {
            Session.Runner runner = model.session().runner();
            for (int i = 0; i < xFeeds.size(); i++) {
                runner.feed(xFeeds.get(i), inputTensor(i, x.get(i), n, perCall));
            }
            for (int o = 0; o < yFeeds.size(); o++) {
                runner.feed(yFeeds.get(o), targetTensor(o, y.get(o), n, perCall));
            }
            runner.fetch(fetched);
            runner.addTarget(update);
            runner.setOptions(IN_CALLER_THREAD);
            try (Result result = runner.run()) {
                float[] values = Tensors.toFloats((TFloat32) result.get(0));
                double[][] sums = new double[metricSizes.length][];
                int at = 1;
                for (int m = 0; m < sums.length; m++) {
                    sums[m] = new double[metricSizes[m]];
                    for (int i = 0; i < metricSizes[m]; i++) {
                        sums[m][i] = values[at++];
                    }
                }
                return new Step(values[0], sums);
            }
        } finally {
            perCall.forEach(TType::close);
        }
    }

    /** A float input's tensor is kept for the next call of the same size; an integer one is made each call. */
    private TType inputTensor(int i, FloatSamples x, int n, List<TType> perCall) {
        KerasTensor input = inputs.get(i);
        if (!"float32".equals(input.dtype())) {
            TType tensor = Slices.samples(x, 0, n, input.shape(), input.dtype());
            perCall.add(tensor);
            return tensor;
        }
        TFloat32 tensor = (TFloat32) reusable(xTensors, i, (long) n * x.sampleSize(), perCall,
                () -> TFloat32.tensorOf(Shape.of(Tensors.withBatch(n, input.shape()))));
        tensor.copyFrom(DataBuffers.of(x.unsafeValues(), true, false).narrow((long) n * x.sampleSize()));
        return tensor;
    }

    private TType targetTensor(int o, Targets y, int n, List<TType> perCall) {
        TargetFormat format = targets.get(o);
        if (format.classIndices()) {
            TInt32 tensor = (TInt32) reusable(yTensors, o, n, perCall, () -> TInt32.tensorOf(Shape.of(n)));
            tensor.copyFrom(DataBuffers.of(y.intValues(), true, false));
            return tensor;
        }
        TFloat32 tensor = (TFloat32) reusable(yTensors, o, (long) n * format.sampleSize(), perCall,
                () -> TFloat32.tensorOf(Shape.of(Tensors.withBatch(n, format.sampleShape()))));
        tensor.copyFrom(DataBuffers.of(y.floatValues(), true, false));
        return tensor;
    }

    /**
     * @param elements the tensor's number of values
     * @return the kept tensor when this program is of one batch size and the tensor small; else a new one, closed
     *     after the call (so that a large batch's memory is not held between calls)
     */
    private TType reusable(TType[] kept, int index, long elements, List<TType> perCall, java.util.function.Supplier<TType> make) {
        if (batch == 0 || elements > KEPT_VALUES) {
            TType tensor = make.get();
            perCall.add(tensor);
            return tensor;
        }
        if (kept[index] == null) {
            kept[index] = make.get();
        }
        return kept[index];
    }

    /** Frees the kept batch tensors. */
    @Override
    public void close() {
        for (TType[] kept : List.of(xTensors, yTensors)) {
            for (int i = 0; i < kept.length; i++) {
                if (kept[i] != null) {
                    kept[i].close();
                    kept[i] = null;
                }
            }
        }
    }
}
