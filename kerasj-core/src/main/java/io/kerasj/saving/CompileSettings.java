package io.kerasj.saving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.model.CompileConfig;
import io.kerasj.train.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Compile settings (loss, optimizer, metrics) read from Keras 3's {@code compile_config} or a legacy {@code .h5}'s
 * {@code training_config}, and written back as Keras 3's {@code compile_config}.
 */
final class CompileSettings {
    private CompileSettings() {
    }

    /**
     * The settings read from a file, ready for {@code model.compile(CompileOptions)}.
     *
     * @param loss the loss
     * @param optimizer the optimizer
     * @param metrics metric names, resolved by {@code compile} as Keras resolves them
     */
    record Settings(io.kerasj.train.Loss loss, Optimizer optimizer, List<String> metrics) {
    }

    record Result(Settings config, String unsupported) {
    }

    /**
     * @param node {@code compile_config} or {@code training_config}; null or missing when the model was not compiled
     * @return the settings, null config with a reason when KerasJ lacks them, or null when there are none
     */
    static Result read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        io.kerasj.train.Loss loss = LossConfigs.read(node.get("loss"), problems);
        JsonNode optimizerNode = node.has("optimizer") ? node.get("optimizer") : node.get("optimizer_config");
        Optimizer optimizer = OptimizerConfigs.read(optimizerNode, problems);
        List<String> metrics = metrics(node.get("metrics"), problems);
        for (String key : new String[] {"loss_weights", "weighted_metrics"}) {
            if (node.has(key) && !node.get(key).isNull()) {
                problems.add(key + "=" + LayerOptions.shortText(node.get(key)));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, String.join(", ", problems));
        }
        return new Result(new Settings(loss, optimizer, metrics), null);
    }

    private static List<String> metrics(JsonNode node, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        List<JsonNode> flat = new ArrayList<>();
        flatten(node, flat);
        for (JsonNode m : flat) {
            String name = m.isTextual() ? m.asText() : m.path("class_name").asText(m.path("config").path("name").asText(""));
            switch (name) {
                case "accuracy", "acc", "sparse_categorical_accuracy", "SparseCategoricalAccuracy" -> {
                    if (out.isEmpty()) {
                        out.add("accuracy");
                    }
                }
                default -> problems.add("metric " + LayerOptions.shortText(m));
            }
        }
        return out;
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else if (!node.isNull()) {
            out.add(node);
        }
    }

    /**
     * @param config what {@code compile} fixed
     * @param learningRate the optimizer's current learning rate
     * @return Keras 3's {@code compile_config}
     */
    static ObjectNode write(CompileConfig config, double learningRate) {
        ObjectNode out = KerasConfigWriter.json().createObjectNode();
        out.set("optimizer", OptimizerConfigs.write(config.optimizer(), learningRate));
        out.set("loss", LossConfigs.write(config.loss()));
        out.putNull("loss_weights");
        ArrayNode metrics = out.putArray("metrics");
        config.metricNames().forEach(metrics::add);
        out.putNull("weighted_metrics");
        out.put("run_eagerly", false);
        out.put("steps_per_execution", 1);
        out.put("jit_compile", false);
        return out;
    }
}
