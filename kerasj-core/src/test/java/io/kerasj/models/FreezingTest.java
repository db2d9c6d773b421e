package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.Layer;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.optimizers.Adam;
import io.kerasj.saving.keras.KerasFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras 3's {@code layer.trainable}: frozen layers in summary, fit, fine-tuning and .keras files. */
class FreezingTest {
    private static final int SAMPLES = 32;

    @TempDir
    Path tmp;

    /** Input(4), Dense(8, relu) "hidden", BatchNormalization "bn", Dense(1) "head". */
    private static Sequential model() {
        Sequential model = new Sequential("freezing", 3);
        model.add(new Input(4));
        model.add(new Dense(8, "relu").name("hidden"));
        model.add(new BatchNormalization().name("bn"));
        model.add(new Dense(1).name("head"));
        return model;
    }

    private static FloatSamples x() {
        Random random = new Random(11);
        float[] values = new float[SAMPLES * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(values, 4);
    }

    private static Targets y(FloatSamples x) {
        float[] in = x.toArray();
        float[] values = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            values[i] = in[4 * i] - 2 * in[4 * i + 1] + 0.5f * in[4 * i + 2] + 3 * in[4 * i + 3];
        }
        return Targets.of(values, 1);
    }

    private static void fit(Model model, int epochs) {
        FloatSamples x = x();
        model.fit(x, y(x), FitOptions.defaults().epochs(epochs).batchSize(8).shuffle(false).verbose(0));
    }

    @Test
    void frozenLayersAreNonTrainableInSummaryAndBitIdenticalAfterFitWithAdam() {
        try (Sequential model = model()) {
            model.getLayer("hidden").trainable(false);
            model.getLayer("bn").trainable(false);
            model.compile(new MeanSquaredError(), new Adam(0.05));
            assertThat(model.trainableParamCount()).isEqualTo(9); // head only
            assertThat(model.paramCount() - model.trainableParamCount()).isEqualTo(40 + 32);
            assertThat(model.summaryText()).contains("Trainable params: 9", "Non-trainable params: 72");
            List<float[]> hidden = model.getLayer("hidden").getWeights();
            List<float[]> bn = model.getLayer("bn").getWeights();
            List<float[]> head = model.getLayer("head").getWeights();
            fit(model, 3);
            assertThat(model.getLayer("hidden").getWeights()).usingRecursiveComparison().isEqualTo(hidden);
            // frozen BatchNormalization runs in inference mode: moving statistics untouched, gamma and beta too
            assertThat(model.getLayer("bn").getWeights()).usingRecursiveComparison().isEqualTo(bn);
            assertThat(model.getLayer("head").getWeights().get(0)).isNotEqualTo(head.get(0));
        }
    }

    @Test
    void unfrozenBatchNormalizationMovesItsStatisticsInFit() {
        try (Sequential model = model()) {
            model.getLayer("hidden").trainable(false);
            model.compile(new MeanSquaredError(), new Adam(0.05));
            List<float[]> bn = model.getLayer("bn").getWeights();
            fit(model, 1);
            assertThat(model.getLayer("bn").getWeights().get(2)).isNotEqualTo(bn.get(2)); // moving_mean
        }
    }

    @Test
    void aModelsTrainableSetsEveryLayerOfItsNestedModels() {
        Sequential base = new Sequential("base", 1);
        base.add(new Input(4));
        base.add(new Dense(6, "relu"));
        base.add(new Dense(5));
        Input in = new Input(4);
        try (Model model = new Model(in, new Dense(2).name("top").apply(base.apply(in)))) {
            base.trainable(false);
            assertThat(base.layers()).noneMatch(Layer::isTrainable);
            assertThat(model.trainableParamCount()).isEqualTo(12);
            model.trainable(false);
            assertThat(model.trainableParamCount()).isZero();
            model.trainable(true);
            assertThat(base.layers()).allMatch(Layer::isTrainable);
            assertThat(model.trainableParamCount()).isEqualTo(model.paramCount());
        }
    }

    @Test
    void aLayerFrozenBeforeBuildFreezesTheWeightsBuildMakes() {
        Dense hidden = new Dense(8, "relu");
        hidden.trainable(false);
        try (Sequential model = new Sequential("early", 1)) {
            model.add(new Input(4));
            model.add(hidden);
            model.add(new Dense(1));
            assertThat(model.trainableParamCount()).isEqualTo(9);
        }
    }

