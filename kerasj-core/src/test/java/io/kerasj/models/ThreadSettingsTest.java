package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import io.kerasj.optimizers.SGD;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/** The session options a model's thread counts become. */
class ThreadSettingsTest {

    @Test
    void oneInterOpThreadIsTheCallersThreadAndOtherCountsPassAsTheyAre() {
        ConfigProto one = new ThreadSettings(1, 1).toConfigProto();
        assertThat(one.getIntraOpParallelismThreads()).isEqualTo(1);
        assertThat(one.getInterOpParallelismThreads()).isEqualTo(-1); // direct_session.cc: run_in_caller_thread_
        assertThat(new ThreadSettings(2, 1).toConfigProto().getInterOpParallelismThreads()).isEqualTo(-1);
        assertThat(new ThreadSettings(2, 2).toConfigProto().getInterOpParallelismThreads()).isEqualTo(2);
        ConfigProto defaults = new ThreadSettings(0, 0).toConfigProto();
        assertThat(defaults.getInterOpParallelismThreads()).isZero();
        assertThat(defaults.getIntraOpParallelismThreads()).isZero();
        assertThat(new ThreadSettings(1, 1, true).toConfigProto().getGraphOptions().getOptimizerOptions().getGlobalJitLevelValue())
                .isEqualTo(1);
        assertThatThrownBy(() -> new ThreadSettings(1, -1)).hasMessageContaining("expected counts >= 0");
    }

    @Test
    void smallModelsGetOneThreadOfEachAndLargeOnesAllCoresInsideOpsOnTheSharedInterOpPool() {
        assertThat(ThreadSettings.forModel(ThreadSettings.LARGE_MODEL_MACS - 1)).isEqualTo(new ThreadSettings(1, 1));
        assertThat(ThreadSettings.forModel(ThreadSettings.LARGE_MODEL_MACS))
                .isEqualTo(new ThreadSettings(Runtime.getRuntime().availableProcessors(), 0));
    }

    /** More steps than one native call's chunk (256), so that the in-graph loop runs several times on the caller's thread. */
    @Test
    void aModelOnTheCallersThreadTrainsEvaluatesAndPredictsAsOneOnAPoolOfTwo() {
        Random random = new Random(4);
        int n = 600;
        float[] values = new float[n * 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = values[6 * i] + values[6 * i + 1] > 0 ? 1 : 0;
        }
        FloatSamples x = FloatSamples.of(values, 6);
        Map<String, List<Double>> inline = trained(new ThreadSettings(1, 1), x, labels);
        Map<String, List<Double>> pooled = trained(new ThreadSettings(1, 2), x, labels);
        assertThat(inline).isEqualTo(pooled);
        assertThat(inline.get("loss")).hasSize(2);
    }

    private static Map<String, List<Double>> trained(ThreadSettings threads, FloatSamples x, int[] y) {
        try (Sequential model = new Sequential(9)) {
            model.add(new Input(6));
            model.add(new Dense(16, "relu"));
            model.add(new Dense(2, "softmax"));
            model.threads(threads);
            model.compile(new SparseCategoricalCrossentropy(), new SGD(0.05), "accuracy");
            History history = model.fit(x, y, FitOptions.defaults().epochs(2).batchSize(2).verbose(0)
                    .validation(new ValidationData(x.slice(0, 100), java.util.Arrays.copyOf(y, 100))));
            model.predict(x);
            return history.history();
        }
    }
}
