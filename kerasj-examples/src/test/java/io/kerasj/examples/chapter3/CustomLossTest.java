package io.kerasj.examples.chapter3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.data.Targets;
import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link CustomLoss}: the course's {@code customized_mse} trains the regression network as Keras 3 does. */
class CustomLossTest {

    @Test
    void theCustomizedMseIsTheMeanSquaredErrorOfThePredictions() {
        Random random = new Random(3);
        float[] x = new float[40 * 8];
        float[] y = new float[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 + random.nextFloat();
        }
        try (Sequential model = CustomLoss.model(5)) {
            FloatSamples samples = FloatSamples.of(x, 8);
            Map<String, Double> evaluated = model.evaluateToMap(samples, Targets.of(y, 1), 0, System.out);
            float[][] predicted = model.predict(samples);
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += (predicted[i][0] - y[i]) * (double) (predicted[i][0] - y[i]);
            }
            assertThat(evaluated.get("loss")).isCloseTo(sum / y.length, within(1e-5 * sum / y.length));
            assertThat(evaluated.get("mean_squared_error")).isCloseTo(evaluated.get("loss"), within(1e-6 * evaluated.get("loss")));
        }
    }

    @Test
    @Tag("python")
    @Tag("slow")
    void theFirstEpochLossMatchesKerassOverThreeSeedsWithKerassHistoryKeys() {
        Split data = CaliforniaHousing.withDefaults(KerasChapter3.start()).notebookSplit();
        long start = System.nanoTime();
        double[] java = new double[KerasChapter3.SEEDS.length];
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < java.length; i++) {
            History history = CustomLoss.firstEpoch(data, KerasChapter3.SEEDS[i]);
            java[i] = history.history().get("loss").get(0);
            assertThat(history.history().get("mean_squared_error").get(0)).as("the metric equals the custom loss, seed %d",
                    KerasChapter3.SEEDS[i]).isCloseTo(java[i], within(1e-5 * java[i]));
            keys = List.copyOf(history.history().keySet());
        }
        double javaSeconds = (System.nanoTime() - start) / 1e9;
        List<String> kerasKeys = new ArrayList<>();
        KerasChapter3.example("custom-loss").path("history_keys").forEach(k -> kerasKeys.add(k.asText()));
        assertThat(keys).containsExactlyInAnyOrderElementsOf(kerasKeys);
        FirstEpochParity.assertAgrees("custom-loss", java, KerasChapter3.perSeed("custom-loss", "loss"), javaSeconds);
    }
}
