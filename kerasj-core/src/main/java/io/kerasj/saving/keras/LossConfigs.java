package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.losses.AbstractLoss;
import io.kerasj.losses.BinaryCrossentropy;
import io.kerasj.losses.CategoricalCrossentropy;
import io.kerasj.losses.CategoricalHinge;
import io.kerasj.losses.CosineSimilarity;
import io.kerasj.losses.Hinge;
import io.kerasj.losses.Huber;
import io.kerasj.losses.KLDivergence;
import io.kerasj.losses.LogCosh;
import io.kerasj.losses.Loss;
import io.kerasj.losses.LossFunction;
import io.kerasj.losses.LossFunctionWrapper;
import io.kerasj.losses.MeanAbsoluteError;
import io.kerasj.metrics.MeanAbsolutePercentageError;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.losses.MeanSquaredLogarithmicError;
import io.kerasj.losses.Poisson;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import io.kerasj.losses.SquaredHinge;
import java.util.List;
import java.util.Map;

/** KerasJ's losses in Keras's {@code compile_config}: a name ({@code "mse"}) or a serialized {@code keras.losses} object. */
final class LossConfigs {
    /** Keras 3's class name and config name of each KerasJ loss without arguments of its own. */
    private static final Map<Class<? extends Loss>, String[]> PLAIN = Map.of(
            MeanSquaredError.class, new String[] {"MeanSquaredError", "mean_squared_error"},
            MeanAbsoluteError.class, new String[] {"MeanAbsoluteError", "mean_absolute_error"},
            LogCosh.class, new String[] {"LogCosh", "log_cosh"},
            Hinge.class, new String[] {"Hinge", "hinge"},
            SquaredHinge.class, new String[] {"SquaredHinge", "squared_hinge"},
            CategoricalHinge.class, new String[] {"CategoricalHinge", "categorical_hinge"},
            KLDivergence.class, new String[] {"KLDivergence", "kl_divergence"},
            Poisson.class, new String[] {"Poisson", "poisson"},
            MeanSquaredLogarithmicError.class, new String[] {"MeanSquaredLogarithmicError", "mean_squared_logarithmic_error"},
            MeanAbsolutePercentageError.class, new String[] {"MeanAbsolutePercentageError", "mean_absolute_percentage_error"});

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
        if (CustomObjectFormat.isFunction(loss) || CustomObjectFormat.isRegisteredInstance(loss)) {
            return registered(loss, problems);
        }
        String className = loss.path("class_name").asText("");
        JsonNode c = loss.path("config");
        boolean logits = c.path("from_logits").asBoolean(false);
        double smoothing = c.path("label_smoothing").asDouble(0);
        int before = problems.size();
        if (c.has("axis") && (!c.get("axis").isInt() || c.get("axis").asInt() != -1 && !className.equals("CosineSimilarity"))) {
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
        Loss out;
        try {
            out = lossOf(className, c, logits, smoothing);
        } catch (IllegalArgumentException e) {
            problems.add("loss " + LayerOptions.shortText(loss) + ": " + e.getMessage());
            return null;
        }
        if (out == null) {
            problems.add("loss " + LayerOptions.shortText(loss.path("class_name")) + " (KerasJ has sparse_categorical_crossentropy,"
                    + " categorical_crossentropy, binary_crossentropy, mean_squared_error, mean_absolute_error, huber, log_cosh,"
                    + " hinge, squared_hinge, categorical_hinge, kl_divergence, poisson, mean_squared_logarithmic_error,"
                    + " mean_absolute_percentage_error, cosine_similarity)");
        }
        return out;
    }

    /** A registered loss function (wrapped as Keras's LossFunctionWrapper) or a registered loss class's instance. */
    private static Loss registered(JsonNode loss, List<String> problems) {
        return CustomObjectFormat.readOrRecord("loss", loss, () -> CustomObjectFormat.isFunction(loss)
                ? CustomObjectFormat.readIfRegistered(loss, LossFunction.class).<Loss>map(LossFunctionWrapper::of)
                : CustomObjectFormat.readIfRegistered(loss, Loss.class), problems);
    }

    private static Loss lossOf(String className, JsonNode c, boolean logits, double smoothing) {
        return switch (className) {
            case "SparseCategoricalCrossentropy" -> new SparseCategoricalCrossentropy(logits);
            case "CategoricalCrossentropy" -> new CategoricalCrossentropy(logits);
            case "BinaryCrossentropy" -> new BinaryCrossentropy(logits, smoothing);
            case "MeanSquaredError" -> new MeanSquaredError();
            case "MeanAbsoluteError" -> new MeanAbsoluteError();
            case "Huber" -> new Huber(c.path("delta").asDouble(1.0));
            case "LogCosh" -> new LogCosh();
            case "Hinge" -> new Hinge();
            case "SquaredHinge" -> new SquaredHinge();
            case "CategoricalHinge" -> new CategoricalHinge();
            case "KLDivergence" -> new KLDivergence();
            case "Poisson" -> new Poisson();
            case "MeanSquaredLogarithmicError" -> new MeanSquaredLogarithmicError();
            case "MeanAbsolutePercentageError" -> new MeanAbsolutePercentageError();
            case "CosineSimilarity" -> new CosineSimilarity(c.path("axis").asInt(-1));
            default -> null;
        };
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
        if (identifier != null && !identifier.contains(">")) {   // Keras's losses.get takes no registered name: those go as objects
            return c.textNode(identifier);
        }
        if (loss instanceof LossFunctionWrapper wrapper) {
            return CustomObjectFormat.write(wrapper.function(), null, "loss " + loss.name());
        }
        if (loss instanceof AbstractLoss custom) {
            return CustomObjectFormat.write(custom, custom.getConfig(), "loss " + loss.name());
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
        } else if (PLAIN.containsKey(loss.getClass())) {
            className = PLAIN.get(loss.getClass())[0];
            named(c, PLAIN.get(loss.getClass())[1]);
        } else if (loss instanceof CosineSimilarity cos) {
            className = "CosineSimilarity";
            named(c, "cosine_similarity");
            if (cos.axis() != -1) {
                c.put("axis", cos.axis());   // as Huber's delta: Keras's get_config leaves axis out; its constructor reads it
            }
        } else if (loss instanceof Huber h) {
            className = "Huber";
            named(c, "huber_loss");
            if (h.delta() != 1.0) {
                c.put("delta", h.delta());   // Keras 3's Huber.get_config leaves delta out; its constructor reads it
            }
        } else {
            throw new IllegalArgumentException("loss: KerasJ writes its own losses, AbstractLoss subclasses and loss functions to "
                    + ".keras files, found " + loss.name());
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
