package io.kerasj.initializers;

import io.kerasj.layers.Layer;

import java.util.Locale;
import java.util.Random;

/**
 * Keras 3's {@code VarianceScaling}: values with variance {@code scale / n}, where {@code n} is fan-in, fan-out or
 * their mean ({@link Fans}). {@code truncated_normal} draws a normal cut at two standard deviations, with the
 * standard deviation divided by 0.87962566103423978 (the standard deviation of a unit normal so truncated) so the
 * variance stays {@code scale / n}; {@code untruncated_normal} a plain normal; {@code uniform} on
 * {@code [-sqrt(3 scale / n), sqrt(3 scale / n))}.
 */
public final class VarianceScaling implements Initializer {
    /** The standard deviation of a unit normal truncated to [-2, 2], as Keras divides by it. */
    static final double TRUNCATION_CORRECTION = .87962566103423978;

    /** Which fans count. */
    public enum Mode {
        /** The fan-in. */
        FAN_IN,
        /** The fan-out. */
        FAN_OUT,
        /** The mean of both. */
        FAN_AVG
    }

    /** How values are drawn. */
    public enum Distribution {
        /** A normal truncated to two standard deviations, rescaled as Keras does. */
        TRUNCATED_NORMAL,
        /** A plain normal. */
        UNTRUNCATED_NORMAL,
        /** A uniform over [-limit, limit]. */
        UNIFORM
    }

    private final double scale;
    private final Mode mode;
    private final Distribution distribution;

    /**
     * @param scale the variance's numerator, positive
     * @param mode {@code fan_in}, {@code fan_out} or {@code fan_avg}
     * @param distribution {@code truncated_normal}, {@code untruncated_normal} or {@code uniform}
     */
    public VarianceScaling(double scale, String mode, String distribution) {
        this(scale, parse(Mode.class, "mode", mode), parse(Distribution.class, "distribution", distribution));
    }

    /**
     * @param scale the variance's numerator, positive
     * @param mode which fans count
     * @param distribution how values are drawn
     */
    public VarianceScaling(double scale, Mode mode, Distribution distribution) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale: expected a positive number, found " + scale);
        }
        this.scale = scale;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.distribution = java.util.Objects.requireNonNull(distribution, "distribution");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String argument, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(argument + ": expected one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", found '" + value + "'");
    }

    /**
     * @param shape a weight shape
     * @return the variance the values are drawn with, {@code scale / max(1, n)}
     */
    public double variance(long[] shape) {
        Fans fans = Fans.of(shape);
        double n = switch (mode) {
            case FAN_IN -> fans.in();
            case FAN_OUT -> fans.out();
            case FAN_AVG -> (fans.in() + fans.out()) / 2;
        };
        return scale / Math.max(1, n);
    }

    /** @return Keras's {@code VarianceScaling} config with these arguments (presets such as {@code lecun_normal} go by their own names) */
    @Override
    public InitializerConfig config() {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("scale", scale);
        config.put("mode", mode.name().toLowerCase(Locale.ROOT));
        config.put("distribution", distribution.name().toLowerCase(Locale.ROOT));
        config.put("seed", null);
        return new InitializerConfig("VarianceScaling", config);
    }

    @Override
    public float[] initialize(long[] shape, Random random) {
        double variance = variance(shape);
        float[] values = new float[Math.toIntExact(Layer.product(shape))];
        switch (distribution) {
            case TRUNCATED_NORMAL -> {
                double stddev = Math.sqrt(variance) / TRUNCATION_CORRECTION;
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (stddev * Initializers.truncatedGaussian(random));
                }
            }
            case UNTRUNCATED_NORMAL -> {
                double stddev = Math.sqrt(variance);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (stddev * random.nextGaussian());
                }
            }
            case UNIFORM -> {
                double limit = Math.sqrt(3 * variance);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextDouble() * 2 * limit - limit);
                }
            }
        }
        return values;
    }
}
