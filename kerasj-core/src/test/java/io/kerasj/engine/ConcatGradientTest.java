package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.runtime.NativeRuntime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class ConcatGradientTest {

    private static final double TOLERANCE = 1e-6;
    private static final double STEP = 1e-5;

    @Test
    void axisZeroOfThreeUnequalInputsMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(0, new long[] {1, 3}, new long[] {2, 3}, new long[] {3, 3});
    }

    @Test
    void axisOneOfThreeUnequalInputsMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(1, new long[] {4, 2}, new long[] {4, 3}, new long[] {4, 1});
    }

    @Test
    void negativeAxisOfRankThreeInputsMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(-1, new long[] {3, 2, 2}, new long[] {3, 2, 4}, new long[] {3, 2, 1});
    }

    @Test
    void twoInputsMatchFiniteDifferences() {
        checkAgainstFiniteDifferences(1, new long[] {5, 3}, new long[] {5, 2});
    }

    @Test
    void theJavaGradientOfConcatEqualsTheNativeGradientOfConcatV2() {
        long[][] shapes = {{3, 2, 2}, {3, 2, 4}, {3, 2, 1}};
        try (ConcatProblem java = new ConcatProblem(true, -1, shapes); ConcatProblem nativeOne = new ConcatProblem(false, -1, shapes)) {
            double[][] values = java.randomValues(11);
            double difference = ConcatProblem.maxDifference(java.gradients(values), nativeOne.gradients(values));
            System.out.printf("max |Concat (Java gradient) - ConcatV2 (native gradient)| = %.3g%n", difference);
            assertThat(difference).isLessThan(1e-12);
        }
    }

    @Test
    void theSameGraphServesAnotherBatchSize() {
        // The offsets come from the run-time shapes; and a Java gradient is built right in a second graph too.
        try (ConcatProblem problem = new ConcatProblem(true, -1, new long[] {2, 2}, new long[] {2, 3})) {
            double[][] values = problem.randomValues(7);
            assertThat(ConcatProblem.maxDifference(problem.gradients(values), problem.finiteDifferences(values, STEP)))
                    .isLessThan(TOLERANCE);
        }
        try (ConcatProblem problem = new ConcatProblem(true, -1, new long[] {6, 2}, new long[] {6, 3})) {
            double[][] values = problem.randomValues(8);
            assertThat(ConcatProblem.maxDifference(problem.gradients(values), problem.finiteDifferences(values, STEP)))
                    .isLessThan(TOLERANCE);
        }
    }

    @Test
    void registeringTwiceIsHarmlessAndTensorFlowThenKnowsTheGradients() {
        NativeRuntime.ensureLoaded();
        ConcatGradient.register();
        ConcatGradient.register();
        System.out.println("Java gradients registered by KerasJ: " + ConcatGradient.javaGradientOps());
        assertThat(ConcatGradient.javaGradientOps()).contains("Concat");
        // TensorFlow refuses (returns false for) a registration of an op that already has a gradient.
        assertThat(TensorFlow.registerCustomGradient("ConcatV2", (tf, op, upstream) -> List.of())).isFalse();
        assertThat(TensorFlow.registerCustomGradient("Concat", (tf, op, upstream) -> List.of())).isFalse();
    }

    /** Both ops: {@code ConcatV2} (TensorFlow 2.18's native gradient, or KerasJ's) and {@code Concat} (KerasJ's). */
    private static void checkAgainstFiniteDifferences(int axis, long[]... shapes) {
        for (boolean legacy : new boolean[] {false, true}) {
            try (ConcatProblem problem = new ConcatProblem(legacy, axis, shapes)) {
                double[][] values = problem.randomValues(42);
                double difference = ConcatProblem.maxDifference(problem.gradients(values), problem.finiteDifferences(values, STEP));
                System.out.printf("%s axis %d of %d inputs: max |addGradients - finite differences| = %.3g%n",
                        legacy ? "Concat" : "ConcatV2", axis, shapes.length, difference);
                assertThat(difference).isLessThan(TOLERANCE);
            }
        }
    }

    /**
     * A two-branch model, {@code concat([tanh(x W1), x W2], -1) W3}, trained by SGD inside a {@code Graph.whileLoop}
     * with the gradients taken in the loop body's graph, as {@code TrainingProgram} does. (Taking them instead from the
     * outer graph, through the loop's outputs, aborts the JVM with {@code gradients.cc:555 Check failed:
     * num_requested_inputs == p.second (0 vs. 1)} on TensorFlow Java 1.1.0, with or without a concatenation in the
     * body: measured with a body of {@code v * 2}.)
     */
    @Test
    void aModelWithConcatV2TrainsInsideAWhileLoop() {
        trainInsideAWhileLoop(false);
    }

    @Test
    void aModelWithTheOlderConcatTrainsInsideAWhileLoopAsWithTheNativeGradient() {
        // Concat's gradient is KerasJ's Java one, ConcatV2's TensorFlow's native one: the same training, the same loss.
        assertThat(trainInsideAWhileLoop(true)).isCloseTo(trainInsideAWhileLoop(false), within(1e-7f));
    }

    /** @return the loss at the last of 400 steps */
    private static float trainInsideAWhileLoop(boolean legacy) {
        NativeRuntime.ensureLoaded();
        ConcatGradient.register();
        Random random = new Random(3);
        int samples = 32;
        float[] x = randoms(random, samples * 4);
        float[] teacher = randoms(random, 4);
        float[] y = new float[samples];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < 4; j++) {
                y[s] += (float) Math.tanh(x[s * 4 + j] * teacher[j]);
            }
        }
        try (Graph g = new Graph(); Session session = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TInt32> steps = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> xs = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
            Placeholder<TFloat32> ys = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
            List<Operand<?>> inputs = List.of(tf.constant(0), steps, tf.constant(0f), xs, ys,
                    tf.constant(Shape.of(4, 3), DataBuffers.of(randoms(random, 12))),
                    tf.constant(Shape.of(4, 2), DataBuffers.of(randoms(random, 8))),
                    tf.constant(Shape.of(5, 1), DataBuffers.of(randoms(random, 5))));
            Output<?>[] outputs = g.whileLoop(inputs.stream().map(Operand::asOutput).toArray(Output[]::new),
                    (cg, in, out) -> out[0] = Ops.create(cg).math.less(int32(in[0]), int32(in[1])).asOutput(),
                    (bg, in, out) -> {
                        Ops b = Ops.create(bg);
                        Operand<TFloat32> xb = float32(in[3]);
                        List<Operand<TFloat32>> weights = List.of(float32(in[5]), float32(in[6]), float32(in[7]));
                        List<Operand<TFloat32>> branches = List.of(b.math.tanh(b.linalg.matMul(xb, weights.get(0))),
                                b.linalg.matMul(xb, weights.get(1)));
                        Operand<TFloat32> hidden = legacy ? legacyConcat(b, branches) : b.concat(branches, b.constant(-1));
                        Operand<TFloat32> error = b.math.sub(b.linalg.matMul(hidden, weights.get(2)), float32(in[4]));
                        Operand<TFloat32> loss = b.math.mean(b.math.square(error), b.constant(new int[] {0, 1}));
                        Output<?>[] grads = bg.addGradients(loss.asOutput(),
                                weights.stream().map(Operand::asOutput).toArray(Output[]::new));
                        out[0] = b.math.add(int32(in[0]), b.constant(1)).asOutput();
                        out[1] = in[1];
                        out[2] = loss.asOutput();
                        out[3] = in[3];
                        out[4] = in[4];
                        for (int i = 0; i < 3; i++) {
                            out[5 + i] = b.math.sub(weights.get(i), b.math.mul(b.constant(0.1f), float32(grads[i]))).asOutput();
                        }
                    },
                    "concat_training");
            float first = lossAfter(session, steps, xs, ys, outputs[2], 1, x, y, samples);
            float last = lossAfter(session, steps, xs, ys, outputs[2], 400, x, y, samples);
            System.out.printf("%s model in a while loop: loss at step 1 = %.5f, at step 400 = %.5f%n", legacy ? "Concat" : "ConcatV2", first, last);
            assertThat(last).isLessThan(first / 10);
            return last;
        }
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> legacyConcat(Ops tf, List<Operand<TFloat32>> parts) {
        Output<?> output = tf.scope().opBuilder("Concat", "legacy_concat")
                .addInput(tf.constant(-1).asOutput())
                .addInputList(parts.stream().map(Operand::asOutput).toArray(Output[]::new))
                .build().output(0);
        return (Operand<TFloat32>) output;
    }

    private static float lossAfter(Session session, Operand<TInt32> steps, Operand<TFloat32> xs, Operand<TFloat32> ys,
            Output<?> loss, int n, float[] x, float[] y, int samples) {
        try (TInt32 stepsT = TInt32.scalarOf(n);
                TFloat32 xT = TFloat32.tensorOf(Shape.of(samples, 4), DataBuffers.of(x));
                TFloat32 yT = TFloat32.tensorOf(Shape.of(samples, 1), DataBuffers.of(y));
                Result result = session.runner().feed(steps, stepsT).feed(xs, xT).feed(ys, yT).fetch(loss).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    private static float[] randoms(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * 0.5);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TInt32> int32(Output<?> output) {
        return (Operand<TInt32>) output;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> float32(Output<?> output) {
        return (Operand<TFloat32>) output;
    }
}
