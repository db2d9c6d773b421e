package io.kerasj.initializers;

import java.util.Random;

/**
 * Keras's default kernel initializer: uniform on [-L, L) with L = sqrt(6 / (fan_in + fan_out)), the fans of any
 * kernel rank from {@link Fans}. Written here because TensorFlow Java's own Glorot-uniform draws from [0, L)
 * (design.md).
 */
public final class GlorotUniform implements Initializer {

    /**
     * @param shape a kernel shape of any rank, e.g. {@code [fan_in, fan_out]} or {@code [h, w, in, out]}
     * @return the limit L of the distribution for that shape
     */
    public static double limit(long[] shape) {
        Fans fans = Fans.of(shape);
        return Math.sqrt(6.0 / (fans.in() + fans.out()));
    }

    @Override
    public InitializerConfig config() {
        return InitializerConfig.seeded("GlorotUniform");
    }

    @Override
    public float[] initialize(long[] shape, Random random) {
        double limit = limit(shape);
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 * limit - limit);
        }
        return values;
    }
}
