package io.kerasj.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GlorotUniformTest {

    @Test
    void drawsSymmetricallyWithinTheLimit() {
        long[] shape = {784, 300};
        double limit = Math.sqrt(6.0 / (784 + 300));
        float[] values = new GlorotUniform().initialize(shape, new Random(1));
        assertThat(values).hasSize(784 * 300);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertThat(min).isGreaterThanOrEqualTo(-limit).isLessThan(-0.99 * limit);
        assertThat(max).isLessThanOrEqualTo(limit).isGreaterThan(0.99 * limit);
        assertThat(sum / values.length).isCloseTo(0, org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void sameSeedSameValues() {
        assertThat(new GlorotUniform().initialize(new long[] {3, 4}, new Random(5)))
                .containsExactly(new GlorotUniform().initialize(new long[] {3, 4}, new Random(5)));
    }
}
