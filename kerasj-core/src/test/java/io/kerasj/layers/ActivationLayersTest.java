package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.activations.Activation;
import io.kerasj.initializers.Initializers;
import io.kerasj.runtime.NativeRuntime;
import io.kerasj.runtime.Tensors;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The activations and activation layers Keras Applications use, against their Keras 3 formulas, and their gradients
 * from TensorFlow's C++ gradient registry against central differences (training needs every one of them).
 */
class ActivationLayersTest {
    private static final float[] POINTS = {-4.1f, -2.7f, -1.3f, -0.45f, 0.35f, 0.9f, 2.2f, 3.6f, 7.3f};

    /** Values and d(sum f(x))/dx of {@code f} at {@code x}, in a graph of their own. */
    private static float[][] valuesAndGradients(float[] x, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
        NativeRuntime.ensureLoaded();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, x.length)));
            Operand<TFloat32> y = f.apply(tf, in);
            Output<?>[] dx = g.addGradients(tf.reduceSum(y, tf.constant(new int[] {0, 1})).asOutput(), new Output<?>[] {in.asOutput()});
            try (TFloat32 value = Tensors.floats(x, 1L, (long) x.length); Result r = s.runner().feed(in, value).fetch(y).fetch(dx[0]).run()) {
                return new float[][] {Tensors.toFloats((TFloat32) r.get(0)), Tensors.toFloats((TFloat32) r.get(1))};
            }
        }
    }

    private static void assertMatches(BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f, DoubleUnaryOperator expected) {
        float[][] out = valuesAndGradients(POINTS, f);
        for (int i = 0; i < POINTS.length; i++) {
            double x = POINTS[i];
            assertThat(out[0][i]).as("f(%s)", x).isCloseTo((float) expected.applyAsDouble(x), within(1e-5f));
            double slope = (expected.applyAsDouble(x + 1e-4) - expected.applyAsDouble(x - 1e-4)) / 2e-4;
            assertThat(out[1][i]).as("f'(%s)", x).isCloseTo((float) slope, within(1e-3f));
        }
    }

    private static BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> layer(Layer layer) {
        layer.build(new long[] {POINTS.length});
        return (tf, x) -> layer.call(new GraphCallContext(tf), x).output();
    }

    private static double relu6(double x) {
        return Math.min(Math.max(x, 0), 6);
    }

    @Test
    void newActivationsFollowKeras3AndHaveGradients() {
        assertMatches(Activation.RELU6::apply, ActivationLayersTest::relu6);
        assertMatches(Activation.HARD_SIGMOID::apply, x -> relu6(x + 3) / 6);
        assertMatches(Activation.HARD_SILU::apply, x -> x * relu6(x + 3) / 6);
        assertMatches(Activation.MISH::apply, x -> x * Math.tanh(Math.log1p(Math.exp(x))));
        assertMatches(Activation.SILU::apply, x -> x / (1 + Math.exp(-x)));
        assertMatches(Activation.SELU::apply, x -> 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * Math.expm1(x)));
        assertMatches(Activation.ELU::apply, x -> x > 0 ? x : Math.expm1(x));
        assertMatches(Activation.gelu(false)::apply, x -> 0.5 * x * (1 + erf(x / Math.sqrt(2))));
        assertMatches(Activation.gelu(true)::apply,
                x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
        assertThat(Activation.gelu(false)).isSameAs(Activation.GELU);
        assertThatThrownBy(() -> Activation.gelu(true).kerasName()).hasMessageContaining("registered");
    }

    /** erf by Simpson's rule on 2 / sqrt(pi) exp(-t^2), far below the test's tolerances. */
    private static double erf(double x) {
        int n = 4000;
        double h = x / n;
        double sum = 1 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            double t = i * h;
            sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * sum * h / 3;
    }

    @Test
    void namesAndAliasesAsKerasReadsThem() {
        assertThat(Activation.of("swish")).isSameAs(Activation.SILU);
        assertThat(Activation.of("silu")).isSameAs(Activation.SILU);
        assertThat(Activation.of("hard_swish")).isSameAs(Activation.HARD_SILU);
        assertThat(Activation.HARD_SILU.kerasName()).isEqualTo("hard_silu");
        assertThat(Activation.SILU.kerasName()).isEqualTo("silu");
        for (String name : List.of("relu6", "hard_sigmoid", "hard_silu", "mish", "gelu", "selu", "elu")) {
            assertThat(Activation.of(name).kerasName()).isEqualTo(name);
        }
    }

    @Test
    void reluLayerWithThresholdSlopeAndMaximumIsKerasReluAndDifferentiable() {
        assertMatches(layer(new ReLU()), x -> Math.max(x, 0));
        assertMatches(layer(new ReLU(6.0, 0, 0)), ActivationLayersTest::relu6);
        // Keras 3: where(x > t, x, 0) clipped to max_value, minus slope * relu(t - x)
        assertMatches(layer(new ReLU(3.0, 0.1, 0.5)), x -> Math.min(x > 0.5 ? x : 0, 3) - 0.1 * Math.max(0.5 - x, 0));
        assertMatches(layer(new ReLU(null, 0.2, 0)), x -> x > 0 ? x : 0.2 * x);
        assertThatThrownBy(() -> new ReLU(-1.0, 0, 0)).hasMessageContaining("max_value");
        assertThatThrownBy(() -> new ReLU(null, -0.1, 0)).hasMessageContaining("negative_slope");
    }

    @Test
    void leakyReluEluAndSoftmaxLayers() {
        assertThat(new LeakyReLU().negativeSlope()).isEqualTo(0.3f);
        assertMatches(layer(new LeakyReLU()), x -> x > 0 ? x : 0.3 * x);
        assertMatches(layer(new ELU(0.7)), x -> x > 0 ? x : 0.7 * Math.expm1(x));
        assertMatches(layer(new ELU()), x -> x > 0 ? x : Math.expm1(x));
        double sum = 0;
        for (float p : POINTS) {
            sum += Math.exp(p);
        }
        double total = sum;
        float[] softmax = valuesAndGradients(POINTS, layer(new Softmax()))[0];
        for (int i = 0; i < POINTS.length; i++) {
            assertThat(softmax[i]).isCloseTo((float) (Math.exp(POINTS[i]) / total), within(1e-6f));
        }
    }

    @Test
    void softmaxOverAnotherAxisSumsToOneAlongIt() {
        Softmax softmax = new Softmax(1);
        softmax.build(new long[] {3, 2});
        NativeRuntime.ensureLoaded();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> x = tf.constant(new float[][][] {{{1, 5}, {2, -1}, {0.5f, 3}}});
            try (Result r = s.runner().fetch(softmax.call(new GraphCallContext(tf), x).output()).run()) {
                float[] out = Tensors.toFloats((TFloat32) r.get(0));
                assertThat(out[0] + out[2] + out[4]).isCloseTo(1f, within(1e-6f));
                assertThat(out[1] + out[3] + out[5]).isCloseTo(1f, within(1e-6f));
                assertThat(out[0]).isCloseTo((float) (Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5))), within(1e-6f));
            }
        }
        Softmax batchAxis = new Softmax(3);
        assertThatThrownBy(() -> batchAxis.build(new long[] {3, 2})).hasMessageContaining("axis 3");
    }

    @Test
    void preluSharesAlphaAlongSharedAxesAndDifferentiatesBoth() {
        PReLU prelu = new PReLU(Initializers.constant(0.25), new int[] {1, 2});
        prelu.build(new long[] {4, 4, 3});
        assertThat(prelu.weightSpecs().get(0).shape()).containsExactly(1, 1, 3);
        assertThat(prelu.weightSpecs().get(0).trainable()).isTrue();
        PReLU full = new PReLU();
        full.build(new long[] {POINTS.length});
        NativeRuntime.ensureLoaded();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> alpha = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(POINTS.length)));
            Operand<TFloat32> x = tf.constant(new float[][] {POINTS});
            Operand<TFloat32> y = full.call(new GraphCallContext(tf).with(full.weightSpecs().get(0), alpha), x).output();
            Output<?>[] dAlpha = g.addGradients(tf.reduceSum(y, tf.constant(new int[] {0, 1})).asOutput(), new Output<?>[] {alpha.asOutput()});
            float[] alphas = new float[POINTS.length];
            java.util.Arrays.fill(alphas, 0.1f);
            try (TFloat32 a = Tensors.floats(alphas, POINTS.length); Result r = s.runner().feed(alpha, a).fetch(y).fetch(dAlpha[0]).run()) {
                float[] out = Tensors.toFloats((TFloat32) r.get(0));
                float[] grad = Tensors.toFloats((TFloat32) r.get(1));
                for (int i = 0; i < POINTS.length; i++) {
                    float p = POINTS[i];
                    assertThat(out[i]).isCloseTo(p > 0 ? p : 0.1f * p, within(1e-6f));
                    assertThat(grad[i]).isCloseTo(p > 0 ? 0 : p, within(1e-6f));
                }
            }
        }
        PReLU batch = new PReLU(Initializers.constant(0), new int[] {0});
        assertThatThrownBy(() -> batch.build(new long[] {4})).hasMessageContaining("shared_axes");
    }
}
