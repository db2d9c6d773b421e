package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.callbacks.History;
import io.kerasj.data.Dataset;
import io.kerasj.layers.Layer;
import io.kerasj.models.FitOptions;
import io.kerasj.data.Predictions;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The frozen Keras 2.4 {@code .h5} loads, predicts as Keras 3 does, evaluates and fine-tunes. */
@Tag("parity")
class LegacyH5LoadTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void keras24H5MatchesKeras3WithinOneMillionth() throws Exception {
        Path h5 = SavingTestData.reference("keras24-mlp-300-100.h5");
        JsonNode expected = SavingTestData.keras24Expected();
        List<String> warnings = new ArrayList<>();
        try (io.kerasj.models.Model model = KerasFiles.load(h5, 1, warnings::add)) {
            assertThat(warnings).isEmpty();
            assertThat(model.layers()).extracting(Layer::name).containsExactly("flatten", "dense", "dense_1", "dense_2");
            assertThat(model.inputShape()).containsExactly(28, 28);
            assertThat(model.countParams()).isEqualTo(266_610);
            assertThat(model.compileConfig().optimizer()).isEqualTo(new SGD(0.009999999776482582));
            float[][] p = model.predict(SavingTestData.testImages());
            double max = SavingTestData.maxDifferenceFromKeras24FirstRows(p, expected);
            double accuracy = Predictions.accuracy(p, SavingTestData.testLabels());
            double[] evaluated = model.evaluate(SavingTestData.testImages(), SavingTestData.testLabels(), 0, QUIET);
            System.out.printf("keras24 .h5 in Java: first rows max|d| %.3e, accuracy %.4f (Keras 3 %.4f), loss %.7f (Keras 3 %.7f)%n",
                    max, accuracy, expected.get("test_accuracy").asDouble(), evaluated[0], expected.get("test_loss_unclipped").asDouble());
            assertThat(max).isLessThanOrEqualTo(1e-6);
            assertThat(accuracy).isEqualTo(expected.get("test_accuracy").asDouble());
            assertThat(evaluated[1]).isCloseTo(expected.get("test_accuracy").asDouble(), within(1e-9));
            assertThat(evaluated[0]).isCloseTo(expected.get("test_loss_unclipped").asDouble(), within(1e-5));

            Path exported = tmp.resolve("keras24_export");
            model.save(exported);
            try (var saved = io.kerasj.saving.savedmodel.KerasSavedModel.load(exported)) {
                float[][] again = saved.predict(SavingTestData.testImages().slice(0, 100));
                // its own graph in a batch of 100, p one batch of 10,000: TensorFlow's CPU kernels round by batch shape
                for (int i = 0; i < 100; i++) {
                    assertThat(again[i]).usingElementComparator(io.kerasj.data.BatchShapeTolerance.comparator()).containsExactly(p[i]);
                }
            }
        }
    }

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @Test
    void keras24H5FineTunesOnTwentyThousandImages() {
        Dataset train = SavingTestData.data().train().slice(0, 20_000);
        try (io.kerasj.models.Model model = KerasFiles.load(SavingTestData.reference("keras24-mlp-300-100.h5"), 42, w -> { })) {
            History history = model.fit(train.scaled(), train.labels(), FitOptions.defaults().epochs(1).verbose(0));
            double accuracy = model.evaluate(SavingTestData.testImages(), SavingTestData.testLabels(), 0, QUIET)[1];
            System.out.printf("keras24 .h5 fine-tuned 1 epoch on 20000 images: loss %.4f, test accuracy %.4f (before 0.8824)%n",
                    history.history().get("loss").get(0), accuracy);
            assertThat(history.history().get("loss").get(0)).isLessThan(0.4);
            assertThat(accuracy).isGreaterThan(0.87);
        }
    }
}
