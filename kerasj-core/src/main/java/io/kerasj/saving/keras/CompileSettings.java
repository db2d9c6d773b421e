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
        return read(node, java.util.Collections.singletonList(null), List.of(outputShape));
    }

    /**
     * Keras's {@code compile} arguments as Keras writes them: {@code loss} one for all outputs, a list in output order
     * or a dict by output name; {@code loss_weights} null, a list or a dict; {@code metrics} a list (one output), a list
     * per output or a dict by output name.
     *
     * @param node {@code compile_config} or {@code training_config}; null or missing when the model was not compiled
     * @param outputNames the model's output names, in order
     * @param outputShapes each output's per-sample shape ({@code accuracy} resolves by it, as in Keras)
     * @return the settings, null config with a reason when KerasJ lacks them, or null when there are none
     */
    static Result read(JsonNode node, List<String> outputNames, List<long[]> outputShapes) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        int outputs = outputNames.size();
        List<JsonNode> lossNodes = perOutput(node.get("loss"), outputNames, true, "loss", problems);
        List<JsonNode> weightNodes = perOutput(node.get("loss_weights"), outputNames, true, "loss_weights", problems);
        List<JsonNode> metricNodes = outputs == 1 ? java.util.Collections.singletonList(node.get("metrics"))
                : perOutput(node.get("metrics"), outputNames, false, "metrics", problems);
        boolean split = problems.isEmpty();
        List<CompileConfig.OutputConfig> configs = new ArrayList<>();
        if (split) {
            for (int o = 0; o < outputs; o++) {
                JsonNode lossNode = lossNodes.get(o);
                io.kerasj.losses.Loss loss = LossConfigs.read(lossNode, problems);
                long[] shape = outputShapes.get(o);
                List<Metric> metrics = new ArrayList<>();
                if (loss != null) {
                    for (JsonNode m : metricNodes(metricNodes.get(o), problems)) {
                        Metric metric = MetricConfigs.read(m, loss.takesClassIndices(), shape.length == 0 ? 1 : shape[shape.length - 1], problems);
                        if (metric != null && fitsOutput(metric, shape, problems)) {
                            metrics.add(metric);
                        }
                    }
                }
                Double weight = lossWeight(weightNodes.get(o), problems);
                if (loss != null) {
                    configs.add(new CompileConfig.OutputConfig(outputs == 1 ? null : outputNames.get(o), loss,
                            lossNode.isTextual() ? lossNode.asText() : null, weight, metrics));
                }
            }
        }
        JsonNode optimizerNode = node.has("optimizer") ? node.get("optimizer") : node.get("optimizer_config");
        Optimizer optimizer = OptimizerConfigs.read(optimizerNode, problems);
        if (node.has("weighted_metrics") && !node.get("weighted_metrics").isNull()) {
            problems.add("weighted_metrics=" + LayerOptions.shortText(node.get("weighted_metrics")));
        }
        if (problems.isEmpty()) {
            try {
                return new Result(new CompileConfig(configs, optimizer), null);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return new Result(null, String.join(", ", problems));
    }

    /**
     * One entry per output: the value itself for one output (or a list or dict of one), a list's entries in order,
     * a dict's by output name; {@code shared} values (a loss, a loss weight) that are neither apply to every output.
     */
    private static List<JsonNode> perOutput(JsonNode node, List<String> names, boolean shared, String key, List<String> problems) {
        List<JsonNode> out = new ArrayList<>();
        int n = names.size();
        boolean dict = node != null && node.isObject() && !node.has("class_name");
        if (node == null || node.isNull()) {
            names.forEach(name -> out.add(null));
        } else if (node.isArray() && (n > 1 || node.size() == 1 && (node.get(0).isNumber() || key.equals("loss")))) {
            if (node.size() != n) {
                problems.add(key + " lists " + node.size() + " entries for " + n + " outputs " + LayerOptions.shortText(node));
                names.forEach(name -> out.add(null));
            } else {
                node.forEach(out::add);
            }
        } else if (dict && (n > 1 || node.size() == 1)) {
            for (String name : names) {
                JsonNode v = n == 1 && node.size() == 1 ? node.elements().next() : node.get(name);
                if (v == null && key.equals("loss")) {
                    problems.add("loss has no entry for output '" + name + "' " + LayerOptions.shortText(node));
                }
                out.add(v);
            }
            node.fieldNames().forEachRemaining(k -> {
                if (n > 1 && !names.contains(k)) {
                    problems.add(key + " names '" + k + "', which is no output of the model " + names);
                }
            });
        } else if (n == 1 || shared) {
            names.forEach(name -> out.add(node));
        } else {
            problems.add(key + " for " + n + " outputs must be a list per output or a dict by output name, found " + LayerOptions.shortText(node));
            names.forEach(name -> out.add(null));
        }
        return out;
    }

    private static Double lossWeight(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < 0) {
            problems.add("loss_weights entry " + LayerOptions.shortText(node));
            return null;
        }
        return node.asDouble();
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
     * @return Keras 3's {@code compile_config}: for several outputs, {@code loss}, {@code loss_weights} and
     *     {@code metrics} as lists in output order
     */
    static ObjectNode write(CompileConfig config, double learningRate) {
        ObjectNode out = KerasConfigWriter.json().createObjectNode();
        out.set("optimizer", OptimizerConfigs.write(config.optimizer(), learningRate));
        List<CompileConfig.OutputConfig> outputs = config.outputs();
        boolean weighted = outputs.stream().anyMatch(o -> o.lossWeight() != null);
        if (outputs.size() == 1) {
            out.set("loss", LossConfigs.write(config.loss(), config.lossIdentifier()));
        } else {
            ArrayNode losses = out.putArray("loss");
            outputs.forEach(o -> losses.add(LossConfigs.write(o.loss(), o.lossIdentifier())));
        }
        if (weighted) {
            ArrayNode weights = out.putArray("loss_weights");
            outputs.forEach(o -> weights.add(o.lossWeight() == null ? 1.0 : o.lossWeight()));
        } else {
            out.putNull("loss_weights");
        }
        ArrayNode metrics = out.putArray("metrics");
        if (outputs.size() == 1) {
            config.outputMetrics().forEach(m -> metrics.add(MetricConfigs.write(m)));
        } else {
            for (CompileConfig.OutputConfig o : outputs) {
                ArrayNode each = metrics.addArray();
                o.metrics().forEach(m -> each.add(MetricConfigs.write(m)));
            }
        }
        out.putNull("weighted_metrics");
        out.put("run_eagerly", false);
        out.put("steps_per_execution", 1);
        out.put("jit_compile", false);
        return out;
    }
}
