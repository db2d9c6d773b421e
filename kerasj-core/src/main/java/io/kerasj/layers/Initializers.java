package io.kerasj.layers;

import java.util.Arrays;
import java.util.Random;

/**
 * Keras 3's initializers by name ({@code kernel_initializer="he_normal"}) and with their default arguments. Values
 * are drawn in Java from the model's seeded {@link Random}, so a seed makes a model's start repeatable; the
 * distributions are Keras's, not its random streams.
 */
public final class Initializers {
    /** The names {@link #of(String)} knows. */
    public static final String NAMES = "glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, "
            + "zeros, ones, random_uniform, random_normal, truncated_normal";

    private Initializers() {
    }

    /**
     * @param name a Keras initializer name
     * @return the initializer with Keras 3's default arguments
     * @throws IllegalArgumentException for an unknown name
     */
    public static Initializer of(String name) {
        return switch (name == null ? "" : name) {
            case "glorot_uniform" -> new GlorotUniform();
            case "glorot_normal" -> new VarianceScaling(1, VarianceScaling.Mode.FAN_AVG, VarianceScaling.Distribution.TRUNCATED_NORMAL);
            case "he_uniform" -> new VarianceScaling(2, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.UNIFORM);
            case "he_normal" -> new VarianceScaling(2, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.TRUNCATED_NORMAL);
            case "lecun_uniform" -> new VarianceScaling(1, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.UNIFORM);
            case "lecun_normal" -> new VarianceScaling(1, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.TRUNCATED_NORMAL);
            case "zeros" -> Initializer.ZEROS;
            case "ones" -> constant(1);
            case "random_uniform" -> randomUniform(-0.05, 0.05);
            case "random_normal" -> randomNormal(0, 0.05);
            case "truncated_normal" -> truncatedNormal(0, 0.05);
            default -> throw new IllegalArgumentException("initializer: expected one of " + NAMES + ", found '" + name + "'");
        };
    }

    /**
     * @param value the value of every element
     * @return Keras's {@code Constant(value)}
     */
    public static Initializer constant(double value) {
        return (shape, random) -> {
            float[] values = new float[Math.toIntExact(Layer.product(shape))];
            Arrays.fill(values, (float) value);
            return values;
        };
    }

    /**
     * @param minval the lower bound
     * @param maxval the upper bound, above {@code minval}
     * @return Keras's {@code RandomUniform(minval, maxval)} (defaults -0.05, 0.05)
     */
    public static Initializer randomUniform(double minval, double maxval) {
        if (!(maxval > minval)) {
            throw new IllegalArgumentException("maxval: expected a value above minval " + minval + ", found " + maxval);
        }
        return (shape, random) -> draw(shape, () -> minval + random.nextDouble() * (maxval - minval));
    }

    /**
     * @param mean the mean
     * @param stddev the standard deviation, positive
     * @return Keras's {@code RandomNormal(mean, stddev)} (defaults 0, 0.05)
     */
    public static Initializer randomNormal(double mean, double stddev) {
        requirePositive(stddev);
        return (shape, random) -> draw(shape, () -> mean + stddev * random.nextGaussian());
    }

    /**
     * @param mean the mean
     * @param stddev the standard deviation of the normal before truncation, positive
     * @return Keras's {@code TruncatedNormal(mean, stddev)}: values beyond two standard deviations are redrawn
     */
    public static Initializer truncatedNormal(double mean, double stddev) {
        requirePositive(stddev);
        return (shape, random) -> draw(shape, () -> mean + stddev * truncatedGaussian(random));
    }

    /** A unit normal value, redrawn until it lies within two standard deviations. */
    static double truncatedGaussian(Random random) {
        while (true) {
            double z = random.nextGaussian();
            if (Math.abs(z) <= 2) {
                return z;
            }
        }
    }

    private static void requirePositive(double stddev) {
        if (!(stddev > 0)) {
            throw new IllegalArgumentException("stddev: expected a positive number, found " + stddev);
        }
    }

    private static float[] draw(long[] shape, java.util.function.DoubleSupplier next) {
        float[] values = new float[Math.toIntExact(Layer.product(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) next.getAsDouble();
        }
        return values;
    }
}
