package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's merge layers: their shape rules and refusals on symbolic tensors (the messages are Keras's, checked
 * against Python by {@link MergeShapeParityTest}), their values in a graph, and their gradients through
 * {@code Graph.addGradients} against finite differences.
 */
class MergeLayersTest {

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    @Test
    void elementwiseMergesBroadcastFromTheRightAsKeras() {
        assertThat(shape(new Add(), s(3, 4), s(3, 4))).containsExactly(3, 4);
        assertThat(shape(new Multiply(), s(4), s(1))).containsExactly(4);
        assertThat(shape(new Maximum(), s(1), s(4))).containsExactly(4);
        assertThat(shape(new Add(), s(3, 1), s(1, 4))).containsExactly(3, 4);
        assertThat(shape(new Average(), s(4), s(2, 3, 4))).containsExactly(2, 3, 4);
        assertThat(shape(new Subtract(), s(3), s(3, 1))).containsExactly(3, 3);
        assertThat(shape(new Minimum(), s(2, 3), s(3), s(2, 1))).containsExactly(2, 3);
        assertThat(shape(new Add(), s(), s(4))).containsExactly(4);
    }

    @Test
    void elementwiseMergesRefuseIncompatibleShapesWithKerassMessage() {
        assertThatThrownBy(() -> shape(new Add(), s(4, 3), s(5, 3)))
                .hasMessage("Inputs have incompatible shapes. Received shapes (4, 3) and (5, 3)");
        assertThatThrownBy(() -> shape(new Maximum(), s(3), s(4)))
                .hasMessage("Inputs have incompatible shapes. Received shapes (3,) and (4,)");
        // the shape so far against the next input, the longer first
        assertThatThrownBy(() -> shape(new Multiply(), s(2, 3), s(3), s(2)))
                .hasMessage("Inputs have incompatible shapes. Received shapes (2, 3) and (2,)");
        assertThatThrownBy(() -> shape(new Subtract(), s(3), s(3), s(3)))
                .hasMessage("A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[(None, 3), (None, 3), (None, 3)]");
        assertThatThrownBy(() -> shape(new Subtract(), s(3)))
                .hasMessage("A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[(None, 3)]");
    }

    @Test
    void aListOfOneInputMergesToItselfAsInKeras3() {
        Input a = new Input(3);
        assertThat(Merge.add(a).shape()).containsExactly(3);
        assertThat(Merge.concatenate(a).shape()).containsExactly(3);
    }

    @Test
    void concatenateJoinsAlongItsAxisAndChecksTheOthers() {
        assertThat(shape(new Concatenate(), s(3), s(4))).containsExactly(7);
        assertThat(shape(new Concatenate(1), s(2, 3), s(4, 3), s(1, 3))).containsExactly(7, 3);
        assertThat(shape(new Concatenate(-2), s(2, 3, 2), s(2, 1, 2))).containsExactly(2, 4, 2);
        assertThat(shape(new Concatenate(), s(2, 1), s(2, 3))).containsExactly(2, 4);
        String prefix = "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=";
        // Keras 3 squeezes no dimension of 1: (1, 3) and (2, 3) do not join along the last axis
        assertThatThrownBy(() -> shape(new Concatenate(), s(1, 3), s(2, 3))).hasMessage(prefix + "[(None, 1, 3), (None, 2, 3)]");
        assertThatThrownBy(() -> shape(new Concatenate(), s(3), s(4, 5))).hasMessage(prefix + "[(None, 3), (None, 4, 5)]");
        assertThatThrownBy(() -> shape(new Concatenate(1), s(2, 3), s(4, 1))).hasMessage(prefix + "[(None, 2, 3), (None, 4, 1)]");
        assertThatThrownBy(() -> shape(new Concatenate(0), s(2), s(2))).hasMessageContaining("axis 0 is the batch axis");
        assertThatThrownBy(() -> shape(new Concatenate(3), s(2, 3), s(2, 3))).hasMessageContaining("axis 3 is out of range for inputs of rank 3");
        assertThatThrownBy(() -> shape(new Concatenate(-4), s(2, 3), s(2, 3))).hasMessageContaining("axis -4 is out of range");
    }

    @Test
    void dotTakesTheProductAlongItsAxesAsKerassBatchDot() {
        assertThat(shape(new Dot(1), s(5), s(5))).containsExactly(1);
        assertThat(shape(new Dot(-1), s(2, 5), s(3, 5))).containsExactly(2, 3);
        assertThat(shape(new Dot(1, 2), s(3, 4), s(2, 3))).containsExactly(4, 2);
        assertThat(shape(new Dot(1, 2), s(20), s(30, 20))).containsExactly(30);
        assertThat(shape(new Dot(2, 3), s(2, 3, 4), s(5, 2, 3))).containsExactly(2, 4, 5, 2);
        assertThat(shape(new Dot(-1, -2), s(2, 3), s(3, 4))).containsExactly(2, 4);
        assertThat(shape(new Dot(1).normalize(true), s(3, 4), s(3, 2))).containsExactly(4, 2);
    }

