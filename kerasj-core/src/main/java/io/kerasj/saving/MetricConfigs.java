package io.kerasj.saving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.train.Accuracy;
import io.kerasj.train.Loss;
import io.kerasj.train.MeanAbsoluteError;
import io.kerasj.train.MeanSquaredError;
import io.kerasj.train.Metric;
import java.util.List;

/**
 * KerasJ's metrics in Keras's {@code compile_config}: the identifier a metric was asked by ({@code "mae"}), kept as
 * it is, or a serialized {@code keras.metrics} object ({@code {"class_name": "MeanAbsoluteError", "config":
 * {"name": ..., "dtype": "float32"}}}), as Keras 3's {@code serialize_keras_object} writes them.
 */
final class MetricConfigs {
    private MetricConfigs() {
    }

    /**
     * @param node one metric of {@code compile_config}'s {@code metrics}: a string or a serialized object
     * @param classIndexTargets whether the compiled loss takes class indices ({@code accuracy} resolves by it)
     * @param outputUnits the size of the model's last output axis
     * @param problems where a metric KerasJ lacks is recorded
     * @return the metric, or null with a problem recorded
     */
    static Metric read(JsonNode node, boolean classIndexTargets, long outputUnits, List<String> problems) {
        if (node.isTextual()) {
            try {
                return Metric.of(node.asText(), classIndexTargets, outputUnits);
            } catch (IllegalArgumentException e) {
                problems.add("metric " + LayerOptions.shortText(node));
                return null;
            }
        }
        String className = node.path("class_name").asText("");
        JsonNode c = node.path("config");
        String dtype = c.path("dtype").asText("float32");
        if (!node.isObject() || !c.isObject() || !dtype.equals("float32")) {
            problems.add("metric " + LayerOptions.shortText(node));
            return null;
        }
        String name = c.path("name").asText("");
        try {
            Metric metric = switch (className) {
                case "SparseCategoricalAccuracy" -> new Accuracy.SparseCategorical(or(name, "sparse_categorical_accuracy"));
                case "CategoricalAccuracy" -> new Accuracy.Categorical(or(name, "categorical_accuracy"));
                case "BinaryAccuracy" -> new Accuracy.Binary(or(name, "binary_accuracy"), c.path("threshold").asDouble(0.5));
                case "TopKCategoricalAccuracy" -> new Accuracy.TopKCategorical(or(name, "top_k_categorical_accuracy"),
                        c.path("k").asInt(5));
                case "SparseTopKCategoricalAccuracy" -> c.path("from_sorted_ids").asBoolean(false) ? null
                        : new Accuracy.SparseTopKCategorical(or(name, "sparse_top_k_categorical_accuracy"), c.path("k").asInt(5));
                case "MeanSquaredError" -> Metric.ofLoss(or(name, "mean_squared_error"), new MeanSquaredError());
                case "MeanAbsoluteError" -> Metric.ofLoss(or(name, "mean_absolute_error"), new MeanAbsoluteError());
                default -> null;
            };
            if (metric == null) {
                problems.add("metric " + LayerOptions.shortText(node));
            }
            return metric;
        } catch (IllegalArgumentException e) {
            problems.add("metric " + LayerOptions.shortText(node) + ": " + e.getMessage());
            return null;
        }
    }

    private static String or(String name, String fallback) {
        return name.isEmpty() ? fallback : name;
    }

    /**
     * @param metric a compiled metric
     * @return its identifier when it was asked by one; else Keras's serialized metric object, or its name for a
     *     metric Keras has no class of (Keras then loads the model uncompiled, with a warning, as for any unknown name)
     */
    static JsonNode write(Metric metric) {
        ObjectNode c = KerasConfigWriter.json().createObjectNode();
        if (metric.identifier() != null) {
            return c.textNode(metric.identifier());
        }
        c.put("name", metric.name());
        c.put("dtype", "float32");
        String className;
        if (metric instanceof Accuracy.SparseCategorical) {
            className = "SparseCategoricalAccuracy";
        } else if (metric instanceof Accuracy.Categorical) {
            className = "CategoricalAccuracy";
        } else if (metric instanceof Accuracy.Binary binary) {
            className = "BinaryAccuracy";
            c.put("threshold", binary.threshold());
        } else if (metric instanceof Accuracy.TopKCategorical topK) {
            className = "TopKCategoricalAccuracy";
            c.put("k", topK.k());
        } else if (metric instanceof Accuracy.SparseTopKCategorical topK) {
            className = "SparseTopKCategoricalAccuracy";
            c.put("k", topK.k());
        } else if (metric instanceof Metric.LossMetric wrapper && lossMetricClass(wrapper.loss()) != null) {
            className = lossMetricClass(wrapper.loss());
        } else {
            return c.textNode(metric.name());
        }
        return KerasConfigWriter.object("keras.metrics", className, c);
    }

    private static String lossMetricClass(Loss loss) {
        if (loss instanceof MeanSquaredError) {
            return "MeanSquaredError";
        }
        return loss instanceof MeanAbsoluteError ? "MeanAbsoluteError" : null;
    }
}
