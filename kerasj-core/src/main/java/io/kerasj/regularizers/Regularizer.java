package io.kerasj.regularizers;

import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code keras.regularizers.Regularizer}: a function of a weight's value (or a layer's output) to a scalar
 * penalty that training adds to the loss. A layer takes one per weight ({@code kernel_regularizer},
 * {@code bias_regularizer}) and one for its output ({@code activity_regularizer}, divided by the batch size).
 *
 * <p>A custom regularizer implements {@link #call}; to be saved in a {@code .keras} or {@code .h5} file it also
 * names its Keras class and config.
 */
public interface Regularizer {

    /**
     * Keras's {@code __call__}.
     *
     * @param tf the graph's ops
     * @param x a weight's value or a layer's output
     * @return the penalty, a float32 scalar
     */
    Operand<TFloat32> call(Ops tf, Operand<TFloat32> x);

    /** @return Keras's class name ({@code L2}), which a saved config records */
    String className();

    /** @return Keras's {@code get_config()}: the arguments by Keras name, in Keras's order */
    Map<String, Object> config();

    /**
     * Keras's {@code keras.regularizers.get(name)}: a class name ({@code L2}) or its snake-case form ({@code l2},
     * {@code l1l2}, {@code orthogonal_regularizer}), with the class's defaults ({@code l1}, {@code l2}: 0.01; Keras's
     * {@code l1l2} gives {@code L1L2()}, whose factors are both 0).
     *
     * @param name a Keras regularizer name
     * @return the regularizer with Keras's defaults
     * @throws IllegalArgumentException for an unknown name
     */
    static Regularizer of(String name) {
        return switch (name == null ? "" : name) {
            case "L1", "l1" -> new L1();
            case "L2", "l2" -> new L2();
            case "L1L2", "l1l2" -> new L1L2(0, 0);
            case "OrthogonalRegularizer", "orthogonal_regularizer" -> new OrthogonalRegularizer();
            default -> throw new IllegalArgumentException("regularizer: expected one of l1, l2, l1l2, orthogonal_regularizer "
                    + "(or L1, L2, L1L2, OrthogonalRegularizer), found '" + name + "'");
        };
    }

    /**
     * Keras's {@code deserialize}: a regularizer from its class name and config, as a saved model records it (Keras
     * 3's {@code L2} with {@code {"l2": 0.01}}, Keras 2's {@code L1L2} with {@code l1} and {@code l2}).
     *
     * @param className Keras's class name
     * @param config its arguments; a missing one takes Keras's default
     * @return the regularizer
     * @throws IllegalArgumentException for an unknown class or an invalid argument
     */
    static Regularizer fromConfig(String className, Map<String, ?> config) {
        return switch (className) {
            case "L1" -> new L1(number(config, "l1", 0.01));
            case "L2" -> new L2(number(config, "l2", 0.01));
            case "L1L2" -> new L1L2(number(config, "l1", 0), number(config, "l2", 0));
            case "OrthogonalRegularizer" -> new OrthogonalRegularizer(number(config, "factor", 0.01),
                    String.valueOf(config.containsKey("mode") ? config.get("mode") : "rows"));
            default -> throw new IllegalArgumentException("regularizer: KerasJ knows L1, L2, L1L2 and OrthogonalRegularizer, found '"
                    + className + "'");
        };
    }

    /**
     * Keras's {@code validate_float_arg}.
     *
     * @param name the argument's Keras name
     * @param value its value
     * @return the value
     * @throws IllegalArgumentException unless it is a finite number at least 0
     */
    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Invalid value for argument " + name + ": expected a non-negative float. Received: "
                    + name + "=" + value);
        }
        return value;
    }

    private static double number(Map<String, ?> config, String key, double fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("regularizer " + key.toLowerCase(Locale.ROOT) + ": expected a number, found " + value);
    }
}
