package io.kerasj.constraints;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code keras.constraints.Constraint}: a projection of a weight's value that training applies right after
 * each optimizer update ({@code kernel_constraint}, {@code bias_constraint}).
 *
 * <p>A custom constraint implements {@link #call}; to be saved in a {@code .keras} or {@code .h5} file it also names
 * its Keras class and config.
 */
public interface Constraint {

    /**
     * Keras's {@code __call__}.
     *
     * @param tf the graph's ops
     * @param w a weight's new value
     * @return the projected value, of the same shape
     */
    Operand<TFloat32> call(Ops tf, Operand<TFloat32> w);

    /** @return Keras's class name ({@code MaxNorm}), which a saved config records */
    String className();

    /** @return Keras's {@code get_config()}: the arguments by Keras name, in Keras's order */
    Map<String, Object> config();

    /**
     * Keras's {@code keras.constraints.get(name)}: a class name ({@code MaxNorm}) or its snake-case form
     * ({@code max_norm}, {@code min_max_norm}, {@code non_neg}, {@code unit_norm}), with the class's defaults.
     *
     * @param name a Keras constraint name
     * @return the constraint with Keras's defaults
     * @throws IllegalArgumentException for an unknown name
     */
    static Constraint of(String name) {
        return switch (name == null ? "" : name) {
            case "MaxNorm", "max_norm" -> new MaxNorm();
            case "MinMaxNorm", "min_max_norm" -> new MinMaxNorm();
            case "NonNeg", "non_neg" -> new NonNeg();
            case "UnitNorm", "unit_norm" -> new UnitNorm();
            default -> throw new IllegalArgumentException("constraint: expected one of max_norm, min_max_norm, non_neg, unit_norm "
                    + "(or MaxNorm, MinMaxNorm, NonNeg, UnitNorm), found '" + name + "'");
        };
    }

    /**
     * Keras's {@code deserialize}: a constraint from its class name and config, as a saved model records it.
     *
     * @param className Keras's class name
     * @param config its arguments; a missing one takes Keras's default
     * @return the constraint
     * @throws IllegalArgumentException for an unknown class or an invalid argument
     */
    static Constraint fromConfig(String className, Map<String, ?> config) {
        return switch (className) {
            case "MaxNorm" -> new MaxNorm(number(config, "max_value", 2), axes(config));
            case "MinMaxNorm" -> new MinMaxNorm(number(config, "min_value", 0), number(config, "max_value", 1),
                    number(config, "rate", 1), axes(config));
            case "NonNeg" -> new NonNeg();
            case "UnitNorm" -> new UnitNorm(axes(config));
            default -> throw new IllegalArgumentException("constraint: KerasJ knows MaxNorm, MinMaxNorm, NonNeg and UnitNorm, found '"
                    + className + "'");
        };
    }

    private static double number(Map<String, ?> config, String key, double fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("constraint " + key + ": expected a number, found " + value);
    }

    private static int[] axes(Map<String, ?> config) {
        Object value = config.get("axis");
        if (value == null) {
            return new int[] {0};
        }
        if (value instanceof Number n && n.doubleValue() == n.intValue()) {
            return new int[] {n.intValue()};
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.size() <= 8) {
            int[] axes = new int[list.size()];
            for (int i = 0; i < axes.length; i++) {
                if (!(list.get(i) instanceof Number n) || n.doubleValue() != n.intValue()) {
                    throw new IllegalArgumentException("constraint axis: expected integers, found " + value);
                }
                axes[i] = n.intValue();
            }
            return axes;
        }
        throw new IllegalArgumentException("constraint axis: expected an integer or a list of up to 8, found " + value);
    }
}
