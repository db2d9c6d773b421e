package io.kerasj.saving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keras's {@code serialize_keras_object} and {@code deserialize_keras_object} for registered objects (custom layers,
 * activations, losses, metrics): the entry {@code {"module", "class_name", "config", "registered_name"}} a saved
 * config holds for one, as plain maps (a format converts them to and from its JSON).
 *
 * <p>A registered class is written as Keras writes a custom class: {@code module} is the Java package (Keras writes
 * the Python module, which it only reads for its own classes: a registered object is found by its
 * {@code registered_name} first), {@code class_name} the class's simple name, {@code config} what the object's
 * config is, {@code registered_name} {@code "package>name"}. A registered function is written as Keras writes one:
 * {@code class_name} {@code "function"} and its registered name as both {@code config} and {@code registered_name}.
 *
 * <p>Reading looks the object up as Keras does ({@code registered_name}, else {@code class_name} when the entry has no
 * {@code registered_name}, as Keras 2 files name custom classes {@code "package>name"}; a function by its
 * {@code config}) among what the program registered: no class is ever loaded by a name a file gives.
 */
public final class RegisteredObjects {
    /** The {@code class_name} Keras writes for a function. */
    public static final String FUNCTION = "function";

    private RegisteredObjects() {
    }

    /**
     * @param object a registered function instance, or an instance of a registered class
     * @param config the object's config (a class's {@code getConfig()}); ignored for a function
     * @return Keras's entry for it: {@code module}, {@code class_name}, {@code config}, {@code registered_name}
     * @throws IllegalArgumentException when neither the object nor its class is registered
     */
    public static Map<String, Object> serialize(Object object, Map<String, ?> config) {
        Objects.requireNonNull(object, "object");
        Optional<ObjectRegistration.Registered> found = ObjectRegistration.getRegisteredName(object)
                .flatMap(ObjectRegistration::getRegisteredObject);
        if (found.isEmpty()) {
            throw new IllegalArgumentException(describe(object) + " is not registered: register it with"
                    + " ObjectRegistration.registerKerasSerializable (Keras's register_keras_serializable) to save it");
        }
        ObjectRegistration.Registered registered = found.get();
        Map<String, Object> entry = new LinkedHashMap<>();
        if (registered.isFunction()) {
            entry.put("module", packageOf(registered.type()));
            entry.put("class_name", FUNCTION);
            entry.put("config", registered.registeredName());
        } else {
            entry.put("module", packageOf(registered.type()));
            entry.put("class_name", className(registered));
            entry.put("config", config == null ? new LinkedHashMap<>() : new LinkedHashMap<>(config));
        }
        entry.put("registered_name", registered.registeredName());
        return entry;
    }

    /**
     * Keras's lookup of a serialized object ({@code _retrieve_class_or_fn}), without making it.
     *
     * @param entry a serialized object: {@code class_name}, {@code config}, and {@code module}, {@code registered_name}
     *     when the file has them
     * @return what the program registered under the entry's name, if anything
     */
    public static Optional<ObjectRegistration.Registered> lookup(Map<String, ?> entry) {
        Object className = entry.get("class_name");
        if (FUNCTION.equals(className) && entry.get("config") instanceof String name) {
            Optional<ObjectRegistration.Registered> function = ObjectRegistration.getRegisteredObject(name);
            if (function.isPresent()) {
                return function;
            }
        }
        Object key = entry.containsKey("registered_name") ? entry.get("registered_name") : className;
        return key instanceof String name ? ObjectRegistration.getRegisteredObject(name) : Optional.empty();
    }

    /**
     * Keras's {@code deserialize_keras_object} for a registered object.
     *
     * @param entry a serialized object (see {@link #lookup})
     * @param type what the object must be (e.g. {@code Layer.class})
     * @param <T> its type
     * @return the registered function, or a new instance made by the registered class's {@code fromConfig}
     * @throws IllegalArgumentException when nothing is registered under the entry's name, it is not a {@code type},
     *     or its {@code fromConfig} refuses the config
     */
    public static <T> T deserialize(Map<String, ?> entry, Class<T> type) {
        ObjectRegistration.Registered registered = lookup(entry).orElseThrow(() -> new IllegalArgumentException(
                describeEntry(entry) + " is not registered: KerasJ loads no class a file names; register it with"
                        + " ObjectRegistration.registerKerasSerializable (or a CustomObjects provider) before loading"));
        if (registered.isFunction()) {
            if (!type.isInstance(registered.function())) {
                throw new IllegalArgumentException(registered.registeredName() + " is registered as a "
                        + registered.type().getName() + ", expected a " + type.getSimpleName());
            }
            return type.cast(registered.function());
        }
        if (!type.isAssignableFrom(registered.type())) {
            throw new IllegalArgumentException(registered.registeredName() + " is registered as " + registered.type().getName()
                    + ", expected a " + type.getSimpleName());
        }
        Object config = entry.get("config");
        if (config != null && !(config instanceof Map)) {
            throw new IllegalArgumentException(describeEntry(entry) + ": expected its config to be an object, found " + config);
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> values = config == null ? Map.of() : (Map<String, ?>) config;
        Object made = registered.fromConfig().apply(Config.of(values));
        if (!type.isInstance(made) || !registered.type().isInstance(made)) {
            throw new IllegalArgumentException("the fromConfig of " + registered.registeredName() + " returned "
                    + (made == null ? "null" : "a " + made.getClass().getName()) + ", expected a " + registered.type().getName());
        }
        return type.cast(made);
    }

    /**
     * @param registered a registered class
     * @return the {@code class_name} Keras writes for it: the class's simple name (Keras's {@code __class__.__name__}),
     *     or the registered name's part for a class without one
     */
    public static String className(ObjectRegistration.Registered registered) {
        String simple = registered.type().getSimpleName();
        return simple.isEmpty() ? registered.name() : simple;
    }

    /**
     * Checks that a config holds only what JSON holds, as {@code getConfig()} must return.
     *
     * @param where what the config belongs to, for messages
     * @param config the config
     * @throws IllegalArgumentException naming the first value of another type
     */
    public static void checkJsonValues(String where, Map<String, ?> config) {
        check(where, config, 0);
    }

    private static void check(String where, Object value, int depth) {
        if (depth > 32) {
            throw new IllegalArgumentException(where + ": the config nests deeper than 32 levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
                throw new IllegalArgumentException(where + ": the config holds " + value + ", which JSON cannot hold");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException(where + ": the config has the key " + e.getKey() + ", expected strings");
                }
                check(where + " '" + e.getKey() + "'", e.getValue(), depth + 1);
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (Object v : list) {
                check(where, v, depth + 1);
            }
            return;
        }
        if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
            return;
        }
        throw new IllegalArgumentException(where + ": the config holds a " + value.getClass().getName()
                + ", expected strings, numbers, booleans, lists, maps or null, as JSON holds");
    }

    private static String packageOf(Class<?> type) {
        return type.getPackageName();
    }

    private static String describe(Object object) {
        return object instanceof Class<?> c ? "class " + c.getName() : "the " + object.getClass().getName();
    }

    private static String describeEntry(Map<String, ?> entry) {
        Object registered = entry.get("registered_name");
        Object className = entry.get("class_name");
        Object module = entry.get("module");
        String name = registered instanceof String r ? r : FUNCTION.equals(className) ? String.valueOf(entry.get("config")) : String.valueOf(className);
        return "custom " + (FUNCTION.equals(className) ? "function" : "class") + " " + name
                + (module instanceof String m && !m.isEmpty() ? " (module " + m + ")" : "");
    }
}
