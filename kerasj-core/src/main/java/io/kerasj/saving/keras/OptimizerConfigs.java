package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.optimizers.Adagrad;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.AdamW;
import io.kerasj.optimizers.GradientClipping;
import io.kerasj.optimizers.Nadam;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.RMSprop;
import io.kerasj.optimizers.SGD;
import java.util.List;
import java.util.Locale;

/** KerasJ's optimizers in Keras's {@code compile_config}: a name ({@code "adam"}) or a serialized {@code keras.optimizers} object. */
final class OptimizerConfigs {
    private OptimizerConfigs() {
    }

    /** @return the optimizer, or null with a problem recorded */
    static Optimizer read(JsonNode node, List<String> problems) {
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
        int before = problems.size();
        for (String key : new String[] {"weight_decay", "loss_scale_factor",
                "gradient_accumulation_steps"}) {
            boolean decay = key.equals("weight_decay") && (className.equals("AdamW") || c.path(key).asDouble(1) == 0);
            if (c.has(key) && !c.get(key).isNull() && !decay) {
                problems.add(className + " " + key + "=" + c.get(key));
            }
        }
        if (c.path("use_ema").asBoolean(false) || c.path("amsgrad").asBoolean(false) || c.path("decay").asDouble(0) != 0) {
            problems.add(className + " with use_ema, amsgrad or decay");
        }
        GradientClipping clipping = clipping(className, c, problems);
        if (problems.size() > before) {
            return null;
        }
        double rate = lr == null ? Double.NaN : lr.asDouble();
        try {
            Optimizer optimizer = switch (className) {
                case "SGD" -> new SGD(or(rate, 0.01), c.path("momentum").asDouble(0), c.path("nesterov").asBoolean(false));
                case "Adam" -> new Adam(or(rate, 0.001), c.path("beta_1").asDouble(0.9), c.path("beta_2").asDouble(0.999),
                        c.path("epsilon").asDouble(1e-7));
                case "AdamW" -> new AdamW(or(rate, 0.001), c.path("weight_decay").asDouble(0.004), c.path("beta_1").asDouble(0.9),
                        c.path("beta_2").asDouble(0.999), c.path("epsilon").asDouble(1e-7));
                case "RMSprop" -> new RMSprop(or(rate, 0.001), c.path("rho").asDouble(0.9), c.path("momentum").asDouble(0),
                        c.path("epsilon").asDouble(1e-7), c.path("centered").asBoolean(false));
                case "Adagrad" -> new Adagrad(or(rate, 0.001), c.path("initial_accumulator_value").asDouble(0.1),
                        c.path("epsilon").asDouble(1e-7));
                case "Nadam" -> new Nadam(or(rate, 0.001), c.path("beta_1").asDouble(0.9), c.path("beta_2").asDouble(0.999),
                        c.path("epsilon").asDouble(1e-7));
                default -> {
                    problems.add("optimizer " + className + " (KerasJ has SGD, Adam, AdamW, RMSprop, Adagrad, Nadam)");
                    yield null;
                }
            };
            return optimizer == null || !clipping.isSet() ? optimizer : optimizer.withClipping(clipping);
        } catch (IllegalArgumentException e) {
            problems.add(className + " " + e.getMessage());
            return null;
        }
    }

    /** @return Keras's {@code clipnorm}, {@code clipvalue} and {@code global_clipnorm}, or null with a problem recorded */
    private static GradientClipping clipping(String className, JsonNode c, List<String> problems) {
        Double[] values = new Double[3];
        String[] keys = {"clipnorm", "clipvalue", "global_clipnorm"};
        for (int k = 0; k < keys.length; k++) {
            JsonNode v = c.get(keys[k]);
            if (v != null && !v.isNull()) {
                if (!v.isNumber()) {
                    problems.add(className + " " + keys[k] + "=" + LayerOptions.shortText(v));
                    return null;
                }
                values[k] = v.asDouble();
            }
        }
        try {
            return new GradientClipping(values[0], values[1], values[2]);
        } catch (IllegalArgumentException e) {
            problems.add(className + " " + e.getMessage());
            return null;
        }
    }

    private static double or(double value, double fallback) {
        return Double.isNaN(value) ? fallback : value;
    }

    /**
     * @param optimizer a KerasJ optimizer
     * @param learningRate its current learning rate, which Keras saves (a callback may have changed the compiled one)
     * @return Keras 3's serialized optimizer
     */
    static ObjectNode write(Optimizer optimizer, double learningRate) {
        ObjectNode c = KerasConfigWriter.json().createObjectNode();
        String className;
        if (optimizer instanceof SGD sgd) {
            className = "SGD";
            common(c, "sgd", learningRate, null, optimizer.clipping());
            c.put("momentum", sgd.momentum());
            c.put("nesterov", sgd.nesterov());
        } else if (optimizer instanceof Adam adam) {
            className = "Adam";
            common(c, "adam", learningRate, null, optimizer.clipping());
            betas(c, adam.beta1(), adam.beta2(), adam.epsilon());
            c.put("amsgrad", false);
        } else if (optimizer instanceof AdamW adamw) {
            className = "AdamW";
            common(c, "adam_w", learningRate, adamw.weightDecay(), optimizer.clipping());
            betas(c, adamw.beta1(), adamw.beta2(), adamw.epsilon());
            c.put("amsgrad", false);
        } else if (optimizer instanceof RMSprop rms) {
            className = "RMSprop";
            common(c, "rm_sprop", learningRate, null, optimizer.clipping());
            c.put("rho", rms.rho());
            c.put("momentum", rms.momentum());
            c.put("epsilon", rms.epsilon());
            c.put("centered", rms.centered());
        } else if (optimizer instanceof Adagrad adagrad) {
            className = "Adagrad";
            common(c, "adagrad", learningRate, null, optimizer.clipping());
            c.put("initial_accumulator_value", adagrad.initialAccumulatorValue());
            c.put("epsilon", adagrad.epsilon());
        } else if (optimizer instanceof Nadam nadam) {
            className = "Nadam";
            common(c, "nadam", learningRate, null, optimizer.clipping());
            betas(c, nadam.beta1(), nadam.beta2(), nadam.epsilon());
        } else {
            throw new IllegalArgumentException("optimizer: KerasJ writes its own optimizers to .keras files, found "
                    + optimizer.name().toLowerCase(Locale.ROOT));
        }
        return KerasConfigWriter.object("keras.optimizers", className, c);
    }

    /** @param name Keras 3's default name for the class ({@code auto_name}: its class name in snake case) */
    private static void common(ObjectNode c, String name, double learningRate, Double weightDecay, GradientClipping clipping) {
        c.put("name", name);
        c.put("learning_rate", learningRate);
        nullable(c, "weight_decay", weightDecay);
        if (clipping.isSet()) { // Keras's order; absent keys read as None, so a model without clipping keeps its config
            nullable(c, "clipnorm", clipping.clipnorm());
            nullable(c, "global_clipnorm", clipping.globalClipnorm());
            nullable(c, "clipvalue", clipping.clipvalue());
        }
    }

    private static void nullable(ObjectNode c, String key, Double value) {
        if (value == null) {
            c.putNull(key);
        } else {
            c.put(key, value);
        }
    }

    private static void betas(ObjectNode c, double beta1, double beta2, double epsilon) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
    }
}
