package io.kerasj.saving;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Keras's {@code object_registration}: {@code register_keras_serializable(package, name)} puts a class or a function
 * under the key {@code "package>name"}, which a saved config names as its {@code registered_name}; loading finds it by
 * that key. A class registers with the factory that rebuilds an instance from its config (Keras's
 * {@code from_config}); a function (an activation, a loss) registers as the instance itself.
 *
 * <p>Only what is registered loads from a file: the name in a file selects among objects the program registered, and
 * never loads code. Jars register their objects through {@link CustomObjects}.
 */
public final class ObjectRegistration {
    /** Keras's default {@code package}. */
    public static final String DEFAULT_PACKAGE = "Custom";
    private static final Pattern PART = Pattern.compile("[^>\\s\\p{Cntrl}]{1,200}");
    private static final Map<String, Registered> BY_NAME = new HashMap<>();
    private static final Map<Object, String> NAMES = new IdentityHashMap<>();
    private static boolean providersLoaded;

    private ObjectRegistration() {
    }

    /**
     * One registered object.
     *
     * @param registeredName its key, {@code "package>name"}
     * @param type the registered class (a function's own class for a function)
     * @param fromConfig how an instance is rebuilt from its config, or null for a function
     * @param function the registered function instance, or null for a class
     */
    public record Registered(String registeredName, Class<?> type, Function<Config, ?> fromConfig, Object function) {

        /** @return true for a function registered as an instance */
        public boolean isFunction() {
            return function != null;
        }

        /** @return the package part of the registered name (before {@code >}) */
        public String packageName() {
            return registeredName.substring(0, registeredName.indexOf('>'));
        }

        /** @return the name part of the registered name (after {@code >}) */
        public String name() {
            return registeredName.substring(registeredName.indexOf('>') + 1);
        }
    }

    /**
     * Keras's {@code @register_keras_serializable()} with its default package, {@code "Custom"}, and the class's
     * simple name.
     *
     * @param type the class
     * @param fromConfig Keras's {@code from_config}
     * @param <T> the class's type
     * @return the registered name, {@code "Custom>SimpleName"}
     */
    public static <T> String registerKerasSerializable(Class<T> type, Function<Config, ? extends T> fromConfig) {
        return registerKerasSerializable(DEFAULT_PACKAGE, null, type, fromConfig);
    }

    /**
     * Keras's {@code @register_keras_serializable(package, name)} on a class.
     *
     * @param packageName Keras's {@code package} ({@code "Custom"} in Keras by default)
     * @param name the name within the package, or null for the class's simple name
     * @param type the class
     * @param fromConfig Keras's {@code from_config}: an instance from what its {@code getConfig()} gave
     * @param <T> the class's type
     * @return the registered name, {@code "package>name"}
     * @throws IllegalArgumentException for a malformed package or name
     */
    public static synchronized <T> String registerKerasSerializable(String packageName, String name, Class<T> type,
                                                                    Function<Config, ? extends T> fromConfig) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fromConfig, "fromConfig");
        String key = key(packageName, name == null || name.isEmpty() ? type.getSimpleName() : name);
        put(new Registered(key, type, fromConfig, null), type);
        return key;
    }

    /**
     * Keras's {@code @register_keras_serializable(package, name)} on a function: an activation, a loss or a metric
     * function, registered as the instance the program uses.
     *
     * @param packageName Keras's {@code package}
     * @param name the function's name within the package
     * @param function the instance (a lambda or an object of a functional interface)
     * @return the registered name, {@code "package>name"}
     * @throws IllegalArgumentException for a malformed package or name
     */
    public static synchronized String registerKerasSerializable(String packageName, String name, Object function) {
        Objects.requireNonNull(function, "function");
        String key = key(packageName, Objects.requireNonNull(name, "name"));
        put(new Registered(key, function.getClass(), null, function), function);
        return key;
    }

    /**
     * Keras's {@code get_registered_name}.
     *
     * @param object a registered function instance, a registered class, or an instance of one
     * @return its registered name, if it has one
     */
    public static synchronized Optional<String> getRegisteredName(Object object) {
        loadProviders();
        if (object == null) {
            return Optional.empty();
        }
        String name = NAMES.get(object);
        if (name == null && !(object instanceof Class<?>)) {
            name = NAMES.get(object.getClass());
        }
        return Optional.ofNullable(name);
    }

    /**
     * Keras's {@code get_registered_object}.
     *
     * @param registeredName a key, {@code "package>name"}
     * @return what is registered under it, if anything
     */
    public static synchronized Optional<Registered> getRegisteredObject(String registeredName) {
        if (registeredName != null && registeredName.indexOf('>') < 0) {
            return Optional.empty();
        }
        loadProviders();
        return Optional.ofNullable(registeredName == null ? null : BY_NAME.get(registeredName));
    }

    private static void put(Registered registered, Object identity) {
        Registered previous = BY_NAME.put(registered.registeredName(), registered);
        if (previous != null) {
            NAMES.remove(previous.function() != null ? previous.function() : previous.type());
        }
        NAMES.put(identity, registered.registeredName());
    }

    private static String key(String packageName, String name) {
        for (String part : new String[] {packageName, name}) {
            if (part == null || !PART.matcher(part).matches()) {
                throw new IllegalArgumentException("register_keras_serializable: expected a package and a name of 1 to 200"
                        + " characters without '>', spaces or control characters, found " + (part == null ? "null" : "'" + part + "'"));
            }
        }
        return packageName + ">" + name;
    }

    private static void loadProviders() {
        if (providersLoaded) {
            return;
        }
        providersLoaded = true;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            for (CustomObjects provider : ServiceLoader.load(CustomObjects.class, loader != null ? loader : ObjectRegistration.class.getClassLoader())) {
                provider.register();
            }
        } catch (ServiceConfigurationError | RuntimeException e) {
            throw new IllegalStateException("a CustomObjects provider (META-INF/services/" + CustomObjects.class.getName()
                    + ") failed: " + e.getMessage(), e);
        }
    }
}
