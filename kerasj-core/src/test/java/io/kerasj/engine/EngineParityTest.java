package io.kerasj.engine;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.activations.Activation;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.testing.PythonKeras;
import io.kerasj.optimizers.RMSprop;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** BatchNormalization, RMSprop and the losses against Keras 3 itself ({@code python-reference/engine_parity.py}). */
@Tag("python")
class EngineParityTest {
    private static JsonNode keras;

    @BeforeAll
    static void runKeras() throws Exception {
        PythonKeras.require();
        keras = new ObjectMapper().readTree(PythonKeras.run(300, Map.of(), "engine_parity.py"));
    }

    private static void assertClose(List<float[]> actual, JsonNode expected, double tolerance) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).hasSize(expected.get(i).size());
            for (int j = 0; j < actual.get(i).length; j++) {
                assertThat((double) actual.get(i)[j]).as("weight %d[%d]", i, j).isCloseTo(expected.get(i).get(j).asDouble(), within(tolerance));
            }
        }
    }

    @Test
    void batchNormalizationTrainsAndInfersAsKeras() {
        float[] x = {1, -3, 2, -1, 3, 1, 4, 3};
        try (Sequential model = new Sequential(1)) {
            model.add(new Flatten(2));
            model.add(new BatchNormalization());
            model.add(new Dense(2, "softmax"));
            model.layers().get(2).setWeights(List.of(new float[] {1, -1, 0.5f, 2}, new float[] {0.1f, -0.1f}));
            model.compile(new SparseCategoricalCrossentropy(), new SGD(0.1));
            model.fit(FloatSamples.of(x, 2), new int[] {0, 1, 0, 1}, FitOptions.defaults().epochs(2).batchSize(4).shuffle(false).verbose(0));
            assertClose(model.getWeights(), keras.get("batch_normalization").get("weights"), 1e-5);
            float[][] predictions = model.predict(FloatSamples.of(x, 2));
            JsonNode expected = keras.get("batch_normalization").get("predictions");
            for (int i = 0; i < 8; i++) {
                assertThat((double) predictions[i / 2][i % 2]).isCloseTo(expected.get(i).asDouble(), within(1e-5));
            }
        }
    }

    @Test
    void rmspropStepsAsKeras() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(1, Activation.LINEAR, null, new long[] {1}));
            model.layers().get(0).setWeights(List.of(new float[] {0.5f}, new float[] {0f}));
            model.compile("mean_squared_error", "rmsprop");
            assertThat(model.compileConfig().optimizer()).isEqualTo(new RMSprop());
            model.fit(FloatSamples.of(new float[] {2}, 1), Targets.of(new float[] {3}, 1),
                    FitOptions.defaults().epochs(3).batchSize(1).verbose(0));
            assertClose(model.getWeights(), keras.get("rmsprop").get("weights"), 1e-6);
        }
    }

    @Test
    void aLearningRateScheduleTrainsAsKeras() {
        double[] rates = {0.1, 0.01, 0.001};
        io.kerasj.callbacks.Callback schedule = new io.kerasj.callbacks.Callback() {
            private io.kerasj.callbacks.TrainingModel model;

            @Override
            public void setModel(io.kerasj.callbacks.TrainingModel model) {
                this.model = model;
            }

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                model.setLearningRate(rates[epoch]);
            }
        };
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(1, Activation.LINEAR, null, new long[] {1}));
            model.layers().get(0).setWeights(List.of(new float[] {0.5f}, new float[] {0f}));
            model.compile("mean_squared_error", "sgd");
            model.setLearningRate(0.1);
            model.fit(FloatSamples.of(new float[] {2}, 1), Targets.of(new float[] {3}, 1),
                    FitOptions.defaults().epochs(3).batchSize(1).verbose(0).callback(schedule));
            JsonNode expected = keras.get("learning_rate_schedule");
            assertClose(model.getWeights(), expected.get("weights"), 1e-6);
            assertThat(model.learningRate()).isCloseTo(expected.get("learning_rate").asDouble(), within(1e-9));
        }
    }

    @Test
    void lossesEvaluateAsKeras() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(3, Activation.SOFTMAX, null, new long[] {2}));
            model.layers().get(0).setWeights(List.of(new float[] {1, 0, -1, 0, 1, 0}, new float[3]));
            model.compile("categorical_crossentropy", "sgd", "accuracy");
            double[] result = model.evaluate(FloatSamples.of(new float[] {1, 0, 0, 2}, 2),
                    Targets.of(new float[] {1, 0, 0, 0, 0, 1}, 3), 0, System.out);
            JsonNode cce = keras.get("losses").get("categorical_crossentropy");
            assertThat(result[0]).isCloseTo(cce.get("loss").asDouble(), within(1e-6));
            assertThat(result[1]).isEqualTo(cce.get("accuracy").asDouble());
        }
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(2, Activation.LINEAR, null, new long[] {3, 2}));
            model.layers().get(0).setWeights(List.of(new float[] {1, 2, 3, 4}, new float[] {10, 20}));
            model.compile("mse", "sgd");
            double[] result = model.evaluate(FloatSamples.of(new float[] {1, 0, 0, 1, 1, 1, 2, 0, 0, 2, -1, -1}, 3, 2),
                    Targets.of(new float[] {10, 20, 13, 25, 14, 26, 12, 20, 16, 28, 0, 14}, 3, 2), 0, System.out);
            assertThat(result[0]).isCloseTo(keras.get("losses").get("mean_squared_error").get("loss").asDouble(), within(1e-5));
        }
    }
}
