package io.kerasj.initializers;

import io.kerasj.layers.Layer;

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
            + "zeros, ones, random_uniform, random_normal, truncated_normal (and Keras 3's aliases uniform, normal, zero, one)";

    private Initializers() {
    }

    /**
     * @param name a Keras initializer name, or one of Keras 3's aliases {@code uniform} (= {@code random_uniform}),
     *     {@code normal} (= {@code random_normal}), {@code zero}, {@code one}
     * @return the initializer with Keras 3's default arguments
     * @throws IllegalArgumentException for an unknown name
     */
    public static Initializer of(String name) {
        return switch (name == null ? "" : name) {
            case "glorot_uniform" -> new GlorotUniform();
            case "glorot_normal" -> preset("GlorotNormal", 1, VarianceScaling.Mode.FAN_AVG, VarianceScaling.Distribution.TRUNCATED_NORMAL);
            case "he_uniform" -> preset("HeUniform", 2, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.UNIFORM);
            case "he_normal" -> preset("HeNormal", 2, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.TRUNCATED_NORMAL);
            case "lecun_uniform" -> preset("LecunUniform", 1, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.UNIFORM);
            case "lecun_normal" -> preset("LecunNormal", 1, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.TRUNCATED_NORMAL);
            case "zeros", "zero" -> Initializer.ZEROS;
            case "ones", "one" -> new NamedInitializer(new InitializerConfig("Ones", java.util.Map.of()), fill(1));
            case "random_uniform", "uniform" -> randomUniform(-0.05, 0.05);
            case "random_normal", "normal" -> randomNormal(0, 0.05);
            case "truncated_normal" -> truncatedNormal(0, 0.05);
            default -> throw new IllegalArgumentException("initializer: expected one of " + NAMES + ", found '" + name + "'");
        };
    }

    /**
     * The initializer a Keras config names, with its arguments; seeds are not kept (values come from the model's
     * seeded {@link Random}). An initializer KerasJ cannot draw (e.g. {@code Orthogonal}, or arguments it cannot read)
     * is kept as written so that a saved config still says it, and draws zeros: a layer loaded with it gets its
     * values from the file, so an initializer never stops a model from loading.
     *
     * @param keras Keras's class name and config, e.g. {@code LecunNormal} or {@code RandomUniform(minval, maxval)}
     * @return the initializer
     */
    public static Initializer fromConfig(InitializerConfig keras) {
        try {
            return known(keras);
        } catch (IllegalArgumentException | ClassCastException e) {
            return new NamedInitializer(keras, Initializer.ZEROS); // arguments KerasJ cannot read: kept as written
        }
    }

    private static Initializer known(InitializerConfig keras) {
        java.util.Map<String, Object> c = keras.config();
        return switch (keras.className()) {
            case "GlorotUniform" -> new GlorotUniform();
            case "GlorotNormal" -> of("glorot_normal");
            case "HeUniform" -> of("he_uniform");
            case "HeNormal" -> of("he_normal");
            case "LecunUniform" -> of("lecun_uniform");
            case "LecunNormal" -> of("lecun_normal");
            case "Zeros" -> Initializer.ZEROS;
            case "Ones" -> of("ones");
            case "Constant" -> constant(number(c, "value", 0));
            case "RandomUniform" -> randomUniform(number(c, "minval", -0.05), number(c, "maxval", 0.05));
            case "RandomNormal" -> randomNormal(number(c, "mean", 0), number(c, "stddev", 0.05));
            case "TruncatedNormal" -> truncatedNormal(number(c, "mean", 0), number(c, "stddev", 0.05));
            case "VarianceScaling" -> new VarianceScaling(number(c, "scale", 1), String.valueOf(c.getOrDefault("mode", "fan_in")),
                    "normal".equals(c.get("distribution")) ? "truncated_normal" // Keras's alias
                            : String.valueOf(c.getOrDefault("distribution", "truncated_normal")));
            default -> new NamedInitializer(keras, Initializer.ZEROS);
        };
    }

    private static double number(java.util.Map<String, Object> config, String key, double keras) {
        Object value = config.get(key);
        if (value == null) {
            return keras;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("initializer argument " + key + ": expected a number, found '" + value + "'");
    }

    private static Initializer preset(String className, double scale, VarianceScaling.Mode mode, VarianceScaling.Distribution distribution) {
        return new NamedInitializer(InitializerConfig.seeded(className), new VarianceScaling(scale, mode, distribution));
    }

    /**
     * @param value the value of every element
     * @return Keras's {@code Constant(value)}
     */
    public static Initializer constant(double value) {
        return new NamedInitializer(new InitializerConfig("Constant", config("value", value)), fill(value));
    }

    private static Initializer fill(double value) {
        return (shape, random) -> {
            float[] values = new float[Math.toIntExact(Layer.product(shape))];
            Arrays.fill(values, (float) value);
            return values;
        };
    }

    private static java.util.Map<String, Object> config(Object... keysAndValues) {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
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
        return new NamedInitializer(new InitializerConfig("RandomUniform", config("minval", minval, "maxval", maxval, "seed", null)),
                (shape, random) -> draw(shape, () -> minval + random.nextDouble() * (maxval - minval)));
    }

    /**
     * @param mean the mean
     * @param stddev the standard deviation, positive
     * @return Keras's {@code RandomNormal(mean, stddev)} (defaults 0, 0.05)
     */
    public static Initializer randomNormal(double mean, double stddev) {
        requirePositive(stddev);
        return new NamedInitializer(new InitializerConfig("RandomNormal", config("mean", mean, "stddev", stddev, "seed", null)),
                (shape, random) -> draw(shape, () -> mean + stddev * random.nextGaussian()));
    }

    /**
     * @param mean the mean
     * @param stddev the standard deviation of the normal before truncation, positive
     * @return Keras's {@code TruncatedNormal(mean, stddev)}: values beyond two standard deviations are redrawn
     */
    public static Initializer truncatedNormal(double mean, double stddev) {
        requirePositive(stddev);
        return new NamedInitializer(new InitializerConfig("TruncatedNormal", config("mean", mean, "stddev", stddev, "seed", null)),
                (shape, random) -> draw(shape, () -> mean + stddev * truncatedGaussian(random)));
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
