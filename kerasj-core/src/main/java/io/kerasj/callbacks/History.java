package io.kerasj.callbacks;

import io.kerasj.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the metrics of every epoch, as Keras's {@code History} callback; {@code fit} returns it.
 *
 * <p>As in Keras, {@link #history()} keeps growing across several {@code fit} calls on the same instance (so a
 * resumed run continues its curves), while {@link #epoch()} is reset at each {@code onTrainBegin}. Metric names
 * keep the order in which the logs first gave them ({@code loss, accuracy, val_loss, val_accuracy}).
 *
 * <p>JSON: {@link #toJson()} has the shape of Python's {@code json.dumps(history.history)}
 * ({@code {"loss":[...],"accuracy":[...],...}}); {@link #toFullJson()} adds the epochs and params as
 * {@code {"epoch":[...],"params":{...},"history":{...}}}. {@link #fromJson(String)} reads either shape.
 */
public final class History implements Callback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Integer> epoch = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, List<Double>> history = new LinkedHashMap<>();

    /** Creates an empty history. */
    public History() {
    }

    /** @return the zero-based indices of the epochs recorded since the last {@code onTrainBegin}, read-only */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epoch);
    }

    /** @return the params of the last {@code setParams} ({@code verbose}, {@code epochs}, {@code steps}), read-only */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /**
     * @return a copy of the metrics: each name maps to one value per recorded epoch, in the order the logs first
     *         gave the names
     */
    public LinkedHashMap<String, List<Double>> history() {
        LinkedHashMap<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return copy;
    }

    /** {@inheritDoc} Keeps a copy of the params. */
    @Override
    public void setParams(Map<String, Object> params) {
        this.params.clear();
        if (params != null) {
            this.params.putAll(params);
        }
    }

    /** {@inheritDoc} Clears {@link #epoch()} (not {@link #history()}), as Keras does. */
    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        epoch.clear();
    }

    /** {@inheritDoc} Appends the epoch index and every value of {@code logs}. */
    @Override
    public void onEpochEnd(int epochIndex, Map<String, Double> logs) {
        epoch.add(epochIndex);
        if (logs != null) {
            logs.forEach((name, value) -> history.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        }
    }

    /** @return {@code {"loss":[...],"accuracy":[...],...}}, the shape of Python's {@code history.history} */
    public String toJson() {
        return write(historyNode());
    }

    /** @return {@code {"epoch":[...],"params":{...},"history":{...}}} */
    public String toFullJson() {
        ObjectNode root = JSON.createObjectNode();
        root.set("epoch", JSON.valueToTree(epoch));
        root.set("params", JSON.valueToTree(params));
        root.set("history", historyNode());
        return write(root);
    }

    /**
     * Writes {@link #toJson()} to a file through a temporary file in the same directory and an atomic rename, so
     * a reader never sees half a file.
     *
     * @param file the target; its parent directories are created
     * @throws UncheckedIOException if writing fails
     */
    public void writeJson(Path file) {
        writeAtomically(file, toJson());
    }

    /**
     * Writes {@link #toFullJson()} to a file, atomically as {@link #writeJson(Path)}.
     *
     * @param file the target; its parent directories are created
     * @throws UncheckedIOException if writing fails
     */
    public void writeFullJson(Path file) {
        writeAtomically(file, toFullJson());
    }

    /**
     * Rebuilds a history from either JSON shape, e.g. to resume training and keep the curves going.
     * For the plain {@code history.history} shape, {@link #epoch()} becomes {@code 0..n-1} and {@link #params()}
     * is empty.
     *
     * @param json the text of {@link #toJson()} or {@link #toFullJson()}
     * @return a new history
     * @throws IllegalArgumentException if the text is not one of those shapes
     */
    public static History fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected History JSON, found unparsable text: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
        }
        History result = new History();
        boolean full = root.has("history") && root.get("history").isObject();
        JsonNode metrics = full ? root.get("history") : root;
        int epochs = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isArray()) {
                throw new IllegalArgumentException("expected a list of numbers for \"" + entry.getKey() + "\", found "
                        + entry.getValue().getNodeType());
            }
            List<Double> values = new ArrayList<>();
            for (JsonNode value : entry.getValue()) {
                values.add(number(entry.getKey(), value));
            }
            result.history.put(entry.getKey(), values);
            epochs = Math.max(epochs, values.size());
        }
        if (full && root.has("epoch")) {
            for (JsonNode e : root.get("epoch")) {
                result.epoch.add(e.asInt());
            }
        } else {
            for (int i = 0; i < epochs; i++) {
                result.epoch.add(i);
            }
        }
        if (full && root.has("params") && root.get("params").isObject()) {
            result.params.putAll(JSON.convertValue(root.get("params"), Map.class));
        }
        return result;
    }

    /**
     * Reads a file written by {@link #writeJson(Path)} or {@link #writeFullJson(Path)}.
     *
     * @param file the JSON file
     * @return a new history
     * @throws UncheckedIOException if reading fails
     * @throws IllegalArgumentException if the content is not a history
     */
    public static History read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read history " + file, e);
        }
    }

    private static double number(String name, JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) { // Jackson writes NaN and Infinity as strings
            try {
                return Double.parseDouble(value.textValue());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw new IllegalArgumentException("expected a number in \"" + name + "\", found " + value);
    }

    private ObjectNode historyNode() {
        ObjectNode node = JSON.createObjectNode();
        history.forEach((name, values) -> node.set(name, JSON.valueToTree(values)));
        return node;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise history: " + e.getOriginalMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write history to " + file, e);
        }
    }
}
