package io.kerasj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.LayerOutput;
import io.kerasj.losses.BinaryCrossentropy;
import io.kerasj.models.CustomStep;
import io.kerasj.models.Sequential;
import io.kerasj.models.StepLogs;
import io.kerasj.optimizers.SGD;
import io.kerasj.runtime.NativeRuntime;
import io.kerasj.runtime.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Registering a gradient for an op TensorFlow Java cannot differentiate: {@code OnesLike} has none in TensorFlow
 * Java 1.1.0 (Python declares it not differentiable, a zero gradient).
 */
class GradientsTest {

    /** d/dx sum(x * OnesLike(x)) = 1 with a zero gradient through OnesLike, 2 through a wrong one. */
    private static Output<?>[] gradientOfOnesLikeProduct(Graph g, Placeholder<TFloat32> x) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> y = tf.reduceSum(tf.math.mul(x, tf.onesLike(x)), tf.constant(0));
        return g.addGradients(y.asOutput(), new Output<?>[] {x.asOutput()});
    }

    @Test
    void aRegisteredGradientLetsTensorFlowDifferentiateAnOpItHadNoGradientFor() {
        NativeRuntime.ensureLoaded();
        if (!Gradients.registered().contains("OnesLike")) { // per JVM: only the first test to get here sees it missing
            try (Graph g = new Graph()) {
                Placeholder<TFloat32> x = Ops.create(g).placeholder(TFloat32.class, Placeholder.shape(Shape.of(3)));
                assertThatThrownBy(() -> gradientOfOnesLikeProduct(g, x)).isInstanceOf(TensorFlowException.class)
                        .hasMessageContaining("No gradient defined for op: OnesLike");
            }
            assertThat(Gradients.register("OnesLike", (tf, op, upstream) -> List.of(tf.zerosLike(op.input(0))))).isTrue();
        }
        assertThat(Gradients.registered()).contains("OnesLike");
        // a second registration of the type is refused: TensorFlow keeps the first
        assertThat(Gradients.register("OnesLike", (tf, op, upstream) -> List.of(tf.onesLike(op.input(0))))).isFalse();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Placeholder<TFloat32> x = Ops.create(g).placeholder(TFloat32.class, Placeholder.shape(Shape.of(3)));
            Output<?>[] dx = gradientOfOnesLikeProduct(g, x);
            try (TFloat32 value = Tensors.floats(new float[] {0.5f, -2f, 3f}, 3);
                 Result r = s.runner().feed(x, value).fetch(dx[0]).run()) {
                assertThat(Tensors.toFloats((TFloat32) r.get(0))).containsExactly(1f, 1f, 1f);
            }
        }
    }

    @Test
    void aStepThatDifferentiatesThroughTheOpTrains() {
        Gradients.register("OnesLike", (tf, op, upstream) -> List.of(tf.zerosLike(op.input(0)))); // true or already there
        float[] values = new float[40];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 7) / 7f - 0.4f;
        }
        FloatSamples x = FloatSamples.of(values, 2);
        try (Sequential model = new Sequential(3)) {
            model.add(new Input(2)).add(new Dense(1, "sigmoid"));
            // every prediction pushed to 1, with labels made by OnesLike from the prediction itself
            CustomStep step = model.customStep(s -> {
                Ops tf = s.tf();
                LayerOutput p = s.call(s.x(), true).get(0);
                Operand<TFloat32> loss = tf.math.mean(new BinaryCrossentropy().call(tf, tf.onesLike(p.output()), p), tf.constant(0));
                s.applyGradients(new SGD(0.5), s.gradients(loss, s.trainableWeights()), s.trainableWeights());
                return StepLogs.of(loss);
            });
            Targets unused = Targets.of(new float[20], 1);
            double first = step.run(x, unused).get("loss");
            double last = first;
            for (int i = 0; i < 20; i++) {
                last = step.run(x, unused).get("loss");
            }
            assertThat(last).isLessThan(first * 0.9);
        }
    }
}
