package io.kerasj.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FansTest {

    @Test
    void followsKerasComputeFans() {
        assertThat(Fans.of(new long[0])).isEqualTo(new Fans(1, 1));
        assertThat(Fans.of(new long[] {7})).isEqualTo(new Fans(7, 7));
        assertThat(Fans.of(new long[] {784, 300})).isEqualTo(new Fans(784, 300));
        // a 3 x 3 convolution kernel from 16 to 32 channels: receptive field 9
        assertThat(Fans.of(new long[] {3, 3, 16, 32})).isEqualTo(new Fans(144, 288));
    }

    @Test
    void glorotLimitUsesTheFansOfAnyRank() {
        assertThat(GlorotUniform.limit(new long[] {784, 300})).isEqualTo(Math.sqrt(6.0 / 1084));
        assertThat(GlorotUniform.limit(new long[] {3, 3, 16, 32})).isEqualTo(Math.sqrt(6.0 / (144 + 288)));
        float[] values = new GlorotUniform().initialize(new long[] {3, 3, 16, 32}, new java.util.Random(2));
        assertThat(values).hasSize(3 * 3 * 16 * 32);
        double limit = Math.sqrt(6.0 / 432);
        for (float v : values) {
            assertThat((double) v).isBetween(-limit, limit);
        }
    }
}
