package io.kerasj.layers;

import java.util.Random;

/**
 * Keras's default kernel initializer: uniform on [-L, L) with L = sqrt(6 / (fan_in + fan_out)).
 * Written here because TensorFlow Java's own Glorot-uniform draws from [0, L) (design.md).
 */
public final class GlorotUniform implements Initializer {

    /**
     * @param shape a 2-D kernel shape [fan_in, fan_out]
     * @return the limit L of the distribution for that shape
     */
    public static double limit(long[] shape) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("shape: expected a 2-D kernel shape, found " + java.util.Arrays.toString(shape));
        }
        return Math.sqrt(6.0 / (shape[0] + shape[1]));
    }

    @Override
    public float[] initialize(long[] shape, Random random) {
        double limit = limit(shape);
        float[] values = new float[Math.toIntExact(shape[0] * shape[1])];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 * limit - limit);
        }
        return values;
    }
}
