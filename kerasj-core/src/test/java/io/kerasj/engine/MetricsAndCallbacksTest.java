package io.kerasj.engine;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.History;
import io.kerasj.data.Targets;
import io.kerasj.metrics.Accuracy;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsAndCallbacksTest {

    private static FitOptions quiet(int epochs, SmallProblems validation) {
        return FitOptions.defaults().epochs(epochs).verbose(0).validation(new ValidationData(validation.x, validation.y));
    }

    @Test
    void withoutMetricsThereIsNoValAccuracy() {
        SmallProblems data = SmallProblems.blobs(90, 1);
        try (Sequential model = SmallProblems.mlp(2)) {
            model.compile("sparse_categorical_crossentropy", "sgd");
            History history = model.fit(data.x, data.y, quiet(1, data));
            assertThat(history.history().keySet()).containsExactly("loss", "val_loss");
            assertThat(model.evaluate(data.x, data.y, 0, System.out)).hasSize(1);
        }
    }

    @Test
    void historyKeysFollowTheMetricNames() {
        SmallProblems data = SmallProblems.blobs(90, 3);
        try (Sequential model = SmallProblems.mlp(4)) {
            model.compile(new SparseCategoricalCrossentropy(), new SGD(0.05), List.of(new Accuracy.SparseCategorical()));
            History history = model.fit(data.x, data.y, quiet(2, data));
            assertThat(history.history().keySet())
                    .containsExactly("loss", "sparse_categorical_accuracy", "val_loss", "val_sparse_categorical_accuracy");
        }
        try (Sequential model = SmallProblems.mlp(4)) {
            model.compile("sparse_categorical_crossentropy", "sgd", "acc");
            assertThat(model.fit(data.x, data.y, quiet(1, data)).history().keySet()).containsExactly("loss", "acc", "val_loss", "val_acc");
        }
    }

    @Test
    void oneHotFloatTargetsTrainWithCategoricalCrossentropy() {
        SmallProblems data = SmallProblems.blobs(300, 5);
        float[] oneHot = new float[data.y.length * SmallProblems.CLASSES];
        for (int i = 0; i < data.y.length; i++) {
            oneHot[i * SmallProblems.CLASSES + data.y[i]] = 1;
        }
        Targets targets = Targets.of(oneHot, SmallProblems.CLASSES);
        try (Sequential model = SmallProblems.mlp(6)) {
            model.compile("categorical_crossentropy", "sgd", "accuracy");
            History history = model.fit(data.x, targets, FitOptions.defaults().epochs(8).verbose(0)
                    .validation(new ValidationData(data.x, targets)));
            List<Double> loss = history.history().get("loss");
            assertThat(loss.get(7)).isLessThan(loss.get(0));
            assertThat(history.history().get("val_accuracy").get(7)).isGreaterThan(0.8);
        }
    }

    /** Records the hooks evaluate and predict call. */
    private static final class Recorder implements Callback {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onTestBegin(Map<String, Double> logs) {
            calls.add("testBegin");
        }

        @Override
        public void onTestBatchEnd(int batch, Map<String, Double> logs) {
            calls.add("testBatchEnd " + batch + " " + logs.keySet());
        }

        @Override
        public void onTestEnd(Map<String, Double> logs) {
            calls.add("testEnd " + logs.keySet());
        }

        @Override
        public void onPredictBegin(Map<String, Double> logs) {
            calls.add("predictBegin");
        }

        @Override
        public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
            calls.add("predictBatchEnd " + batch);
        }

        @Override
        public void onPredictEnd(Map<String, Double> logs) {
            calls.add("predictEnd");
        }
    }

    @Test
    void evaluateAndPredictGoThroughTheCallbacks() {
        SmallProblems data = SmallProblems.blobs(100, 7);
        try (Sequential model = SmallProblems.mlp(8)) {
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            Recorder recorder = new Recorder();
            model.evaluate(data.x, Targets.classes(data.y), 0, System.out, recorder);
            model.predict(data.x, recorder);
            assertThat(recorder.calls).containsExactly("testBegin", "testBatchEnd 3 [loss, accuracy]", "testEnd [loss, accuracy]",
                    "predictBegin", "predictBatchEnd 3", "predictEnd");
        }
    }

    @Test
    void theRunStateGoesToTheCallbacksNotTheModel() {
        SmallProblems data = SmallProblems.blobs(300, 9);
        List<Object> models = new ArrayList<>();
        try (Sequential model = SmallProblems.mlp(10)) {
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            Callback stopAfterFirstChunk = new Callback() {
                private io.kerasj.callbacks.TrainingModel run;

                @Override
                public void setModel(io.kerasj.callbacks.TrainingModel run) {
                    this.run = run;
                    models.add(run);
                }

                @Override
                public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                    run.stopTraining();
                }
            };
            History history = model.fit(data.x, data.y, FitOptions.defaults().epochs(5).verbose(0).stepsPerExecution(2)
                    .callback(stopAfterFirstChunk));
            assertThat(history.history().get("loss")).hasSize(1); // Keras 3 stops within the epoch
            assertThat(models).hasSize(1).allMatch(m -> m instanceof FitRun);
            assertThat(model.lastRun()).isSameAs(models.get(0));
        }
    }
}
