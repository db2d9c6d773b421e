package io.kerasj.layers;

import io.kerasj.activations.Activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseTest {

    @Test
    void appliesToTheLastAxisOfAnNdInput() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(2, Activation.LINEAR, null, new long[] {3, 2}));
            Dense dense = (Dense) model.layers().get(0);
            assertThat(dense.outputShape()).containsExactly(3, 2);
            assertThat(dense.weightSpecs().get(0).shape()).containsExactly(2, 2);
            // kernel [[1, 2], [3, 4]], bias [10, 20]: row (a, b) -> (a + 3b + 10, 2a + 4b + 20)
            dense.setWeights(List.of(new float[] {1, 2, 3, 4}, new float[] {10, 20}));
            float[] x = {1, 0, 0, 1, 1, 1, 2, 0, 0, 2, -1, -1};
            float[][] y = model.predict(FloatSamples.of(x, 3, 2));
            assertThat(y[0]).containsExactly(11, 22, 13, 24, 14, 26);
            assertThat(y[1]).containsExactly(12, 24, 16, 28, 6, 14);
        }
    }

    @Test
    void keepsHandlesToItsNamedWeights() {
        Dense dense = new Dense(4, "relu");
        dense.setName("dense");
        dense.build(new long[] {5});
        assertThat(dense.weightSpecs()).extracting(WeightSpec::name).containsExactly("kernel", "bias");
        assertThat(dense.weightSpecs()).allMatch(WeightSpec::trainable);
        assertThat(dense.paramCount()).isEqualTo(24);
        assertThat(dense.trainableParamCount()).isEqualTo(24);
    }
}
