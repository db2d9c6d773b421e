package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.metrics.AUC;
import io.kerasj.metrics.Accuracy;
import io.kerasj.metrics.F1Score;
import io.kerasj.losses.Loss;
import io.kerasj.losses.LossFunction;
import io.kerasj.metrics.MeanMetricWrapper;
import io.kerasj.metrics.StatefulMetric;
import io.kerasj.losses.MeanAbsoluteError;
import io.kerasj.metrics.MeanAbsolutePercentageError;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.metrics.Metric;
import io.kerasj.metrics.Precision;
import io.kerasj.metrics.R2Score;
import io.kerasj.metrics.Recall;
import io.kerasj.metrics.RootMeanSquaredError;
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
        if (CustomObjectFormat.isFunction(node) || CustomObjectFormat.isRegisteredInstance(node)
                || node.path("class_name").asText("").equals("MeanMetricWrapper")) {
            return registered(node, problems);
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
                case "MeanAbsolutePercentageError" -> Metric.ofLoss(or(name, "mean_absolute_percentage_error"),
                        new MeanAbsolutePercentageError());
                case "RootMeanSquaredError" -> new RootMeanSquaredError(or(name, "root_mean_squared_error"));
                case "AUC" -> auc(or(name, "auc"), c);
                case "Precision" -> nothingElse(c, "top_k") ? new Precision(or(name, "precision"), threshold(c), classId(c)) : null;
                case "Recall" -> nothingElse(c, "top_k") ? new Recall(or(name, "recall"), threshold(c), classId(c)) : null;
                case "F1Score" -> new F1Score(or(name, "f1_score"), optionalText(c, "average"), optionalNumber(c, "threshold"));
                case "R2Score" -> new R2Score(or(name, "r2_score"), c.path("class_aggregation").asText("uniform_average"),
                        integer(c, "num_regressors", 0));
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

    /** A registered metric function, a MeanMetricWrapper of one, or an instance of a registered metric class. */
    private static Metric registered(JsonNode node, List<String> problems) {
        if (node.path("class_name").asText("").equals("MeanMetricWrapper")) {
            JsonNode fn = node.path("config").path("fn");
            String name = node.path("config").path("name").asText("");
            if (!CustomObjectFormat.isFunction(fn) || name.isEmpty()) {
                problems.add("metric " + LayerOptions.shortText(node));
                return null;
            }
            return CustomObjectFormat.readOrRecord("metric", fn, () -> CustomObjectFormat.readIfRegistered(fn, LossFunction.class)
                    .<Metric>map(f -> new MeanMetricWrapper(f, name)), problems);
        }
        return CustomObjectFormat.readOrRecord("metric", node, () -> CustomObjectFormat.isFunction(node)
                ? CustomObjectFormat.readIfRegistered(node, LossFunction.class).<Metric>map(MeanMetricWrapper::of)
                : CustomObjectFormat.readIfRegistered(node, Metric.class), problems);
    }

    /** Keras's AUC, refused (null) with what KerasJ's AUC lacks: explicit thresholds, multi_label, label weights. */
    private static Metric auc(String name, JsonNode c) {
        if (!nothingElse(c, "thresholds", "num_labels", "label_weights") || c.path("multi_label").asBoolean(false)) {
            return null;
        }
        return new AUC(name, integer(c, "num_thresholds", 200), c.path("curve").asText("ROC"),
                c.path("summation_method").asText("interpolation"), c.path("from_logits").asBoolean(false));
    }

    /** @return whether each of these arguments is absent or null */
    private static boolean nothingElse(JsonNode c, String... keys) {
        for (String key : keys) {
            if (c.has(key) && !c.get(key).isNull()) {
                return false;
            }
        }
        return true;
    }

    /** Precision's and Recall's {@code thresholds}: null (0.5) or one number; a list of thresholds is refused. */
    private static double threshold(JsonNode c) {
        Double t = optionalNumber(c, "thresholds");
        return t == null ? 0.5 : t;
    }

    private static Integer classId(JsonNode c) {
        return nothingElse(c, "class_id") ? null : integer(c, "class_id", 0);
    }

    private static Double optionalNumber(JsonNode c, String key) {
        if (nothingElse(c, key)) {
            return null;
        }
        if (!c.get(key).isNumber()) {
            throw new IllegalArgumentException(key + ": expected a number or null, found " + LayerOptions.shortText(c.get(key)));
        }
        return c.get(key).asDouble();
    }

    private static String optionalText(JsonNode c, String key) {
        if (nothingElse(c, key)) {
            return null;
        }
        if (!c.get(key).isTextual()) {
            throw new IllegalArgumentException(key + ": expected a string or null, found " + LayerOptions.shortText(c.get(key)));
        }
        return c.get(key).asText();
    }

    private static int integer(JsonNode c, String key, int fallback) {
        if (nothingElse(c, key)) {
            return fallback;
        }
        if (!c.get(key).canConvertToInt() || !c.get(key).isIntegralNumber()) {
            throw new IllegalArgumentException(key + ": expected an integer, found " + LayerOptions.shortText(c.get(key)));
        }
        return c.get(key).asInt();
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
        if (metric.identifier() != null && !metric.identifier().contains(">")) {   // registered names go as objects, as for losses
            return c.textNode(metric.identifier());
        }
        if (metric instanceof MeanMetricWrapper wrapper) {
            ObjectNode fn = CustomObjectFormat.write(wrapper.function(), null, "metric " + metric.name());
            if (wrapper.isBareFunction()) {
                return fn;
            }
            c.put("name", metric.name());
            c.put("dtype", "float32");
            c.set("fn", fn);
            return KerasConfigWriter.object("keras.metrics", "MeanMetricWrapper", c);
        }
        if (metric instanceof StatefulMetric custom) {
            return CustomObjectFormat.write(custom, custom.getConfig(), "metric " + metric.name());
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
        } else if (metric instanceof RootMeanSquaredError) {
            className = "RootMeanSquaredError";
        } else if (metric instanceof AUC auc) {
            className = "AUC";
            c.put("num_thresholds", auc.numThresholds());
            c.put("curve", auc.curve());
            c.put("summation_method", auc.summationMethod());
            c.put("multi_label", false);
            c.putNull("num_labels");
            c.putNull("label_weights");
            c.put("from_logits", auc.fromLogits());
        } else if (metric instanceof Precision p) {
            className = "Precision";
            thresholdCounts(c, p.threshold(), p.classId());
        } else if (metric instanceof Recall r) {
            className = "Recall";
            thresholdCounts(c, r.threshold(), r.classId());
        } else if (metric instanceof F1Score f1) {
            className = "F1Score";
            c.put("average", f1.average());
            c.put("threshold", f1.threshold());
        } else if (metric instanceof R2Score r2) {
            className = "R2Score";
            c.put("class_aggregation", r2.classAggregation());
            c.put("num_regressors", r2.numRegressors());
        } else if (metric instanceof Metric.LossMetric wrapper && lossMetricClass(wrapper.loss()) != null) {
            className = lossMetricClass(wrapper.loss());
        } else {
            return c.textNode(metric.name());
        }
        return KerasConfigWriter.object("keras.metrics", className, c);
    }

    /** Keras's default {@code thresholds} is null, meaning 0.5: written so, as Keras writes a default Precision. */
    private static void thresholdCounts(ObjectNode c, double threshold, Integer classId) {
        if (threshold == 0.5) {
            c.putNull("thresholds");
        } else {
            c.put("thresholds", threshold);
        }
        c.putNull("top_k");
        c.put("class_id", classId);
    }

    private static String lossMetricClass(Loss loss) {
        if (loss instanceof MeanSquaredError) {
            return "MeanSquaredError";
        }
        if (loss instanceof MeanAbsolutePercentageError) {
            return "MeanAbsolutePercentageError";
        }
        return loss instanceof MeanAbsoluteError ? "MeanAbsoluteError" : null;
    }
}
