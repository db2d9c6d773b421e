package io.kerasj.engine;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.TrainingModel;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningRateTest {

    /** Keras's LearningRateScheduler in miniature: sets the rate at the start of each epoch. */
    private static final class Schedule implements Callback {
        private final double[] rates;
        private final List<Double> seen = new ArrayList<>();
        private TrainingModel model;

        Schedule(double... rates) {
            this.rates = rates;
        }

        @Override
        public void setModel(TrainingModel model) {
            this.model = model;
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            model.setLearningRate(rates[epoch]);
            seen.add(model.learningRate());
        }
    }

    @Test
    void aCallbackChangesTheRateBetweenEpochsWithoutRecompiling() {
        // y = w x + b on one sample (x = 2, target 3), MSE; SGD: w -= lr * dL/dw
        double w = 0.5;
        double b = 0;
        double[] rates = {0.1, 0.01, 0.001};
        for (double lr : rates) {
            double error = 3 - (w * 2 + b);
            w -= lr * (-2 * 2 * error);
            b -= lr * (-2 * error);
        }
        Schedule schedule = new Schedule(rates);
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(1, Activation.LINEAR, null, new long[] {1}));
            model.layers().get(0).setWeights(List.of(new float[] {0.5f}, new float[] {0f}));
            model.compile(new MeanSquaredError(), new SGD(0.1));
            model.fit(FloatSamples.of(new float[] {2}, 1), Targets.of(new float[] {3}, 1),
                    FitOptions.defaults().epochs(3).batchSize(1).verbose(0).callback(schedule));
            assertThat((double) model.getWeights().get(0)[0]).isCloseTo(w, within(1e-6));
            assertThat((double) model.getWeights().get(1)[0]).isCloseTo(b, within(1e-6));
            assertThat(schedule.seen).containsExactly(0.1, 0.01, 0.001);
            assertThat(model.learningRate()).isEqualTo(0.001);
            assertThatThrownBy(() -> model.setLearningRate(-1)).hasMessageContaining("learning_rate");
        }
    }

    @Test
    void aRateSetBeforeTheGraphExistsIsTheOneTheFirstStepUsesAndRecompilingStartsAtTheNewOptimizers() {
        // one SGD step of y = w x on x = 2, target 3, from w = 0.5: dL/dw = -2 * 2 * (3 - 1) = -8
        try (Sequential model = new Sequential(1)) {
            model.add(new Dense(1, Activation.LINEAR, null, new long[] {1}));
            model.compile(new MeanSquaredError(), new SGD(0.1));
            model.setLearningRate(0.05);
            assertThat(model.learningRate()).isEqualTo(0.05);
            model.setWeights(List.of(new float[] {0.5f}, new float[] {0f}));
            model.fit(FloatSamples.of(new float[] {2}, 1), Targets.of(new float[] {3}, 1),
                    FitOptions.defaults().epochs(1).batchSize(1).verbose(0));
            assertThat((double) model.getWeights().get(0)[0]).isCloseTo(0.5 + 0.05 * 8, within(1e-6));
            assertThat(model.learningRate()).isEqualTo(0.05);
            model.compile(new MeanSquaredError(), new SGD(0.3));
            assertThat(model.learningRate()).isEqualTo(0.3);
        }
    }

    @Test
    void recompilingFreesTheOldTrainingProgramAndKeepsTheWeights() {
        SmallProblems data = SmallProblems.blobs(60, 3);
        try (Sequential model = SmallProblems.mlp(4)) {
            model.compile("sparse_categorical_crossentropy", "adam", "accuracy");
            model.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0));
            long operations = countOperations(model);
            List<float[]> weights = model.getWeights();
            model.compile("sparse_categorical_crossentropy", "adam", "accuracy");
            assertThat(model.getWeights()).containsExactlyElementsOf(weights);
            assertThat(model.getOptimizerState()).isEmpty();
            model.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0));
            assertThat(countOperations(model)).isEqualTo(operations);
        }
    }

    private static long countOperations(Model model) {
        long count = 0;
        var operations = model.graph().graph().operations();
        while (operations.hasNext()) {
            operations.next();
            count++;
        }
        return count;
    }
}
