package io.kerasj.metrics;

import io.kerasj.losses.CategoricalHinge;
import io.kerasj.losses.CosineSimilarity;
import io.kerasj.losses.Hinge;
import io.kerasj.losses.KLDivergence;
import io.kerasj.losses.LogCosh;
import io.kerasj.losses.Loss;
import io.kerasj.losses.MeanSquaredLogarithmicError;
import io.kerasj.losses.Poisson;
import io.kerasj.losses.SquaredHinge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The new metrics and losses by Keras's names, and the Java half of their state (no TensorFlow). */
class StatefulMetricsTest {

    @Test
    void metricsResolveByKerasNamesAndKeepThem() {
        assertThat(Metric.of("root_mean_squared_error", false, 1)).isInstanceOf(RootMeanSquaredError.class);
        assertThat(Metric.of("RootMeanSquaredError", false, 1).name()).isEqualTo("RootMeanSquaredError");
        assertThat(Metric.of("auc", false, 1)).isInstanceOf(AUC.class);
        assertThat(Metric.of("AUC", false, 1).name()).isEqualTo("AUC");
        assertThat(Metric.of("precision", false, 1)).isInstanceOf(Precision.class);
        assertThat(Metric.of("Recall", false, 1)).isInstanceOf(Recall.class);
        assertThat(Metric.of("f1_score", false, 1)).isInstanceOf(F1Score.class);
        assertThat(Metric.of("F1Score", false, 1)).isInstanceOf(F1Score.class);
        assertThat(Metric.of("r2_score", false, 1)).isInstanceOf(R2Score.class);
        assertThat(Metric.of("mape", false, 1)).isInstanceOf(MeanMetric.class);
        assertThat(Metric.of("MAPE", false, 1).name()).isEqualTo("MAPE");
        assertThat(Metric.of("mean_absolute_percentage_error", false, 1).name()).isEqualTo("mean_absolute_percentage_error");
        assertThat(new AUC().name()).isEqualTo("auc");
        assertThat(new RootMeanSquaredError().name()).isEqualTo("root_mean_squared_error");
        assertThatThrownBy(() -> Metric.of("rmse", false, 1)).hasMessageContaining("root_mean_squared_error");
    }

    @Test
    void lossesResolveByKerasNamesAndAliases() {
        assertThat(Loss.of("log_cosh")).isEqualTo(new LogCosh());
        assertThat(Loss.of("LogCosh")).isEqualTo(new LogCosh());
        assertThat(Loss.of("Hinge")).isEqualTo(new Hinge());
        assertThat(Loss.of("squared_hinge")).isEqualTo(new SquaredHinge());
        assertThat(Loss.of("CategoricalHinge")).isEqualTo(new CategoricalHinge());
        assertThat(Loss.of("KLDivergence")).isEqualTo(new KLDivergence());
        assertThat(Loss.of("kld")).isEqualTo(new KLDivergence());
        assertThat(Loss.of("KLD")).isEqualTo(new KLDivergence());
        assertThat(Loss.of("poisson")).isEqualTo(new Poisson());
        assertThat(Loss.of("msle")).isEqualTo(new MeanSquaredLogarithmicError());
        assertThat(Loss.of("MeanSquaredLogarithmicError").name()).isEqualTo("mean_squared_logarithmic_error");
        assertThat(Loss.of("MAPE")).isEqualTo(new MeanAbsolutePercentageError());
        assertThat(Loss.of("cosine_similarity")).isEqualTo(new CosineSimilarity(-1));
        assertThat(Loss.of("kl_divergence").takesClassIndices()).isFalse();
        assertThatThrownBy(() -> new CosineSimilarity(0)).hasMessageContaining("axis");
    }

    @Test
    void precisionAndRecallDivideTheirCountsAndGiveZeroWithoutAny() {
        Precision precision = new Precision();
        Recall recall = new Recall();
        assertThat(precision.result()).isZero();
        double[] tpFpTnFn = {3, 1, 5, 2};
        precision.update(tpFpTnFn, 11);
        recall.update(tpFpTnFn, 11);
        precision.update(new double[] {1, 1, 0, 0}, 2);
        assertThat(precision.result()).isEqualTo(4.0 / 6);
        assertThat(recall.result()).isEqualTo(3.0 / 5);
        precision.reset();
        assertThat(precision.result()).isZero();
        assertThatThrownBy(() -> recall.update(new double[] {1, 2}, 1)).hasMessageContaining("expected 4 sums");
    }

    @Test
    void aucIsOneForAPerfectRankingAndAHalfForNone() {
        AUC auc = new AUC("auc", 3, "ROC", "interpolation", false);
        // thresholds [-eps, 0.5, 1 + eps]: positives all above 0.5, negatives all below
        auc.update(new double[] {4, 4, 0, 6, 0, 0, 0, 6, 6, 0, 0, 4}, 10);
        assertThat(auc.result()).isEqualTo(1.0);
        auc.reset();
        // every prediction in the same bucket: the diagonal
        auc.update(new double[] {4, 0, 0, 6, 0, 0, 0, 6, 6, 0, 4, 4}, 10);
        assertThat(auc.result()).isEqualTo(0.5);
        assertThatThrownBy(() -> new AUC("auc", 1, "ROC", "interpolation", false)).hasMessageContaining("num_thresholds");
        assertThatThrownBy(() -> new AUC("auc", 200, "PRGAIN", "interpolation", false)).hasMessageContaining("curve");
    }

    @Test
    void f1ScoreWithoutAveragingTakesOneUnitOnly() {
        assertThat(new F1Score().stateSize(new long[] {1})).isEqualTo(4);
        assertThatThrownBy(() -> new F1Score().stateSize(new long[] {3})).hasMessageContaining("average");
        assertThat(new F1Score("f1", "micro", null).stateSize(new long[] {3})).isEqualTo(4);
        assertThat(new F1Score("f1", "macro", 0.5).stateSize(new long[] {3})).isEqualTo(12);
        assertThatThrownBy(() -> new F1Score("f1", "mean", null)).hasMessageContaining("average");
        assertThatThrownBy(() -> new F1Score("f1", null, 0.0)).hasMessageContaining("threshold");
    }

    @Test
    void r2ScoreFollowsKerasFormulaAndTheAdjustedOne() {
        // one unit, targets 1, 2, 3 and predictions 1, 2, 4: residual 1, total 14 - 36/3 = 2, r2 0.5
        R2Score r2 = new R2Score();
        r2.update(new double[] {6, 14, 1, 3, 3}, 3);
        assertThat(r2.result()).isCloseTo(0.5, within(1e-12));
        R2Score adjusted = new R2Score("r2", "uniform_average", 1);
        adjusted.update(new double[] {6, 14, 1, 3, 3}, 3);
        adjusted.update(new double[] {0, 0, 0, 0, 2}, 2); // five target values in all, p = 1: 1 - 0.5 * 4 / 3
        assertThat(adjusted.result()).isCloseTo(1 - 0.5 * 4 / 3, within(1e-12));
        assertThatThrownBy(() -> new R2Score("r2", "raw", 0)).hasMessageContaining("class_aggregation");
    }
}
