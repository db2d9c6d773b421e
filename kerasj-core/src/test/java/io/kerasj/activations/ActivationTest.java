package io.kerasj.activations;

import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.Sequential;
import org.junit.jupiter.api.Test;

class ActivationTest {

    private static float[] apply(String activation, float... x) {
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(x.length));
            model.add(new ActivationLayer(activation));
            return model.predict(FloatSamples.of(x, x.length))[0];
        }
    }

    @Test
    void everyKerasNameResolvesAndSwishIsSilu() {
        for (String name : new String[] {"relu", "sigmoid", "tanh", "softmax", "selu", "elu", "softplus", "softsign", "swish",
            "silu", "gelu", "leaky_relu", "exponential", "linear"}) {
            assertThat(Activation.of(name)).as(name).isNotNull();
        }
        assertThat(Activation.of("swish")).isEqualTo(Activation.SILU);
        assertThat(Activation.of(null)).isEqualTo(Activation.LINEAR);
        assertThatThrownBy(() -> Activation.of("RELU")).hasMessageContaining("activation: expected one of relu").hasMessageContaining("'RELU'");
    }

    @Test
    void keras3DefaultsOfLeakyReluAndGelu() {
        float[] leaky = apply("leaky_relu", -1f, 2f);
        assertThat(leaky[0]).isCloseTo(-0.2f, within(1e-7f));
        assertThat(leaky[1]).isEqualTo(2f);
        // exact gelu (approximate=False): 0.5 x (1 + erf(x / sqrt 2)); at x = 1: 0.8413447
        assertThat(apply("gelu", 1f)[0]).isCloseTo(0.8413447f, within(1e-6f));
        assertThat(apply("selu", -1f)[0]).isCloseTo((float) (1.0507009873554805 * 1.6732632423543772 * (Math.exp(-1) - 1)), within(1e-6f));
    }

    @Test
    void theActivationLayerIsListedAsKerasListsIt() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(3));
            model.add(new ActivationLayer("relu"));
            assertThat(model.summaryText()).contains("activation (Activation)      (None, 3)                 0");
        }
    }
}
