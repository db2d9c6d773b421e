package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.data.Predictions;
import io.kerasj.models.Sequential;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

/**
 * The legacy .h5 layout as other Keras 2 versions wrote it (python-reference/make_legacy_h5_variants.py rewrites the
 * Keras 2.4 reference with h5py): list-form Sequential config without InputLayer, variable-length string attributes,
 * weights stored under other group names. All give the reference's outputs.
 */
@Tag("python")
class LegacyH5VariantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"keras224.h5", "vlen.h5", "renamed.h5"})
    void everyLayoutGivesTheKeras24Outputs(String variant) throws Exception {
        PythonKeras.require();
        Path reference = SavingTestData.reference("keras24-mlp-300-100.h5");
        JsonNode expected = SavingTestData.keras24Expected();
        Path out = PythonKeras.repoRoot().resolve("target").resolve("legacy-h5");
        PythonKeras.run(120, Map.of(), "make_legacy_h5_variants.py", reference.toString(), out.toString());
        try (io.kerasj.models.Model model = KerasFiles.load(out.resolve(variant), 1, w -> { })) {
            float[][] p = model.predict(SavingTestData.testImages());
            double max = SavingTestData.maxDifferenceFromKeras24FirstRows(p, expected);
            double accuracy = Predictions.accuracy(p, SavingTestData.testLabels());
            System.out.printf("legacy %s: max|d| %.3e on the first rows, accuracy %.4f%n", variant, max, accuracy);
            assertThat(max).isLessThanOrEqualTo(1e-6);
            assertThat(accuracy).isEqualTo(expected.get("test_accuracy").asDouble());
            assertThat(model.compileConfig() == null).isEqualTo(variant.equals("vlen.h5"));
        }
    }
}
