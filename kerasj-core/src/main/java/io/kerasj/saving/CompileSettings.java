package io.kerasj.saving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.model.CompileConfig;
import io.kerasj.train.Adam;
import io.kerasj.train.Optimizer;
import io.kerasj.train.SGD;
import io.kerasj.train.SparseCategoricalCrossentropy;
import java.util.ArrayList;
import java.util.List;

/**
 * Compile settings (loss, optimizer, metrics) read from Keras 3's {@code compile_config} or a legacy {@code .h5}'s
 * {@code training_config}, and written back as Keras 3's {@code compile_config}.
 */
final class CompileSettings {
    private CompileSettings() {
    }

    /** What was read: the settings, or why they cannot be restored. */
    /**
     * The settings read from a file, ready for {@code model.compile(loss, optimizer, metrics)}.
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
        SparseCategoricalCrossentropy loss = loss(node.get("loss"), problems);
        JsonNode optimizerNode = node.has("optimizer") ? node.get("optimizer") : node.get("optimizer_config");
        Optimizer optimizer = optimizer(optimizerNode, problems);
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

    private static SparseCategoricalCrossentropy loss(JsonNode loss, List<String> problems) {
        if (loss != null && loss.isTextual() && loss.asText().equals("sparse_categorical_crossentropy")) {
            return new SparseCategoricalCrossentropy(false);
        }
        if (loss != null && loss.isObject() && loss.path("class_name").asText().equals("SparseCategoricalCrossentropy")) {
            JsonNode c = loss.path("config");
            if (c.path("ignore_class").isNull() || c.path("ignore_class").isMissingNode()) {
                return new SparseCategoricalCrossentropy(c.path("from_logits").asBoolean(false));
            }
        }
        problems.add("loss=" + (loss == null ? "none" : LayerOptions.shortText(loss)));
        return null;
    }

    private static Optimizer optimizer(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add("no optimizer");
            return null;
        }
        if (node.isTextual()) {
            try {
                return Optimizer.of(node.asText());
            } catch (IllegalArgumentException e) {
                problems.add("optimizer=" + LayerOptions.shortText(node));
                return null;
            }
        }
        String className = node.path("class_name").asText("").replaceFirst("^Custom>", "");
        JsonNode c = node.path("config");
        JsonNode lr = c.has("learning_rate") ? c.get("learning_rate") : c.get("lr");
        if (lr != null && !lr.isNumber()) {
            problems.add(className + " learning_rate=" + LayerOptions.shortText(lr));
            return null;
        }
        for (String key : new String[] {"weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "loss_scale_factor",
                "gradient_accumulation_steps"}) {
            if (c.has(key) && !c.get(key).isNull() && !(c.get(key).isNumber() && c.get(key).asDouble() == 0 && key.equals("weight_decay"))) {
                problems.add(className + " " + key + "=" + c.get(key));
            }
        }
        if (c.path("use_ema").asBoolean(false) || c.path("amsgrad").asBoolean(false) || c.path("decay").asDouble(0) != 0) {
            problems.add(className + " with use_ema, amsgrad or decay");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return switch (className) {
            case "SGD" -> new SGD(lr == null ? 0.01 : lr.asDouble(), c.path("momentum").asDouble(0), c.path("nesterov").asBoolean(false));
            case "Adam" -> new Adam(lr == null ? 0.001 : lr.asDouble(), c.path("beta_1").asDouble(0.9), c.path("beta_2").asDouble(0.999),
                    c.path("epsilon").asDouble(1e-7));
            default -> {
                problems.add("optimizer " + className);
                yield null;
            }
        };
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
     * @return Keras 3's {@code compile_config}
     */
    static ObjectNode write(CompileConfig config) {
        ObjectNode out = KerasConfigWriter.json().createObjectNode();
        ObjectNode optimizer = KerasConfigWriter.json().createObjectNode();
        String className;
        if (config.optimizer() instanceof SGD sgd) {
            className = "SGD";
            optimizer.put("name", "SGD");
            optimizer.put("learning_rate", sgd.learningRate());
            optimizer.put("momentum", sgd.momentum());
            optimizer.put("nesterov", sgd.nesterov());
        } else if (config.optimizer() instanceof Adam adam) {
            className = "Adam";
            optimizer.put("name", "adam");
            optimizer.put("learning_rate", adam.learningRate());
            optimizer.put("beta_1", adam.beta1());
            optimizer.put("beta_2", adam.beta2());
            optimizer.put("epsilon", adam.epsilon());
            optimizer.put("amsgrad", false);
        } else {
            throw new IllegalArgumentException("optimizer: expected SGD or Adam, found " + config.optimizer().name());
        }
        out.set("optimizer", KerasConfigWriter.object("keras.optimizers", className, optimizer));
        if (config.loss() instanceof SparseCategoricalCrossentropy sparse && sparse.fromLogits()) {
            ObjectNode loss = KerasConfigWriter.json().createObjectNode();
            loss.put("name", "sparse_categorical_crossentropy");
            loss.put("reduction", "sum_over_batch_size");
            loss.put("from_logits", true);
            loss.putNull("ignore_class");
            out.set("loss", KerasConfigWriter.object("keras.losses", "SparseCategoricalCrossentropy", loss));
        } else if (config.loss() instanceof SparseCategoricalCrossentropy) {
            out.put("loss", "sparse_categorical_crossentropy");
        } else {
            throw new IllegalArgumentException("loss: KerasJ writes sparse_categorical_crossentropy to .keras files, found "
                    + config.loss().name());
        }
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