    /**
     * Fine-tuning: trained with the base frozen, then the top of the base unfrozen and recompiled with a lower learning
     * rate; a change of trainable without recompiling does not reach the compiled model, as in Keras.
     */
    @Test
    void fineTuningUnfreezesOnRecompileOnly() {
        try (Sequential model = model()) {
            model.getLayer("hidden").trainable(false);
            model.getLayer("bn").trainable(false);
            model.compile(new MeanSquaredError(), new Adam(0.05));
            fit(model, 1);
            List<float[]> hidden = model.getLayer("hidden").getWeights();
            List<float[]> bn = model.getLayer("bn").getWeights();
            model.getLayer("bn").trainable(true);
            fit(model, 1); // not recompiled: still the frozen set of compile time
            assertThat(model.getLayer("bn").getWeights()).usingRecursiveComparison().isEqualTo(bn);
            model.compile(new MeanSquaredError(), new Adam(1e-3));
            assertThat(model.trainableParamCount()).isEqualTo(9 + 16);
            fit(model, 1);
            assertThat(model.getLayer("hidden").getWeights()).usingRecursiveComparison().isEqualTo(hidden);
            assertThat(model.getLayer("bn").getWeights().get(0)).isNotEqualTo(bn.get(0)); // gamma trains now
            assertThat(model.getLayer("bn").getWeights().get(2)).isNotEqualTo(bn.get(2)); // moving_mean moves again
        }
    }

    /** Keras 3: the optimizer's state is the instance's; its learning rate is one of its variables. */
    @Test
    void recompilingWithTheSameOptimizerKeepsItsLearningRateAndStepCountANewOneStartsAfresh() {
        try (Sequential model = model()) {
            Adam adam = new Adam(0.05);
            model.compile(new MeanSquaredError(), adam);
            fit(model, 1); // 4 steps
            model.setLearningRate(0.02);
            model.getLayer("hidden").trainable(false);
            model.compile(new MeanSquaredError(), adam);
            assertThat(model.learningRate()).isEqualTo(0.02);
            fit(model, 1);
            List<float[]> state = model.getOptimizerState();
            assertThat(state.get(state.size() - 1)[0]).isEqualTo(8f);
            model.compile(new MeanSquaredError(), new Adam(0.001));
            assertThat(model.learningRate()).isEqualTo(0.001);
            fit(model, 1);
            state = model.getOptimizerState();
            assertThat(state.get(state.size() - 1)[0]).isEqualTo(4f);
        }
    }

    @Test
    void recompilingTheSameOptimizerAfterUnfreezingALayerItWasNotBuiltWithFailsAtTheNextFit() {
        try (Sequential model = model()) {
            Adam adam = new Adam(0.05);
            model.getLayer("hidden").trainable(false);
            model.compile(new MeanSquaredError(), adam);
            fit(model, 1);
            model.getLayer("hidden").trainable(true);
            model.compile(new MeanSquaredError(), adam);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fit(model, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Unknown variable: <Variable path=freezing/hidden/kernel, shape=(4, 8), dtype=float32>. "
                            + "This optimizer can only be called for the variables it was originally built with.");
            model.compile(new MeanSquaredError(), new Adam(0.05)); // the way out Keras names: a new optimizer instance
            fit(model, 1);
        }
    }

    @Test
    void kerasFilesKeepEachLayersTrainable() throws Exception {
        Path file = tmp.resolve("frozen.keras");
        try (Sequential model = model()) {
            model.getLayer("hidden").trainable(false);
            model.getLayer("bn").trainable(false);
            model.compile(new MeanSquaredError(), new Adam(0.05));
            model.save(file);
        }
        try (var zip = java.nio.file.FileSystems.newFileSystem(file)) {
            String config = Files.readString(zip.getPath("config.json"));
            assertThat(config).contains("\"name\":\"hidden\",\"trainable\":false", "\"name\":\"head\",\"trainable\":true");
        }
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.getLayer("hidden").isTrainable()).isFalse();
            assertThat(loaded.getLayer("bn").isTrainable()).isFalse();
            assertThat(loaded.getLayer("head").isTrainable()).isTrue();
            assertThat(loaded.trainableParamCount()).isEqualTo(9);
        }
    }
}
