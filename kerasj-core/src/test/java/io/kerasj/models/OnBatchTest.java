package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keras's train_on_batch, test_on_batch and predict_on_batch. */
class OnBatchTest {

    private static Sequential model() {
        Sequential model = new Sequential(21);
        model.add(new Input(4)).add(new Dense(8, "relu")).add(new Dense(1));
        model.compile(CompileOptions.defaults().optimizer("adam").loss("mse").metrics("mae"));
        return model;
    }

    @Test
    void aTrainingStepOnOneBatchIsFitsStepOnThatBatch() {
        FloatSamples x = FunctionalModelTest.samples(24, 4, 5);
        Targets y = FunctionalModelTest.targets(x, 1);
        try (Sequential byFit = model(); Sequential byBatch = model()) {
            History history = byFit.fit(x, y, FitOptions.defaults().epochs(1).batchSize(24).shuffle(false).verbose(0));
            Map<String, Double> logs = byBatch.trainOnBatch(x, y);
            assertThat(logs.keySet()).containsExactly("loss", "mae");
            assertThat(logs.get("loss")).isEqualTo(history.history().get("loss").get(0));
            assertThat(logs.get("mae")).isEqualTo(history.history().get("mae").get(0));
            for (int i = 0; i < 4; i++) {
                assertThat(byBatch.getWeights().get(i)).containsExactly(byFit.getWeights().get(i));
            }
            // a second step starts from the first one's optimizer state, as fit's second step would
            Map<String, Double> second = byBatch.trainOnBatch(x, y);
            byFit.fit(x, y, FitOptions.defaults().epochs(1).batchSize(24).shuffle(false).verbose(0));
            assertThat(byBatch.getWeights().get(0)).containsExactly(byFit.getWeights().get(0));
            assertThat(second.get("loss")).isLessThan(logs.get("loss"));
        }
    }

    @Test
    void aTestStepAndAPredictionOnOneBatchEqualEvaluateAndPredict() {
        FloatSamples x = FunctionalModelTest.samples(16, 4, 6);
        Targets y = FunctionalModelTest.targets(x, 0);
        try (Sequential model = model()) {
            Map<String, Double> batch = model.testOnBatch(x, y);
            Map<String, Double> evaluated = model.evaluateToMap(x, y, 0, System.out);
            assertThat(batch.get("loss")).isCloseTo(evaluated.get("loss"), within(1e-6));
            assertThat(batch.get("mae")).isCloseTo(evaluated.get("mae"), within(1e-6));
            assertThat(model.predictOnBatch(List.of(x)).get(0)[3]).containsExactly(model.predict(x)[3]);
        }
    }
}
