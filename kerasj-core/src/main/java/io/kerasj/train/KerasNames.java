package io.kerasj.train;

import java.util.Locale;

/** How Keras's {@code get(identifier)} functions read a name: a class name stands for its snake-case function. */
final class KerasNames {
    private KerasNames() {
    }

    /**
     * Keras's {@code to_snake_case}, then lower case: {@code SparseTopKCategoricalAccuracy} gives
     * {@code sparse_top_k_categorical_accuracy}; a snake-case name is only lower-cased.
     *
     * @param identifier a name, or null
     * @return the key to look it up by ("" for null)
     */
    static String key(String identifier) {
        if (identifier == null) {
            return "";
        }
        String name = identifier.replaceAll("\\W+", "");
        name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
