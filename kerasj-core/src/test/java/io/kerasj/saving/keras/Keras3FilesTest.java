package io.kerasj.saving.keras;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.layers.Layer;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.SGD;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Files that Keras 3 writes in the live venv ({@code model.save('m.keras')}, {@code model.save('m.h5')}) load and match Python. */
@Tag("python")
class Keras3FilesTest {

    @Test
    void sequentialKerasArchiveMatchesPythonOnAllTestImages() {
        Path dir = SavingTestData.kerasFiles();
        try (io.kerasj.models.Model model = loadQuietly(dir.resolve("mlp.keras"))) {
            assertThat(model.layers()).extracting(Layer::name).containsExactly("flatten", "dense", "dropout", "dense_1");
            assertThat(model.compileConfig().optimizer()).isEqualTo(new SGD(0.019999999552965164));
            matches(model, dir.resolve("mlp.probabilities.npy"), "Keras 3 mlp.keras");
        }
    }

    @Test
    void sequentialLegacyH5FromKeras3MatchesPythonOnAllTestImages() {
        Path dir = SavingTestData.kerasFiles();
        try (io.kerasj.models.Model model = loadQuietly(dir.resolve("mlp.h5"))) {
            assertThat(model.layers()).extracting(Layer::name).containsExactly("flatten", "dense", "dropout", "dense_1");
            matches(model, dir.resolve("mlp.probabilities.npy"), "Keras 3 mlp.h5");
        }
    }

    @Test
    void functionalChainMatchesPythonAndKeepsItsAdamSettings() {
        Path dir = SavingTestData.kerasFiles();
        try (io.kerasj.models.Model model = loadQuietly(dir.resolve("functional.keras"))) {
            assertThat(model.name()).isEqualTo("chain");
            assertThat(model.network().computingLayers()).extracting(Layer::name).containsExactly("flat", "hidden", "classes");
            assertThat(model.compileConfig().optimizer()).isEqualTo(new Adam(0.0010000000474974513, 0.9, 0.999, 1e-7));
            // Keras's Adam state: 313 steps (20,000 images, batch 64), a momentum and a velocity per weight
            var state = model.getOptimizerState();
            assertThat(state).hasSize(2 * 4 + 1);
            assertThat(state.get(8)[0]).isEqualTo(313f);
            assertThat(state.get(1)).hasSize(784 * 32).isNotEqualTo(new float[784 * 32]);
            matches(model, dir.resolve("functional.probabilities.npy"), "Keras 3 functional.keras");
        }
    }

    static io.kerasj.models.Model loadQuietly(Path file) {
        List<String> warnings = new ArrayList<>();
        io.kerasj.models.Model model = KerasFiles.load(file, 1, warnings::add);
        assertThat(warnings).isEmpty();
        return model;
    }

    static double matches(io.kerasj.models.Model model, Path expectedNpy, String label) {
        NpyArray expected = Npy.read(expectedNpy);
        assertThat(expected.shape()).containsExactly(10_000, 10);
        float[][] actual = model.predict(SavingTestData.testImages());
        double max = SavingTestData.maxAbsDifference(actual, expected.toFloats(), 10);
        System.out.printf("%s in Java: max|d| %.3e over 10000x10 outputs%n", label, max);
        assertThat(max).isLessThanOrEqualTo(1e-6);
        return max;
    }
}
