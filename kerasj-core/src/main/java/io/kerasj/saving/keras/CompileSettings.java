package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.engine.CompileConfig;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Compile settings (loss, optimizer, metrics) read from Keras 3's {@code compile_config} or a legacy {@code .h5}'s
 * {@code training_config}, and written back as Keras 3's {@code compile_config}.
 */
final class CompileSettings {
    private CompileSettings() {
    }

    record Result(CompileConfig config, String unsupported) {
    }

    /**
     * @param node {@code compile_config} or {@code training_config}; null or missing when the model was not compiled
     * @param outputShape the model's per-sample output shape ({@code accuracy} resolves by it, as in Keras)
     * @return the settings, null config with a reason when KerasJ lacks them, or null when there are none
     */
    static Result read(JsonNode node, long[] outputShape) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        JsonNode lossNode = node.get("loss");
        io.kerasj.losses.Loss loss = LossConfigs.read(lossNode, problems);
        JsonNode optimizerNode = node.has("optimizer") ? node.get("optimizer") : node.get("optimizer_config");
        Optimizer optimizer = OptimizerConfigs.read(optimizerNode, problems);
        List<Metric> metrics = new ArrayList<>();
        if (loss != null) {
            for (JsonNode m : metricNodes(node.get("metrics"), problems)) {
                Metric metric = MetricConfigs.read(m, loss.takesClassIndices(), outputShape[outputShape.length - 1], problems);
                if (metric != null && fitsOutput(metric, outputShape, problems)) {
                    metrics.add(metric);
                }
            }
        }
        for (String key : new String[] {"loss_weights", "weighted_metrics"}) {
            if (node.has(key) && !node.get(key).isNull()) {
                problems.add(key + "=" + LayerOptions.shortText(node.get(key)));
            }
        }
        if (problems.isEmpty()) {
            try {
                String lossIdentifier = lossNode.isTextual() ? lossNode.asText() : null;
                return new Result(new CompileConfig(loss, optimizer, metrics, lossIdentifier), null);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return new Result(null, String.join(", ", problems));
    }

    /** A metric the model's output cannot feed (F1Score average=None on several units) is a problem here, not at fit. */
    private static boolean fitsOutput(Metric metric, long[] outputShape, List<String> problems) {
        try {
            metric.stateSize(outputShape);
            return true;
        } catch (IllegalArgumentException e) {
            problems.add("metric " + e.getMessage());
            return false;
        }
    }

    /**
     * Keras's {@code metrics}: a list, nested per output ({@code [["mae"]]}), or a dict by output name; a
     * Sequential model has one output, so one list or one entry.
     */
    private static List<JsonNode> metricNodes(JsonNode node, List<String> problems) {
        List<JsonNode> flat = new ArrayList<>();
        if (node == null || node.isNull()) {
            return flat;
        }
        if (node.isObject() && !node.has("class_name")) {
            if (node.size() != 1) {
                problems.add("metrics for " + node.size() + " outputs " + LayerOptions.shortText(node));
                return flat;
            }
            node = node.elements().next();
        }
        flatten(node, flat);
        return flat;
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
        out.set("loss", LossConfigs.write(config.loss(), config.lossIdentifier()));
        out.putNull("loss_weights");
        ArrayNode metrics = out.putArray("metrics");
        config.metrics().forEach(m -> metrics.add(MetricConfigs.write(m)));
        out.putNull("weighted_metrics");
        out.put("run_eagerly", false);
        out.put("steps_per_execution", 1);
        out.put("jit_compile", false);
        return out;
    }
}
