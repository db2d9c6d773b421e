package io.kerasj.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.runtime.NativeRuntime;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.Test;

/** Keras's three clipping rules on two gradients, (3, 4) of norm 5 and (0, 0, 12) of norm 12 (jointly 13). */
class GradientClippingTest {

    private static List<float[]> clip(GradientClipping clipping) {
        NativeRuntime.ensureLoaded();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            List<Operand<TFloat32>> clipped = clipping.clip(tf, List.of(tf.constant(new float[] {3, 4}), tf.constant(new float[] {0, 0, 12})));
            Session.Runner runner = session.runner();
            clipped.forEach(runner::fetch);
            try (Result result = runner.run()) {
                List<float[]> out = new ArrayList<>();
                for (int i = 0; i < clipped.size(); i++) {
                    out.add(Tensors.toFloats((TFloat32) result.get(i)));
                }
                return out;
            }
        }
    }

    @Test
    void clipnormRescalesEachGradientAboveTheNorm() {
        List<float[]> g = clip(new GradientClipping(6.0, null, null));
        assertThat(g.get(0)).containsExactly(3, 4); // norm 5 <= 6: unchanged
        assertThat(g.get(1)[2]).isCloseTo(6f, within(1e-6f));
    }

    @Test
    void globalClipnormRescalesAllByTheJointNorm() {
        List<float[]> g = clip(new GradientClipping(null, null, 6.5));
        assertThat(g.get(0)[0]).isCloseTo(1.5f, within(1e-6f));
        assertThat(g.get(0)[1]).isCloseTo(2f, within(1e-6f));
        assertThat(g.get(1)[2]).isCloseTo(6f, within(1e-6f));
        assertThat(clip(new GradientClipping(null, null, 20.0)).get(1)[2]).isCloseTo(12f, within(1e-6f));
    }

    @Test
    void clipvalueClipsEachElementAndZeroClipsNothing() {
        List<float[]> g = clip(new GradientClipping(null, 3.5, null));
        assertThat(g.get(0)).containsExactly(3, 3.5f);
        assertThat(g.get(1)).containsExactly(0, 0, 3.5f);
        assertThat(clip(new GradientClipping(0.0, null, null)).get(1)).containsExactly(0, 0, 12);
    }

    @Test
    void onlyOneClippingAsKeras() {
        assertThatThrownBy(() -> new Adam().withClipnorm(1).withClipvalue(0.5))
                .hasMessageStartingWith("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set");
        assertThatThrownBy(() -> new GradientClipping(-1.0, null, null)).hasMessageContaining("at least 0");
        assertThat(new SGD(0.1).withClipnorm(1.0)).isEqualTo(new SGD(0.1, 0, false, new GradientClipping(1.0, null, null)));
        assertThat(new Adam().withClipnorm(1).withClipnorm(2).clipping().clipnorm()).isEqualTo(2.0);
        assertThat(new RMSprop().withGlobalClipnorm(1).clipping().globalClipnorm()).isEqualTo(1.0);
        assertThat(new Nadam().clipping()).isEqualTo(GradientClipping.NONE);
        assertThat(new Adagrad().withClipvalue(0.1)).isInstanceOf(Adagrad.class);
        assertThat(new AdamW().withClipvalue(0.1)).isInstanceOf(AdamW.class);
    }
}
