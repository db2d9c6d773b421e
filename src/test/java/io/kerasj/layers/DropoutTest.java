package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.model.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void isTheIdentityAtInference() {
        try (Sequential model = new Sequential(2)) {
            model.add(new Flatten(2));
            model.add(new Dropout(0.5));
            model.add(new Dense(2));
            model.layers().get(2).setWeights(List.of(new float[] {1, 0, 0, 1}, new float[] {0, 0}));
            assertThat(model.predict(FloatSamples.of(new float[] {3, 4}, 2))[0]).containsExactly(3, 4);
            assertThat(model.layers().get(1).name()).isEqualTo("dropout");
        }
    }

    @Test
    void refusesRatesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new Dropout(1.0)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new Dropout(-0.1)).hasMessageContaining("rate");
    }
}
