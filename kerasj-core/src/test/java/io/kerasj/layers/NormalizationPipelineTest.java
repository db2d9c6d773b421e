package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.Sequential;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code Normalization.adapt(pipeline)} gives the statistics of {@code adapt} on the batches joined, exactly. */
class NormalizationPipelineTest {
    private static final int ROWS = 1003;
    private static final int FEATURES = 5;

    private static float[] values(long seed) {
        Random random = new Random(seed);
        float[] values = new float[ROWS * FEATURES];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * (1 + i % FEATURES) + 100 * (i % FEATURES));
        }
        return values;
    }

    private static List<float[]> adaptedWeights(java.util.function.Consumer<Normalization> adapt) {
        Normalization norm = new Normalization();
        adapt.accept(norm);
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(FEATURES));
            model.add(norm);
            return norm.getWeights();
        }
    }

    @Test
    void adaptOnABatchedPipelineEqualsAdaptOnTheArray() {
        float[] values = values(3);
        List<float[]> arrays = adaptedWeights(n -> n.adapt(FloatSamples.of(values, FEATURES)));
        Pipeline batches = Pipeline.fromTensorSlices(HostArray.ofFloats(values, ROWS, FEATURES), HostArray.ofInts(new int[ROWS], ROWS)).batch(64);
        List<float[]> streamed = adaptedWeights(n -> n.adapt(batches));
        for (int i = 0; i < arrays.size(); i++) {
            assertThat(streamed.get(i)).containsExactly(arrays.get(i));
        }
        assertThat(arrays.get(0)[1]).isBetween(99f, 101f);
    }

    @Test
    void uint8BatchesAreReadAsNumbers() {
        byte[] bytes = new byte[ROWS * FEATURES];
        float[] floats = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
            floats[i] = bytes[i] & 0xFF;
        }
        List<float[]> arrays = adaptedWeights(n -> n.adapt(FloatSamples.of(floats, FEATURES)));
        List<float[]> streamed = adaptedWeights(n -> n.adapt(Pipeline.fromTensorSlices(HostArray.ofUint8(bytes, ROWS, FEATURES)).batch(100)));
        assertThat(streamed.get(0)).containsExactly(arrays.get(0));
        assertThat(streamed.get(1)).containsExactly(arrays.get(1));
    }

    @Test
    void anEmptyPipelineIsRefusedInOneLine() {
        Pipeline empty = Pipeline.fromTensorSlices(HostArray.ofFloats(new float[0], 0, FEATURES)).batch(8);
        assertThatThrownBy(() -> new Normalization().adapt(empty))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("gave no batch")
                .hasMessageNotContaining("\n");
    }
}
