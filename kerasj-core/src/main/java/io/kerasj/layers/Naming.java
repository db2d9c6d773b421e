package io.kerasj.layers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keras 3's {@code keras.src.utils.naming}: the names Keras gives unnamed layers and models. Each class's
 * snake-case name counts up per thread ({@code dense}, {@code dense_1}, {@code dense_2}, ...; models
 * {@code sequential}, {@code sequential_1}, ...) until {@link #clearSession()}, as Keras's counters live in its
 * thread-local global state until {@code keras.backend.clear_session()}.
 */
public final class Naming {
    private static final ThreadLocal<Map<String, Integer>> UIDS = ThreadLocal.withInitial(HashMap::new);

    private Naming() {
    }

    /**
     * Keras's {@code clear_session()} as far as names go: the next unnamed model is {@code sequential} again and
     * its layers {@code dense}, {@code dense_1}, ... (this thread's counters start over).
     */
    public static void clearSession() {
        UIDS.remove();
    }

    /**
     * Keras's {@code auto_name(prefix)}: {@link #uniquify} of the snake-case class name.
     *
     * @param className a class name, e.g. {@code MaxPooling2D}
     * @return e.g. {@code max_pooling2d}, then {@code max_pooling2d_1}, ...
     */
    public static String autoName(String className) {
        return uniquify(snakeCase(className));
    }

    /**
     * Keras's {@code uniquify(name)}: the name the first time in this session, then {@code name_1}, {@code name_2}.
     *
     * @param name a base name
     * @return a name not given before by this method in this session
     */
    public static String uniquify(String name) {
        int seen = UIDS.get().merge(name, 1, Integer::sum) - 1;
        return seen == 0 ? name : name + "_" + seen;
    }

    /**
     * Keras's {@code to_snake_case}: {@code MaxPooling2D} gives {@code max_pooling2d}, {@code Conv2D} gives
     * {@code conv2d}, {@code SparseTopKCategoricalAccuracy} gives {@code sparse_top_k_categorical_accuracy}; a
     * snake-case name is only lower-cased.
     *
     * @param name a name, or null
     * @return its snake case ("" for null)
     */
    public static String snakeCase(String name) {
        if (name == null) {
            return "";
        }
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