    @Test
    void dotRefusesAsKeras() {
        assertThatThrownBy(() -> shape(new Dot(1, 2), s(3), s(5, 4)))
                .hasMessage("Incompatible input shapes: axis values 3 (at axis 1) != 4 (at axis 2). Full input shapes: (None, 3), (None, 5, 4)");
        // a negative int is taken modulo each rank, as Keras's `axes % len(shape)`
        assertThatThrownBy(() -> shape(new Dot(-5), s(3, 4), s(4, 3)))
                .hasMessage("Incompatible input shapes: axis values 3 (at axis 1) != 4 (at axis 1). Full input shapes: (None, 3, 4), (None, 4, 3)");
        assertThatThrownBy(() -> shape(new Dot(1), s(3), s(3), s(3)))
                .hasMessage("A `Dot` layer should be called on a list of 2 inputs. Received: input_shape=[(None, 3), (None, 3), (None, 3)]");
        assertThatThrownBy(() -> shape(new Dot(0), s(3), s(3))).hasMessageStartingWith("Cannot perform batch_dot over axis 0.");
        assertThatThrownBy(() -> shape(new Dot(1), s(), s(3))).hasMessageStartingWith("Cannot do batch_dot on inputs with rank < 2.");
        assertThatThrownBy(() -> shape(new Dot(3, 1), s(2, 3), s(3))).hasMessageContaining("axis 3 is out of range for input 0 of rank 3");
        Dot built = new Dot(1);
        shape(built, s(3), s(3));
        assertThatThrownBy(() -> built.normalize(true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void functionalHelpersMakeLayersNamedAsKeras() {
        Input a = new Input(4);
        Input b = new Input(4);
        assertThat(Merge.add(a, b).layer()).isInstanceOf(Add.class).extracting(Layer::name).isEqualTo("add");
        assertThat(Merge.add(a, b).layer().name()).isEqualTo("add_1");
        assertThat(Merge.subtract(a, b).layer().name()).isEqualTo("subtract");
        assertThat(Merge.multiply(a, b, a).layer().name()).isEqualTo("multiply");
        assertThat(Merge.average(a, b).layer().name()).isEqualTo("average");
        assertThat(Merge.maximum(a, b).layer().name()).isEqualTo("maximum");
        assertThat(Merge.minimum(a, b).layer().name()).isEqualTo("minimum");
        KerasTensor joined = Merge.concatenate(a, b);
        assertThat(joined.shape()).containsExactly(8);
        assertThat(joined.layer().name()).isEqualTo("concatenate");
        assertThat(joined.node().inputs()).containsExactly(a, b);
        assertThat(Merge.concatenate(1, a, b).shape()).containsExactly(8);
        assertThat(Merge.dot(a, b, -1).shape()).containsExactly(1);
        assertThat(((Dot) Merge.dot(a, b, -1, true).layer()).normalize()).isTrue();
        Dot dot = (Dot) Merge.dot(a, b, 1, 1, true).layer();
        assertThat(dot.name()).isEqualTo("dot_2");
        assertThat(dot.axes()).containsExactly(1, 1);
        assertThat(dot.normalize()).isTrue();
    }

    @Test
    void elementwiseValuesFollowKeras() {
        float[] x = {1, -2, 3, 4};
        float[] y = {10, 20, -30, 1};
        float[] z = {0.5f, 0.5f, 2, 2};
        assertThat(values(new Add(), x, y, z)).containsExactly(11.5f, 18.5f, -25, 7);
        assertThat(values(new Subtract(), x, y)).containsExactly(-9, -22, 33, 3);
        assertThat(values(new Multiply(), x, y, z)).containsExactly(5, -20, -180, 8);
        assertThat(values(new Average(), x, y)).containsExactly(5.5f, 9, -13.5f, 2.5f);
        assertThat(values(new Maximum(), x, y, z)).containsExactly(10, 20, 3, 4);
        assertThat(values(new Minimum(), x, y, z)).containsExactly(0.5f, -2, -30, 1);
    }

    @Test
    void aLowerRankInputIsExpandedAfterTheBatchAxis() {
        // batch 3 of x [2] and y [3, 2]: each sample's x is added to each row of that sample's y. Aligning the batch
        // shapes (3, 2) and (3, 3, 2) from the right would add x's rows to y's rows instead, and still run.
        try (MergeGraph graph = new MergeGraph(new Add(), 3, s(2), s(3, 2))) {
            float[] x = {100, 200, 300, 400, 500, 600};
            float[] y = new float[18];
            float[] out = graph.forward(x, y);
            assertThat(graph.staticOutputShape()).containsExactly(-1, 3, 2);
            for (int sample = 0; sample < 3; sample++) {
                for (int row = 0; row < 3; row++) {
                    assertThat(out[sample * 6 + row * 2]).isEqualTo(x[sample * 2]);
                    assertThat(out[sample * 6 + row * 2 + 1]).isEqualTo(x[sample * 2 + 1]);
                }
            }
        }
    }

    @Test
    void concatenateAndDotValues() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        try (MergeGraph graph = new MergeGraph(new Concatenate(1), 1, s(2, 2), s(1, 2), s(2, 2))) {
            assertThat(graph.outputShape).containsExactly(5, 2);
            assertThat(graph.forward(a, new float[] {9, 9}, b)).containsExactly(1, 2, 3, 4, 9, 9, 5, 6, 7, 8);
        }
        try (MergeGraph graph = new MergeGraph(new Concatenate(), 1, s(2, 2), s(2, 1))) {
            assertThat(graph.forward(a, new float[] {9, 8})).containsExactly(1, 2, 9, 3, 4, 8);
        }
        // per sample x = [[1, 2], [3, 4]], y = [[5, 6], [7, 8]]: axes (1, 1) is x^T y, axes (1, 2) is x^T y^T
        assertThat(values(new Dot(1), a, b)).containsExactly(26, 30, 38, 44);
        assertThat(values(new Dot(1, 2), a, b)).containsExactly(23, 31, 34, 46);
        assertThat(values(new Dot(2, 1), a, b)).containsExactly(19, 22, 43, 50);
        try (MergeGraph graph = new MergeGraph(new Dot(1), 2, s(3), s(3))) {
            assertThat(graph.forward(new float[] {1, 2, 3, 0, 1, 0}, new float[] {4, 5, 6, 0, 0, 1})).containsExactly(32, 0);
        }
        try (MergeGraph graph = new MergeGraph(new Dot(-1).normalize(true), 2, s(3), s(3))) {
            float[] cosine = graph.forward(new float[] {1, 2, 3, 0, 0, 0}, new float[] {4, 5, 6, 1, 1, 1});
            assertThat(cosine[0]).isCloseTo((float) (32 / Math.sqrt(14 * 77)), within(1e-6f));
            assertThat(cosine[1]).as("a zero vector stays zero: the norm's inverse is bounded by 1 / epsilon").isEqualTo(0);
        }
    }

    @Test
    void everyMergeLayerIsDifferentiableThroughAddGradients() {
        check(Add::new, s(4), s(4), s(4));
        check(Add::new, s(3, 1), s(1, 4));
        check(Subtract::new, s(2, 3), s(3));
        check(Multiply::new, s(4), s(1));
        check(Multiply::new, s(2), s(3, 2), s(2));
        check(Average::new, s(3), s(3, 1));
        check(Maximum::new, s(5), s(5), s(1));
        check(Minimum::new, s(2, 3), s(3));
        check(Concatenate::new, s(3), s(2));
        check(() -> new Concatenate(1), s(2, 3), s(1, 3), s(3, 3));
        check(() -> new Dot(1), s(5), s(5));
        check(() -> new Dot(2, 3), s(2, 3, 4), s(5, 2, 3));
        check(() -> new Dot(1, 2).normalize(true), s(4), s(3, 4));
        check(() -> new Dot(-1).normalize(true), s(2, 5), s(3, 5));
    }

    /** Each input's gradient of f = sum(w * merge(inputs)) against central finite differences. */
    private static void check(Supplier<Layer> layer, long[]... shapes) {
        int batch = 2;
        Random random = new Random(7);
        try (MergeGraph graph = new MergeGraph(layer.get(), batch, shapes)) {
            float[][] inputs = new float[shapes.length][];
            for (int i = 0; i < shapes.length; i++) {
                inputs[i] = uniform(random, batch * (int) Layer.product(shapes[i]));
            }
            float[] w = uniform(random, batch * (int) Layer.product(graph.outputShape));
            List<float[]> analytic = graph.gradients(w, inputs);
            float step = 1e-2f;
            for (int i = 0; i < inputs.length; i++) {
                for (int j = 0; j < inputs[i].length; j++) {
                    float kept = inputs[i][j];
                    inputs[i][j] = kept + step;
                    float up = graph.f(w, inputs);
                    inputs[i][j] = kept - step;
                    float down = graph.f(w, inputs);
                    inputs[i][j] = kept;
                    assertThat(analytic.get(i)[j]).as("%s: d f / d input %d [%d]", graph, i, j)
                            .isCloseTo((up - down) / (2 * step), within(2e-3f));
                }
            }
        }
    }

    private static float[] values(Layer layer, float[]... inputs) {
        long[][] shapes = new long[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = layer instanceof ElementwiseMerge ? s(inputs[i].length) : s(2, inputs[i].length / 2);
        }
        try (MergeGraph graph = new MergeGraph(layer, 1, shapes)) {
            return graph.forward(inputs);
        }
    }

    private static float[] uniform(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    private static long[] shape(Layer layer, long[]... shapes) {
        KerasTensor[] inputs = new KerasTensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            inputs[i] = new Input(shapes[i]);
        }
        return layer.apply(inputs).shape();
    }

    private static long[] s(long... dims) {
        return dims;
    }
}
