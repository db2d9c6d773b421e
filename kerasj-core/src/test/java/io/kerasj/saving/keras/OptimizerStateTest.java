package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.RMSprop;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a file's {@code optimizer/vars} does to a loaded, compiled model. */
class OptimizerStateTest {

    private static Sequential compiled() {
        Sequential model = new Sequential("m", 1);
        model.add(new Flatten(2, 2));
        model.add(new Dense(3, "softmax"));
        model.compile(new SparseCategoricalCrossentropy(), new RMSprop(0.002), "accuracy");
        return model;
    }

    @Test
    void anUntrainedKerasModelsStateOfIterationAndLearningRateOnlyIsTakenWithoutAWarning() {
        List<String> warnings = new ArrayList<>();
        try (Sequential model = compiled()) {
            List<float[]> fresh = model.getOptimizerState();
            OptimizerState.restore("untrained.keras", model, List.of(
                    new NamedArray("optimizer/vars/0", new long[0], new float[] {0}),
                    new NamedArray("optimizer/vars/1", new long[0], new float[] {0.0005f})), warnings::add);
            assertThat(warnings).isEmpty();
            assertThat(model.learningRate()).isEqualTo(0.0005f);
            assertThat(model.getOptimizerState()).usingRecursiveComparison().isEqualTo(fresh);
        }
    }

    @Test
    void aStateOfAnotherSizeIsSkippedWithAWarningNamingTheFile() {
        List<String> warnings = new ArrayList<>();
        try (Sequential model = compiled()) {
            OptimizerState.restore("odd.keras", model, List.of(
                    new NamedArray("optimizer/vars/0", new long[0], new float[] {4}),
                    new NamedArray("optimizer/vars/1", new long[0], new float[] {0.002f}),
                    new NamedArray("optimizer/vars/2", new long[] {4, 3}, new float[12])), warnings::add);
            assertThat(warnings).singleElement().asString().startsWith("odd.keras: optimizer state of 3 variables, expected 4");
        }
    }
}
