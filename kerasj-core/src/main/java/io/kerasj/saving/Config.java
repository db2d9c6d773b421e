package io.kerasj.saving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Keras config as a custom object's {@code fromConfig} reads it: the JSON object a {@code .keras} file keeps for the
 * object ({@code get_config()}'s dict), with typed getters. Values are {@link String}, {@link Boolean}, {@link Number},
 * {@link List}, nested {@link Map}s or null, as JSON has them.
 */
public final class Config {
    private final Map<String, Object> values;

    private Config(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * @param values a config's entries, e.g. what {@code getConfig()} returned
     * @return an immutable view of a copy of them
     */
    public static Config of(Map<String, ?> values) {
        return new Config(Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values"))));
    }

    /** @return the keys, in the file's order */
    public Set<String> keys() {
        return values.keySet();
    }

    /** @return the entries, read-only */
    public Map<String, Object> toMap() {
        return values;
    }

    /**
     * @param key a key
     * @return true when the config has it (even as null)
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * @param key a key
     * @return its value as JSON has it, or null when absent
     */
    public Object get(String key) {
        return values.get(key);
    }

    /**
     * @param key a key
     * @return its value as a string
     * @throws IllegalArgumentException when absent or not a string
     */
    public String getString(String key) {
        return as(key, String.class, "a string");
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent or null
     * @return its value as a string
     */
    public String getString(String key, String fallback) {
        return values.get(key) == null ? fallback : getString(key);
    }

    /**
     * @param key a key
     * @return its value as a boolean
     * @throws IllegalArgumentException when absent or not a boolean
     */
    public boolean getBoolean(String key) {
        return as(key, Boolean.class, "true or false");
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent or null
     * @return its value as a boolean
     */
    public boolean getBoolean(String key, boolean fallback) {
        return values.get(key) == null ? fallback : getBoolean(key);
    }

    /**
     * @param key a key
     * @return its value as a double
     * @throws IllegalArgumentException when absent or not a number
     */
    public double getDouble(String key) {
        return as(key, Number.class, "a number").doubleValue();
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent or null
     * @return its value as a double
     */
    public double getDouble(String key, double fallback) {
        return values.get(key) == null ? fallback : getDouble(key);
    }

    /**
     * @param key a key
     * @return its value as a float
     * @throws IllegalArgumentException when absent or not a number
     */
    public float getFloat(String key) {
        return (float) getDouble(key);
    }

    /**
     * @param key a key
     * @return its value as an int
     * @throws IllegalArgumentException when absent, not a whole number, or beyond an int
     */
    public int getInt(String key) {
        long value = getLong(key);
        if (value != (int) value) {
            throw new IllegalArgumentException("config '" + key + "': expected an int, found " + value);
        }
        return (int) value;
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent or null
     * @return its value as an int
     */
    public int getInt(String key, int fallback) {
        return values.get(key) == null ? fallback : getInt(key);
    }

    /**
     * @param key a key
     * @return its value as a long
     * @throws IllegalArgumentException when absent or not a whole number
     */
    public long getLong(String key) {
        Number n = as(key, Number.class, "a whole number");
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
                throw new IllegalArgumentException("config '" + key + "': expected a whole number, found " + d);
            }
        }
        return n.longValue();
    }

    /**
     * @param key a key
     * @return its value, a list of whole numbers (a shape, a kernel size), as longs
     * @throws IllegalArgumentException when absent or not such a list
     */
    public long[] getLongArray(String key) {
        List<?> list = as(key, List.class, "a list of whole numbers");
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("config '" + key + "': expected a list of whole numbers, found " + list);
            }
            out[i] = n.longValue();
        }
        return out;
    }

    /**
     * @param key a key
     * @return its value, a list
     * @throws IllegalArgumentException when absent or not a list
     */
    public List<Object> getList(String key) {
        return new ArrayList<>(as(key, List.class, "a list"));
    }

    /**
     * @param key a key
     * @return its value, a nested config (e.g. a sublayer's or an initializer's {@code {"class_name", "config"}})
     * @throws IllegalArgumentException when absent or not an object
     */
    @SuppressWarnings("unchecked")
    public Config getConfig(String key) {
        return Config.of(as(key, Map.class, "an object"));
    }

    private <T> T as(String key, Class<T> type, String what) {
        Object value = values.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("config '" + key + "': expected " + what + ", found "
                    + (value == null ? (values.containsKey(key) ? "null" : "nothing") : value));
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
