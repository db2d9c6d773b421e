package io.kerasj.saving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.train.BinaryCrossentropy;
import io.kerasj.train.CategoricalCrossentropy;
import io.kerasj.train.Huber;
import io.kerasj.train.Loss;
import io.kerasj.train.MeanAbsoluteError;
import io.kerasj.train.MeanSquaredError;
import io.kerasj.train.SparseCategoricalCrossentropy;
import java.util.List;

/** KerasJ's losses in Keras's {@code compile_config}: a name ({@code "mse"}) or a serialized {@code keras.losses} object. */
final class LossConfigs {
    private LossConfigs() {
    }

    /**
     * @param loss {@code compile_config}'s {@code loss}: a name or a serialized object
     * @param problems where a loss KerasJ lacks is recorded
     * @return the loss, or null with a problem recorded
     */
    static Loss read(JsonNode loss, List<String> problems) {
        if (loss != null && loss.isTextual()) {
            try {
                return lossOf(loss.asText());
            } catch (IllegalArgumentException e) {
                problems.add("loss=" + LayerOptions.shortText(loss));
                return null;
            }
        }
        if (loss == null || !loss.isObject()) {
            problems.add("loss=" + (loss == null ? "none" : LayerOptions.shortText(loss)));
            return null;
        }
        String className = loss.path("class_name").asText("");
        JsonNode c = loss.path("config");
        boolean logits = c.path("from_logits").asBoolean(false);
        double smoothing = c.path("label_smoothing").asDouble(0);
        int before = problems.size();
        if (c.has("axis") && c.path("axis").asInt(-1) != -1) {
            problems.add(className + " axis=" + c.get("axis"));
        }
        if (c.has("ignore_class") && !c.get("ignore_class").isNull()) {
            problems.add(className + " ignore_class=" + c.get("ignore_class"));
        }
        if (smoothing != 0 && !className.equals("BinaryCrossentropy")) {
            problems.add(className + " label_smoothing=" + c.get("label_smoothing"));
        }
        if (c.has("delta") && c.path("delta").asDouble(1) != 1 && !className.equals("Huber")) {
            problems.add(className + " delta=" + c.get("delta"));
        }
        if (problems.size() > before) {
            return null;
        }
        Loss out = switch (className) {
            case "SparseCategoricalCrossentropy" -> new SparseCategoricalCrossentropy(logits);
            case "CategoricalCrossentropy" -> new CategoricalCrossentropy(logits);
            case "BinaryCrossentropy" -> new BinaryCrossentropy(logits, smoothing);
            case "MeanSquaredError" -> new MeanSquaredError();
            case "MeanAbsoluteError" -> new MeanAbsoluteError();
            case "Huber" -> new Huber(c.path("delta").asDouble(1.0));
            default -> null;
        };
        if (out == null) {
            problems.add("loss " + LayerOptions.shortText(loss.path("class_name")) + " (KerasJ has sparse_categorical_crossentropy,"
                    + " categorical_crossentropy, binary_crossentropy, mean_squared_error, mean_absolute_error, huber)");
        }
        return out;
    }

    private static Loss lossOf(String name) {
        return Loss.of(name);
    }

    /**
     * @param loss a KerasJ loss
     * @param identifier the Keras name it was compiled by ({@code "mse"}), or null for a loss given as an object
     * @return the name as it was given, or Keras 3's serialized loss object (Keras writes whichever compile got)
     */
    static JsonNode write(Loss loss, String identifier) {
        ObjectNode c = KerasConfigWriter.json().createObjectNode();
        if (identifier != null) {
            return c.textNode(identifier);
        }
        String className;
        if (loss instanceof SparseCategoricalCrossentropy s) {
            className = "SparseCategoricalCrossentropy";
            c.put("name", "sparse_categorical_crossentropy");
            c.put("reduction", "sum_over_batch_size");
            c.put("from_logits", s.fromLogits());
            c.putNull("ignore_class");
        } else if (loss instanceof CategoricalCrossentropy cc) {
            className = "CategoricalCrossentropy";
            crossentropy(c, "categorical_crossentropy", cc.fromLogits(), 0);
        } else if (loss instanceof BinaryCrossentropy b) {
            className = "BinaryCrossentropy";
            crossentropy(c, "binary_crossentropy", b.fromLogits(), b.labelSmoothing());
        } else if (loss instanceof MeanSquaredError) {
            className = "MeanSquaredError";
            named(c, "mean_squared_error");
        } else if (loss instanceof MeanAbsoluteError) {
            className = "MeanAbsoluteError";
            named(c, "mean_absolute_error");
        } else if (loss instanceof Huber h) {
            className = "Huber";
            named(c, "huber_loss");
            if (h.delta() != 1.0) {
                c.put("delta", h.delta());   // Keras 3's Huber.get_config leaves delta out; its constructor reads it
            }
        } else {
            throw new IllegalArgumentException("loss: KerasJ writes its own losses to .keras files, found " + loss.name());
        }
        return KerasConfigWriter.object("keras.losses", className, c);
    }

    private static void named(ObjectNode c, String name) {
        c.put("name", name);
        c.put("reduction", "sum_over_batch_size");
    }

    private static void crossentropy(ObjectNode c, String name, boolean logits, double smoothing) {
        c.put("name", name);
        c.put("reduction", "sum_over_batch_size");
        c.put("from_logits", logits);
        c.put("label_smoothing", smoothing);
        c.put("axis", -1);
    }
}
