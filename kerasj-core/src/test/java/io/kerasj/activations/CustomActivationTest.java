package io.kerasj.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Naming;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.testing.CustomObjectsFixture;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A custom activation (a function on a tensor) wherever Keras takes an activation, and by registered name. */
class CustomActivationTest {
    private static final FitOptions QUIET = FitOptions.defaults().epochs(3).batchSize(8).verbose(0);

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
        CustomObjectsFixture.register();
    }

    private static Model model(Activation hidden) {
        Input input = new Input(3);
        KerasTensor h = new Dense(4, hidden).apply(input);
        return new Model(input, new Dense(1).apply(h)).seed(5);
    }

    @Test
    void aCustomActivationTrainsExactlyAsTheBuiltInItRewrites() {
        FloatSamples x = CustomObjectsFixture.samples(40, 3, 1);
        History custom;
        History builtIn;
        try (Model model = model((tf, v) -> tf.math.tanh(v))) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            custom = model.fit(x, CustomObjectsFixture.targets(x), QUIET);
        }
        Naming.clearSession();
        try (Model model = model(Activation.TANH)) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            builtIn = model.fit(x, CustomObjectsFixture.targets(x), QUIET);
        }
        assertThat(custom.history().get("loss")).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(custom.history().get("loss").get(e)).isCloseTo(builtIn.history().get("loss").get(e), within(1e-6));
        }
    }

    @Test
    void aTrainedDenseWithACustomActivationPredictsItsMathByHand() {
        FloatSamples x = CustomObjectsFixture.samples(16, 3, 2);
        Input input = new Input(3);
        try (Model model = new Model(input, new Dense(2, CustomObjectsFixture.SCALED_TANH).apply(input)).seed(3)) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            model.fit(x, io.kerasj.data.Targets.of(new float[32], 2), QUIET);
            List<float[]> w = model.getWeights();
            float[][] out = model.predict(x);
            for (int i = 0; i < x.count(); i++) {
                for (int u = 0; u < 2; u++) {
                    double z = w.get(1)[u];
                    for (int k = 0; k < 3; k++) {
                        z += x.sample(i)[k] * w.get(0)[k * 2 + u];
                    }
                    assertThat(out[i][u]).isCloseTo((float) (2 * Math.tanh(z)), within(1e-5f));
                }
            }
        }
    }

    @Test
    void theActivationLayerAndConv2DTakeOneAndTheRegisteredNameFindsIt() {
        assertThat(Activation.of("kj>scaled_tanh")).isSameAs(CustomObjectsFixture.SCALED_TANH);
        assertThat(CustomObjectsFixture.SCALED_TANH.kerasName()).isEqualTo("kj>scaled_tanh");
        assertThat(Activation.of("relu")).isSameAs(Activation.RELU);
        assertThat(Activation.of("swish")).isSameAs(Activation.SILU);
        assertThat(Activation.SOFTMAX.hasLogits()).isTrue();
        assertThat(CustomObjectsFixture.SCALED_TANH.hasLogits()).isFalse();
        Input input = new Input(2);
        try (Model model = new Model(input, new ActivationLayer(Activation.of("kj>scaled_tanh")).apply(input))) {
            float[][] out = model.predict(FloatSamples.of(new float[] {0.5f, -1f}, 2));
            assertThat(out[0][0]).isCloseTo((float) (2 * Math.tanh(0.5)), within(1e-6f));
            assertThat(out[0][1]).isCloseTo((float) (2 * Math.tanh(-1)), within(1e-6f));
        }
        assertThat(new io.kerasj.layers.Conv2D(2, 3).activation(CustomObjectsFixture.SCALED_TANH).activation())
                .isSameAs(CustomObjectsFixture.SCALED_TANH);
        Activation unregistered = (tf, v) -> v;
        assertThatThrownBy(unregistered::kerasName).hasMessageContaining("registerKerasSerializable");
        assertThatThrownBy(() -> Activation.of("kj>nothing")).hasMessageContaining("registered");
        assertThatThrownBy(() -> Activation.of("RELU")).isInstanceOf(IllegalArgumentException.class);
    }
}
