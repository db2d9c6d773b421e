package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.runtime.NativeRuntime;
import io.kerasj.runtime.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Dropout with Keras's {@code noise_shape} (EfficientNet's drop-connect: one draw per sample) and SpatialDropout2D
 * (one draw per sample and channel): in training the mask is constant along the broadcast axes, the kept fraction is
 * about {@code 1 - rate} and kept values are scaled by {@code 1 / (1 - rate)}; at inference, the identity.
 */
class NoiseShapeDropoutTest {
    private static final int BATCH = 400;
    private static final long[] SAMPLE = {3, 4, 5};

    /** A training call: the layer's masks drawn with a fixed seed. */
    private record Training(Ops tf, boolean training) implements CallContext {
        @Override
        public Operand<TFloat32> read(WeightSpec weight) {
            throw new IllegalStateException("no weights");
        }

        @Override
        public void update(WeightSpec weight, Operand<TFloat32> value) {
            throw new IllegalStateException("no updates");
        }

        @Override
        public long seed() {
            return 1234;
        }

        @Override
        public List<LayerOutput> callAll(Layer sublayer, List<Operand<TFloat32>> inputs) {
            return sublayer.callAll(this, inputs);
        }
    }

    /** @return the layer's output on a batch of ones, {@code [BATCH, 3, 4, 5]} flattened */
    private static float[] onOnes(Layer layer, boolean training) {
        layer.build(SAMPLE);
        NativeRuntime.ensureLoaded();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> ones = tf.fill(tf.constant(new int[] {BATCH, 3, 4, 5}), tf.constant(1f));
            try (Result r = s.runner().fetch(layer.call(new Training(tf, training), ones).output()).run()) {
                return Tensors.toFloats((TFloat32) r.get(0));
            }
        }
    }

    private static int index(int b, int i, int j, int c) {
        return ((b * 3 + i) * 4 + j) * 5 + c;
    }

    @Test
    void perSampleNoiseShapeDropsWholeSamplesAtAboutTheRate() {
        float[] out = onOnes(new Dropout(0.3, new long[] {Dropout.BATCH, 1, 1, 1}, 7, null), true);
        int kept = 0;
        for (int b = 0; b < BATCH; b++) {
            float first = out[index(b, 0, 0, 0)];
            assertThat(first).isIn(0f, 1f / 0.7f);
            for (int v = 0; v < 60; v++) {
                assertThat(out[b * 60 + v]).as("sample %d: one draw for all its values", b).isEqualTo(first);
            }
            kept += first > 0 ? 1 : 0;
        }
        assertThat(kept / (double) BATCH).isCloseTo(0.7, within(0.07));
    }

    @Test
    void noiseShapeOfOnlySomeAxesDrawsAlongTheOthers() {
        float[] out = onOnes(new Dropout(0.5, new long[] {Dropout.BATCH, 1, 4, 1}, null, null), true);
        boolean colsDiffer = false;
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < 4; j++) {
                float v = out[index(b, 0, j, 0)];
                for (int i = 0; i < 3; i++) {
                    for (int c = 0; c < 5; c++) {
                        assertThat(out[index(b, i, j, c)]).isEqualTo(v);
                    }
                }
                colsDiffer |= v != out[index(b, 0, 0, 0)];
            }
        }
        assertThat(colsDiffer).as("the unbroadcast axis gets draws of its own").isTrue();
    }

    @Test
    void spatialDropoutDropsWholeFeatureMaps() {
        float[] out = onOnes(new SpatialDropout2D(0.25), true);
        int kept = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < 5; c++) {
                float v = out[index(b, 0, 0, c)];
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        assertThat(out[index(b, i, j, c)]).isEqualTo(v);
                    }
                }
                kept += v > 0 ? 1 : 0;
            }
        }
        assertThat(kept / (double) (BATCH * 5)).isCloseTo(0.75, within(0.04));
    }

    @Test
    void isTheIdentityAtInference() {
        for (Layer layer : List.of(new Dropout(0.4, new long[] {Dropout.BATCH, 1, 1, 1}, null, null), new SpatialDropout2D(0.4))) {
            for (float v : onOnes(layer, false)) {
                assertThat(v).isEqualTo(1f);
            }
        }
    }

    @Test
    void refusesNoiseShapesThatDoNotFitTheInput() {
        assertThatThrownBy(() -> new Dropout(0.2, new long[] {-1, 0, 1}, null, null)).hasMessageContaining("noise_shape");
        Dropout wrongRank = new Dropout(0.2, new long[] {-1, 1, 1}, null, null);
        assertThatThrownBy(() -> wrongRank.build(SAMPLE)).hasMessageContaining("noise_shape");
        Dropout wrongSize = new Dropout(0.2, new long[] {-1, 2, 1, 1}, null, null);
        assertThatThrownBy(() -> wrongSize.build(SAMPLE)).hasMessageContaining("does not broadcast");
        assertThatThrownBy(() -> new SpatialDropout2D(0.2).build(new long[] {4, 5})).isInstanceOf(IllegalArgumentException.class);
    }
}
