package io.kerasj.metrics;

import io.kerasj.losses.CategoricalCrossentropy;
import io.kerasj.losses.Loss;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import io.kerasj.optimizers.SGD;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** top-k accuracies and binary accuracy's threshold on outputs whose ranks are known, and metric names as Keras's. */
class TopKAccuracyTest {
    private static final FloatSamples X = FloatSamples.of(new float[] {1, 0, 0, 2}, 2);
    private static final int[] LABELS = {1, 0};   // row 0 = (1, 0, -1): class 1 is second; row 1 = (0, 2, 0): class 0 ties for second

    private static Sequential threeUnits() {
        Sequential model = new Sequential(1);
        model.add(new Dense(3, Activation.SOFTMAX, null, new long[] {2}));
        model.layers().get(0).setWeights(List.of(new float[] {1, 0, -1, 0, 1, 0}, new float[] {0, 0, 0}));
        return model;
    }

    private static double evaluate(Metric metric, Targets y, Loss loss) {
        try (Sequential model = threeUnits()) {
            model.compile(loss, new SGD(), List.of(metric));
            return model.evaluate(X, y, 0, null)[1];
        }
    }

    @Test
    void sparseTopKCountsTiesAtTheBoundaryAsIn() {
        Targets y = Targets.classes(LABELS);
        assertThat(evaluate(new Accuracy.SparseTopKCategorical("top1", 1), y, new SparseCategoricalCrossentropy())).isEqualTo(0.0);
        assertThat(evaluate(new Accuracy.SparseTopKCategorical("top2", 2), y, new SparseCategoricalCrossentropy())).isEqualTo(1.0);
        assertThat(evaluate(new Accuracy.SparseTopKCategorical(), y, new SparseCategoricalCrossentropy())).isEqualTo(1.0);
    }

    @Test
    void topKTakesTheArgmaxOfOneHotTargets() {
        Targets y = Targets.of(new float[] {0, 1, 0, 1, 0, 0}, 3);
        assertThat(evaluate(new Accuracy.TopKCategorical("top1", 1), y, new CategoricalCrossentropy())).isEqualTo(0.0);
        assertThat(evaluate(new Accuracy.TopKCategorical("top2", 2), y, new CategoricalCrossentropy())).isEqualTo(1.0);
        assertThatThrownBy(() -> new Accuracy.TopKCategorical("top0", 0)).hasMessage("k: expected a positive number of top predictions, found 0");
    }

    @Test
    void binaryAccuracyHasAThreshold() {
        // softmax row 0 = (0.665, 0.245, 0.090), row 1 = (0.107, 0.787, 0.107)
        Targets y = Targets.of(new float[] {1, 0, 0, 0, 1, 0}, 3);
        assertThat(evaluate(new Accuracy.Binary("b"), y, new CategoricalCrossentropy())).isEqualTo(1.0);
        assertThat(evaluate(new Accuracy.Binary("b", 0.7), y, new CategoricalCrossentropy())).isEqualTo(5 / 6.0, org.assertj.core.api.Assertions.within(1e-7));
    }

    @Test
    void namesResolveAsKerasAndTheHistoryUsesThem() {
        assertThat(Metric.of("sparse_top_k_categorical_accuracy", true, 10)).isInstanceOf(Accuracy.SparseTopKCategorical.class);
        assertThat(Metric.of("SparseTopKCategoricalAccuracy", true, 10)).isInstanceOf(Accuracy.SparseTopKCategorical.class);
        assertThat(Metric.of("top_k_categorical_accuracy", false, 10)).isInstanceOf(Accuracy.TopKCategorical.class);
        assertThat(Metric.of("mae", false, 10).name()).isEqualTo("mae");
        assertThat(Metric.of("MeanAbsoluteError", false, 10).name()).isEqualTo("MeanAbsoluteError");
        assertThatThrownBy(() -> Metric.of("iou", true, 2)).hasMessageStartingWith("metrics: expected one of accuracy, acc,");
        try (Sequential model = threeUnits()) {
            model.compile("sparse_categorical_crossentropy", "nadam", "sparse_top_k_categorical_accuracy", "acc");
            var history = model.fit(X, Targets.classes(LABELS), FitOptions.defaults().epochs(1).verbose(0)
                    .validation(new ValidationData(X, LABELS)));
            assertThat(history.history().keySet()).containsExactly("loss", "sparse_top_k_categorical_accuracy", "acc",
                    "val_loss", "val_sparse_top_k_categorical_accuracy", "val_acc");
        }
    }
}
