package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KerasFiles#cloneModel}, Keras's {@code keras.models.clone_model}: new layers, same architecture, fresh weights. */
class CloneModelTest {
    private static final FloatSamples X = FloatSamples.of(new float[] {0.1f, -0.4f, 0.3f, 0.9f, -1.2f, 0.5f, 0.7f, 0.2f}, 4);

    private static Sequential sequential() {
        Sequential model = new Sequential("original", 5);
        model.add(new Input(4));
        model.add(new Dense(6, "relu").name("hidden"));
        model.add(new BatchNormalization().name("bn"));
        model.add(new Dense(2, "softmax").name("head"));
        return model;
    }

    @Test
    void aSequentialsCloneHasNewLayersOfTheSameConfigAndLeavesTheOriginalAsItIs() {
        try (Sequential model = sequential()) {
            model.getLayer("hidden").trainable(false);
            model.compile(new MeanSquaredError(), new SGD(0.1));
            model.fit(X, io.kerasj.data.Targets.of(new float[] {1, 0, 0, 1}, 2), FitOptions.defaults().epochs(2).verbose(0));
            List<float[]> trained = model.getWeights();
            try (Model clone = KerasFiles.cloneModel(model)) {
                assertThat(clone.className()).isEqualTo("Sequential");
                assertThat(clone.name()).isEqualTo("original");
                assertThat(clone.layers().stream().map(Layer::name).toList()).isEqualTo(model.layers().stream().map(Layer::name).toList());
                for (int i = 0; i < model.layers().size(); i++) {
                    assertThat(clone.layers().get(i)).isNotSameAs(model.layers().get(i));
                    assertThat(clone.layers().get(i).getConfig()).isEqualTo(model.layers().get(i).getConfig());
                }
                assertThat(clone.getLayer("hidden").isTrainable()).isFalse();
                assertThat(clone.trainableParamCount()).isEqualTo(model.trainableParamCount());
                assertThat(clone.compileConfig()).as("clone_model does not compile").isNull();
                assertThat(clone.getWeights().get(4)).as("fresh head kernel").isNotEqualTo(trained.get(4));

                clone.setWeights(trained);
                assertThat(clone.predict(X)).isDeepEqualTo(model.predict(X));
                clone.getLayer("head").trainable(false);
                clone.setWeights(clone.getWeights().stream().map(w -> new float[w.length]).toList());
                assertThat(model.getWeights()).usingRecursiveComparison().isEqualTo(trained);
                assertThat(model.getLayer("head").isTrainable()).isTrue();
            }
        }
    }

    @Test
    void aFunctionalModelsCloneKeepsItsGraph() {
        Input a = new Input(new long[] {4}, "a");
        Dense shared = new Dense(3).name("shared");
        KerasTensor merged = io.kerasj.layers.Merge.add(shared.apply(a), shared.apply(a));
        try (Model model = new Model(List.of(a), List.of(new Dense(1).name("out").apply(merged)), "graph")) {
            try (Model clone = KerasFiles.cloneModel(model)) {
                assertThat(clone.className()).isEqualTo("Functional");
                assertThat(clone.getLayer("shared").inboundNodes()).hasSize(2);
                assertThat(clone.paramCount()).isEqualTo(model.paramCount());
                clone.setWeights(model.getWeights());
                assertThat(clone.predict(X)).isDeepEqualTo(model.predict(X));
            }
        }
    }
}
