package io.kerasj.engine;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.History;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Misuse of the library fails at once with a message naming the argument, never silently. */
class LibraryMisuseTest {

    @Test
    void aClosedModelCannotBeUsedAgain() {
        SmallProblems data = SmallProblems.blobs(30, 2);
        Sequential model = SmallProblems.mlp(3);
        model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
        model.predict(data.x);
        model.close();
        assertThatThrownBy(() -> model.predict(data.x)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> model.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(model::getWeights).isInstanceOf(IllegalStateException.class);
        Sequential neverRun = SmallProblems.mlp(3);
        neverRun.close();
        assertThatThrownBy(() -> neverRun.predict(data.x)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBatchLargerThanTheDataIsOneStepNotZero() {
        SmallProblems data = SmallProblems.blobs(50, 2);
        try (Sequential model = SmallProblems.mlp(3)) {
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            List<float[]> before = model.getWeights();
            History history = model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0).batchSize(Integer.MAX_VALUE));
            assertThat(history.history().get("loss")).hasSize(2);
            assertThat(model.getWeights().get(0)).isNotEqualTo(before.get(0));
        }
    }

    @Test
    void nonFiniteWeightsAreRefused() {
        try (Sequential model = SmallProblems.mlp(3)) {
            List<float[]> weights = model.getWeights();
            weights.get(1)[2] = Float.NaN;
            assertThatThrownBy(() -> model.setWeights(weights)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("weights[1]").hasMessageContaining("finite").hasMessageContaining("NaN");
            List<float[]> layerWeights = model.layers().get(1).getWeights();
            layerWeights.get(0)[0] = Float.POSITIVE_INFINITY;
            assertThatThrownBy(() -> model.layers().get(1).setWeights(layerWeights)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("finite");
        }
    }

    @Test
    void aLayerTooLargeForAnArrayIsRefusedNamingUnits() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Flatten(28, 28));
            assertThatThrownBy(() -> model.add(new Dense(2_000_000_000, "relu"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("units: 2000000000 with an input of 784");
        }
    }
}
