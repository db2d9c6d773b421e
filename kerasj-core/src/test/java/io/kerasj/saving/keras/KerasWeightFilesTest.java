package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.kerasj.KerasJException;
import io.kerasj.data.FloatSamples;
import io.kerasj.io.OutputRefusedException;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.saveWeights} / {@code model.loadWeights}: Keras 3's {@code .weights.h5} both ways, the weights of a
 * {@code .keras}, and legacy {@code .h5} weight files by order and by name, with Keras's refusals and
 * {@code skip_mismatch}; saving follows the ownership rule of every writer.
 */
class KerasWeightFilesTest {
    @TempDir
    Path tmp;

    private static Model small(long seed, int units) {
        Input in = new Input(5, 5, 2);
        KerasTensor x = new Conv2D(3, 3).name("conv").apply(in);
        x = new BatchNormalization().name("bn").apply(x);
        x = new Flatten().name("flat").apply(x);
        x = new Dense(units).name("out").apply(x);
        return new Model(in, x).seed(seed);
    }

    private static FloatSamples batch() {
        Random random = new Random(3);
        float[] x = new float[2 * 50];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(x, 5, 5, 2);
    }

    /** Moves the BatchNormalization statistics away from 0 and 1, so that loading them shows in the outputs. */
    private static void randomize(Model model, long seed) {
        Random random = new Random(seed);
        for (Layer layer : model.layers()) {
            List<float[]> values = new ArrayList<>();
            for (float[] w : layer.getWeights()) {
                float[] v = w.clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.5 + random.nextDouble());
                }
                values.add(v);
            }
            if (!values.isEmpty()) {
                layer.setWeights(values);
            }
        }
    }

    @Test
    void weightsH5RoundTripsAndKerasArchivesLoadToo() {
        Path file = tmp.resolve("m.weights.h5");
        Path archive = tmp.resolve("m.keras");
        try (Model a = small(1, 4); Model b = small(2, 4); Model c = small(3, 4)) {
            randomize(a, 7);
            float[][] expected = a.predict(batch());
            a.saveWeights(file);
            a.save(archive);
            assertThat(b.predict(batch())[0]).isNotEqualTo(expected[0]);
            b.loadWeights(file);
            assertThat(b.predict(batch())).isDeepEqualTo(expected);
            c.loadWeights(archive);
            assertThat(c.predict(batch())).isDeepEqualTo(expected);
        }
    }

    @Test
    void weightsH5MismatchesAreRefusedOrSkippedLayerByLayer() {
        Path file = tmp.resolve("m.weights.h5");
        try (Model a = small(1, 4); Model wider = small(2, 5)) {
            randomize(a, 9);
            a.saveWeights(file);
            List<float[]> before = wider.getLayer("out").getWeights();
            assertThatThrownBy(() -> wider.loadWeights(file)).isInstanceOf(KerasJException.class).hasMessageContaining("out");
            wider.loadWeights(file, true, false); // skip_mismatch: conv and bn load, out keeps its weights
            assertThat(wider.getLayer("out").getWeights().get(0)).isEqualTo(before.get(0));
            assertThat(wider.getLayer("bn").getWeights().get(3)).isEqualTo(a.getLayer("bn").getWeights().get(3));
        }
    }

    @Test
    void hostileLegacyFilesAreRefusedInOneLineBeforeAnyValueIsRead() throws Exception {
        Path text = Files.writeString(tmp.resolve("text.h5"), "not HDF5");
        Path escaping = tmp.resolve("escaping.h5");
        try (WritableHdfFile h5 = HdfFile.write(escaping)) {
            h5.putAttribute("layer_names", new String[]{"conv"});
            h5.putGroup("conv").putAttribute("weight_names", new String[]{"../out/kernel"});
        }
        try (Model model = small(2, 4)) {
            assertThatThrownBy(() -> model.loadWeights(text)).isInstanceOf(KerasJException.class).hasMessageContaining("not an HDF5 file");
            assertThatThrownBy(() -> model.loadWeights(escaping)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("Layer count mismatch when loading weights from file. Model expected 3 layers, found 1 saved layers.");
            assertThatThrownBy(() -> model.loadWeights(escaping, false, true)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("names weight '../out/kernel', expected a path inside its group");
            assertThatThrownBy(() -> model.loadWeights(tmp.resolve("absent.h5"))).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("no such file");
            assertThatThrownBy(() -> model.loadWeights(tmp.resolve("m.npz"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("File format not supported");
        }
    }

    @Test
    void savingRefusesOtherNamesAndForeignFilesAndReplacesItsOwn() throws Exception {
        try (Model a = small(1, 4)) {
            assertThatThrownBy(() -> a.saveWeights(tmp.resolve("m.h5")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The filename must end in `.weights.h5`");
            Path foreign = Files.writeString(tmp.resolve("foreign.weights.h5"), "not mine");
            assertThatThrownBy(() -> a.saveWeights(foreign)).isInstanceOf(OutputRefusedException.class)
                    .hasMessageContaining("is not a KerasJ output");
            assertThat(Files.readString(foreign)).isEqualTo("not mine");
            Path own = tmp.resolve("own.weights.h5");
            a.saveWeights(own);
            assertThatThrownBy(() -> a.saveWeights(own, false)).isInstanceOf(OutputRefusedException.class)
                    .hasMessageContaining("pass overwrite=true");
            a.saveWeights(own); // Keras's default overwrite=True: its own file is replaced
            assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("foreign.weights.h5", "own.weights.h5");
        }
    }

    /** A legacy weights file as Keras's {@code save_weights_to_hdf5_group} writes it, with the given layers' weights. */
    private static void writeLegacy(Path file, Model model, List<String> names) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("layer_names", names.toArray(String[]::new));
            h5.putAttribute("keras_version", "3.15.1");
            for (String name : names) {
                WritableGroup group = h5.putGroup(name);
                Layer layer = model.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
                List<WeightSpec> legacy = layer == null ? List.of() : ModelBuilder.legacyOrder(layer);
                if (legacy.isEmpty()) {
                    continue;
                }
                List<WeightSpec> specs = layer.weightSpecs();
                List<float[]> values = layer.getWeights();
                List<String> weightNames = new ArrayList<>();
                WritableGroup inner = group.putGroup(name);
                for (WeightSpec spec : legacy) {
                    weightNames.add(name + "/" + spec.name());
                    inner.putDataset(spec.name(), KerasWeightsWriter.shaped(values.get(specs.indexOf(spec)), spec.shape()));
                }
                group.putAttribute("weight_names", weightNames.toArray(String[]::new));
            }
        }
    }

    @Test
    void legacyH5LoadsByOrderAndByName() {
        Path file = tmp.resolve("legacy.h5");
        try (Model a = small(1, 4); Model b = small(2, 4); Model c = small(3, 4)) {
            randomize(a, 8);
            float[][] expected = a.predict(batch());
            writeLegacy(file, a, List.of(a.layers().get(0).name(), "conv", "bn", "flat", "out"));
            b.loadWeights(file);
            assertThat(b.predict(batch())).isDeepEqualTo(expected);
            c.loadWeights(file, false, true);
            assertThat(c.predict(batch())).isDeepEqualTo(expected);
        }
    }

    @Test
    void legacyH5MismatchesAreRefusedAsKerasDoesOrSkipped() {
        Path file = tmp.resolve("legacy.h5");
        Path fewer = tmp.resolve("fewer.h5");
        try (Model a = small(1, 4); Model wider = small(2, 5)) {
            writeLegacy(file, a, List.of("conv", "bn", "flat", "out"));
            writeLegacy(fewer, a, List.of("conv", "out"));
            assertThatThrownBy(() -> wider.loadWeights(fewer)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("Layer count mismatch when loading weights from file. Model expected 3 layers, found 2 saved layers.");
            List<float[]> before = wider.getLayer("out").getWeights();
            assertThatThrownBy(() -> wider.loadWeights(file)).isInstanceOf(KerasJException.class)
                    .hasMessageContaining("Shape mismatch in layer #2 (named out) for weight out/kernel. Weight expects shape (27, 5)."
                            + " Received saved weight with shape (27, 4)");
            assertThat(wider.getLayer("out").getWeights().get(0)).isEqualTo(before.get(0));
            wider.loadWeights(file, true, false); // skip_mismatch: the others load, out's kernel and bias stay
            assertThat(wider.getLayer("out").getWeights().get(0)).isEqualTo(before.get(0));
            assertThat(wider.getLayer("conv").getWeights().get(0)).isEqualTo(a.getLayer("conv").getWeights().get(0));
            assertThatThrownBy(() -> wider.loadWeights(tmp.resolve("x.weights.h5"), false, true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`by_name` only supports loading legacy");
        }
    }
}
