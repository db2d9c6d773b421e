package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.runtime.NativeRuntime;
import io.kerasj.runtime.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Per-channel Rescaling, Normalization with given statistics, and global pooling with keepdims. */
class ChannelPreprocessingTest {
    private static final float[][][][] IMAGE = {{{{10, 20, 30}, {40, 50, 60}}, {{70, 80, 90}, {100, 110, 120}}}};

    private static float[] run(Layer layer) {
        layer.build(new long[] {2, 2, 3});
        NativeRuntime.ensureLoaded();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            try (Result r = s.runner().fetch(layer.call(new GraphCallContext(tf), tf.constant(IMAGE)).output()).run()) {
                return Tensors.toFloats((TFloat32) r.get(0));
            }
        }
    }

    @Test
    void rescalingScalesAndOffsetsEachChannel() {
        float[] out = run(new Rescaling(new float[] {0.1f, 0.01f, 1}, new float[] {1, 2, 3}));
        assertThat(out[0]).isCloseTo(2f, within(1e-5f));
        assertThat(out[1]).isCloseTo(2.2f, within(1e-5f));
        assertThat(out[11]).isCloseTo(123f, within(1e-5f));
        Rescaling twoChannels = new Rescaling(new float[] {1, 2}, new float[] {0});
        assertThatThrownBy(() -> twoChannels.build(new long[] {2, 2, 3})).hasMessageContaining("2 values per channel");
    }

    @Test
    void normalizationWithGivenStatisticsHasNoWeights() {
        Normalization given = new Normalization(3, new float[] {10, 20, 30}, new float[] {4, 25, 100});
        float[] out = run(given);
        assertThat(given.weightSpecs()).isEmpty();
        assertThat(out[0]).isCloseTo(0f, within(1e-6f));
        assertThat(out[4]).isCloseTo(6f, within(1e-5f));
        assertThat(out[11]).isCloseTo(9f, within(1e-5f));
        assertThat(run(new Normalization(-1, new float[] {5}, new float[] {25}))[0]).isCloseTo(1f, within(1e-6f));
        Normalization axis = new Normalization(2, new float[] {1}, new float[] {1});
        assertThatThrownBy(() -> axis.build(new long[] {2, 2, 3})).hasMessageContaining("last axis");
        assertThatThrownBy(() -> new Normalization(-1, new float[] {1}, null)).hasMessageContaining("both");
        assertThatThrownBy(() -> new Normalization(-1, new float[] {1}, new float[] {1}).adapt(io.kerasj.data.FloatSamples.of(new float[] {1, 2}, 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void globalPoolingKeepsTheSpatialAxesWhenAsked() {
        GlobalAveragePooling2D average = new GlobalAveragePooling2D(true);
        float[] mean = run(average);
        assertThat(average.outputShape()).containsExactly(1, 1, 3);
        assertThat(mean).containsExactly(55, 65, 75);
        GlobalMaxPooling2D max = new GlobalMaxPooling2D(true);
        assertThat(run(max)).containsExactly(100, 110, 120);
        assertThat(max.outputShape()).containsExactly(1, 1, 3);
        GlobalMaxPooling2D flat = new GlobalMaxPooling2D();
        run(flat);
        assertThat(flat.outputShape()).containsExactly(3);
    }
}
