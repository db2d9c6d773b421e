package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;
import io.kerasj.metrics.AUC;
import io.kerasj.optimizers.Adagrad;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.AdamW;
import io.kerasj.losses.BinaryCrossentropy;
import io.kerasj.losses.CategoricalCrossentropy;
import io.kerasj.losses.CategoricalHinge;
import io.kerasj.losses.CosineSimilarity;
import io.kerasj.metrics.F1Score;
import io.kerasj.losses.Hinge;
import io.kerasj.losses.Huber;
import io.kerasj.losses.KLDivergence;
import io.kerasj.losses.LogCosh;
import io.kerasj.metrics.MeanAbsolutePercentageError;
import io.kerasj.losses.MeanSquaredLogarithmicError;
import io.kerasj.metrics.Metric;
import io.kerasj.losses.Poisson;
import io.kerasj.metrics.Precision;
import io.kerasj.metrics.R2Score;
import io.kerasj.metrics.Recall;
import io.kerasj.losses.SquaredHinge;
import io.kerasj.losses.Loss;
import io.kerasj.losses.MeanAbsoluteError;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.optimizers.Nadam;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.RMSprop;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Java half of the training pieces of {@code python-reference/pieces.txt} (kinds loss, optimizer, metric;
 * {@code training_pieces.py} is the Python half): Dense(UNITS, ACTIVATION) with the piece's weights and targets,
 * through the public API. Losses: the value from {@code evaluate} within 1e-5 and the gradients (w_before - w_after
 * of one SGD step at learning rate 1) within 1e-4 of Keras's, and with a {@code batch_size} the History loss of one
 * epoch of such batches at learning rate 0 within 1e-5; optimizers: the weights' change after STEPS steps
 * within 1e-5 (float32 noise); metrics: the value from {@code evaluate} equal to Keras's (1e-6 for mean errors),
 * and the History of one epoch with validation data at learning rate 0 (the weights stay, so every value is a
 * loss or metric accumulated over the epoch's batches, one native call per batch) the same as Keras's: keys and values.
 */
final class TrainingPieces {
    static final Set<String> KINDS = Set.of("loss", "optimizer", "metric");
    static final double METRIC_TOLERANCE = 1e-6;
    /** Keras's side trains at learning rate 0; SGD here takes a positive one, and steps of 1e-30 leave float32 weights as they are. */
    private static final double NO_STEP = 1e-30;

    private TrainingPieces() {
    }

    static void check(ReferenceArrays ref, String name, String kind, JsonNode config) {
        int[] xShape = ref.shape(name + "/x");
        int[] sampleShape = Arrays.copyOfRange(xShape, 1, xShape.length);
        FloatSamples x = FloatSamples.of(ref.floats(name + "/x"), sampleShape);
        Targets y = targets(ref, name + "/y");
        List<float[]> weights = ref.floatList(name + "/weights");
        float[] expected = ref.floats(name + "/forward");
        Loss loss = loss(config);
        float[] forward;
        String detail = "";
        try (Sequential model = model(config, sampleShape)) {
            switch (kind) {
                case "loss" -> {
                    model.compile(loss, new SGD(1));
                    model.setWeights(weights);
                    forward = new float[] {(float) model.evaluate(x, y, 0, null)[0]};
                    if (config.has("batch_size")) {
                        model.compile(loss, new SGD(NO_STEP));
                        Map<String, List<Double>> history = model.fit(x, y, oneBatchPerStep(config.path("batch_size").asInt())
                                .stepsPerExecution(1)).history();
                        detail = historyDetail(ref, name, history, LayerParityTest.FORWARD_TOLERANCE);
                    }
                }
                case "optimizer" -> {
                    model.compile(loss, optimizer(config));
                    model.setWeights(weights);
                    int steps = config.path("steps").asInt();
                    model.fit(repeat(x, steps), repeat(y, steps), oneBatchPerStep(y.count()));
                    forward = difference(model.getWeights(), weights);
                }
                case "metric" -> {
                    if (config.has("metric_args")) {
                        model.compile(loss, new SGD(NO_STEP), List.of(metric(config)));
                    } else {
                        model.compile(loss, new SGD(NO_STEP), config.path("metric").asText());
                    }
                    model.setWeights(weights);
                    forward = new float[] {(float) model.evaluate(x, y, 0, null)[1]};
                    int batch = config.path("batch_size").asInt(y.count());
                    Map<String, List<Double>> history = model.fit(x, y, oneBatchPerStep(batch).stepsPerExecution(1)
                            .validation(new ValidationData(x, y))).history();
                    Set<String> keys = new TreeSet<>(history.keySet());
                    Set<String> kerasKeys = new TreeSet<>();
                    ref.value(name + "/keras").path("history_keys").forEach(k -> kerasKeys.add(k.asText()));
                    assertThat(keys).as("%s: History keys", name).isEqualTo(kerasKeys);
                    detail = ", History keys " + keys + historyDetail(ref, name, history, METRIC_TOLERANCE);
                }
                default -> throw new AssertionError("not a training kind: " + kind);
            }
        }
        double forwardError = LayerParityTest.relative(forward, expected);
        String gradients = "none";
        double gradientError = 0;
        if (ref.has(name + "/grads/0")) {
            gradientError = gradientError(ref, name, config, x, y, sampleShape, weights, loss);
            gradients = String.format(Locale.ROOT, "%.2e", gradientError);
        }
        System.out.printf(Locale.ROOT, "layers %-18s %-9s forward %.2e (Java %s, Keras %s), gradients %s%s%n", name, kind, forwardError,
                head(forward), head(expected), gradients, detail);
        double tolerance = kind.equals("metric") ? METRIC_TOLERANCE : LayerParityTest.FORWARD_TOLERANCE;
        assertThat(forwardError).as("%s: %s, relative to Keras's largest |value|", name, kind).isLessThanOrEqualTo(tolerance);
        assertThat(gradientError).as("%s: gradients, relative to Keras's largest |gradient|", name)
                .isLessThanOrEqualTo(LayerParityTest.GRADIENT_TOLERANCE);
    }

    /**
     * Checks each value of the History's one epoch against Keras's, relative to Keras's |value| (at least 1).
     *
     * @return the largest difference, for the report
     */
    private static String historyDetail(ReferenceArrays ref, String name, Map<String, List<Double>> history, double tolerance) {
        JsonNode keras = ref.value(name + "/keras").path("history");
        double worst = 0;
        for (Map.Entry<String, List<Double>> entry : history.entrySet()) {
            double expected = keras.path(entry.getKey()).asDouble(Double.NaN);
            double actual = entry.getValue().get(0);
            double error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
            assertThat(error).as("%s: History %s, Java %s, Keras %s", name, entry.getKey(), actual, expected).isLessThanOrEqualTo(tolerance);
            worst = Math.max(worst, error);
        }
        return String.format(Locale.ROOT, ", History (%d values) max %.2e", history.size(), worst);
    }

    /** A metric built from its Keras class name and keyword arguments ({@code metric_args}). */
    static Metric metric(JsonNode config) {
        JsonNode args = config.path("metric_args");
        String name = config.path("metric").asText();
        return switch (name) {
            case "AUC" -> new AUC("auc", args.path("num_thresholds").asInt(200), args.path("curve").asText("ROC"),
                    args.path("summation_method").asText("interpolation"), args.path("from_logits").asBoolean(false));
            case "Precision" -> new Precision("precision", args.path("thresholds").asDouble(0.5),
                    args.has("class_id") ? args.path("class_id").asInt() : null);
            case "Recall" -> new Recall("recall", args.path("thresholds").asDouble(0.5),
                    args.has("class_id") ? args.path("class_id").asInt() : null);
            case "F1Score" -> new F1Score("f1_score", args.has("average") ? args.path("average").asText() : null,
                    args.has("threshold") ? args.path("threshold").asDouble() : null);
            case "R2Score" -> new R2Score("r2_score", args.path("class_aggregation").asText("uniform_average"),
                    args.path("num_regressors").asInt(0));
            default -> throw new AssertionError("no Java metric for " + config + ": add it here");
        };
    }

    private static double gradientError(ReferenceArrays ref, String name, JsonNode config, FloatSamples x, Targets y, int[] sampleShape,
                                        List<float[]> weights, Loss loss) {
        try (Sequential model = model(config, sampleShape)) {
            model.compile(loss, new SGD(1));
            model.setWeights(weights);
            model.fit(x, y, oneBatchPerStep(y.count()));
            return LayerParityTest.relative(difference(weights, model.getWeights()), concat(ref.floatList(name + "/grads")));
        }
    }

    private static Sequential model(JsonNode config, int[] sampleShape) {
        Sequential model = new Sequential(1);
        model.add(new Dense(config.path("units").asInt(3), Activation.of(config.path("activation").asText("softmax")), null,
                Arrays.stream(sampleShape).asLongStream().toArray()));
        return model;
    }

    static Loss loss(JsonNode config) {
        boolean logits = config.path("from_logits").asBoolean(false);
        return switch (config.path("loss").asText("sparse_categorical_crossentropy")) {
            case "sparse_categorical_crossentropy" -> new SparseCategoricalCrossentropy(logits);
            case "categorical_crossentropy" -> new CategoricalCrossentropy(logits);
            case "binary_crossentropy" -> new BinaryCrossentropy(logits, config.path("label_smoothing").asDouble(0));
            case "mean_squared_error" -> new MeanSquaredError();
            case "mean_absolute_error" -> new MeanAbsoluteError();
            case "huber" -> new Huber(config.path("delta").asDouble(1.0));
            case "log_cosh" -> new LogCosh();
            case "hinge" -> new Hinge();
            case "squared_hinge" -> new SquaredHinge();
            case "categorical_hinge" -> new CategoricalHinge();
            case "kl_divergence" -> new KLDivergence();
            case "poisson" -> new Poisson();
            case "mean_squared_logarithmic_error" -> new MeanSquaredLogarithmicError();
            case "mean_absolute_percentage_error" -> new MeanAbsolutePercentageError();
            case "cosine_similarity" -> new CosineSimilarity();
            default -> throw new AssertionError("no Java loss for " + config + ": add it here and in training_pieces.py");
        };
    }

    static Optimizer optimizer(JsonNode config) {
        double lr = config.path("learning_rate").asDouble();
        return switch (config.path("name").asText()) {
            case "sgd" -> new SGD(lr, config.path("momentum").asDouble(0), config.path("nesterov").asBoolean(false));
            case "adam" -> new Adam(lr, config.path("beta_1").asDouble(0.9), config.path("beta_2").asDouble(0.999),
                    config.path("epsilon").asDouble(1e-7));
            case "adamw" -> new AdamW(lr, config.path("weight_decay").asDouble(0.004), config.path("beta_1").asDouble(0.9),
                    config.path("beta_2").asDouble(0.999), config.path("epsilon").asDouble(1e-7));
            case "rmsprop" -> new RMSprop(lr, config.path("rho").asDouble(0.9), config.path("momentum").asDouble(0),
                    config.path("epsilon").asDouble(1e-7), config.path("centered").asBoolean(false));
            case "adagrad" -> new Adagrad(lr, config.path("initial_accumulator_value").asDouble(0.1), config.path("epsilon").asDouble(1e-7));
            case "nadam" -> new Nadam(lr, config.path("beta_1").asDouble(0.9), config.path("beta_2").asDouble(0.999),
                    config.path("epsilon").asDouble(1e-7));
            default -> throw new AssertionError("no Java optimizer for " + config + ": add it here and in training_pieces.py");
        };
    }

    /** Integer and float arrays keep their shape: class indices, 0/1 targets, one-hot rows or values. */
    private static Targets targets(ReferenceArrays ref, String name) {
        int[] shape = ref.shape(name);
        int[] targetShape = Arrays.copyOfRange(shape, 1, shape.length);
        return ref.dtype(name).equals("int32") ? Targets.of(ref.ints(name), targetShape) : Targets.of(ref.floats(name), targetShape);
    }

    private static FloatSamples repeat(FloatSamples x, int times) {
        float[] one = x.toArray();
        float[] all = new float[one.length * times];
        for (int t = 0; t < times; t++) {
            System.arraycopy(one, 0, all, t * one.length, one.length);
        }
        return FloatSamples.of(all, x.sampleShape());
    }

    private static Targets repeat(Targets y, int times) {
        if (y.isInteger()) {
            int[] one = y.intValues();
            int[] all = new int[one.length * times];
            for (int t = 0; t < times; t++) {
                System.arraycopy(one, 0, all, t * one.length, one.length);
            }
            return Targets.of(all, y.targetShape());
        }
        float[] one = y.floatValues();
        float[] all = new float[one.length * times];
        for (int t = 0; t < times; t++) {
            System.arraycopy(one, 0, all, t * one.length, one.length);
        }
        return Targets.of(all, y.targetShape());
    }

    /** @return fit options for one epoch of unshuffled batches of {@code batch} samples, silent */
    static FitOptions oneBatchPerStep(int batch) {
        return FitOptions.defaults().epochs(1).batchSize(batch).shuffle(false).verbose(0);
    }

    /** @return the element-wise {@code a - b} of the two lists, each concatenated */
    static float[] difference(List<float[]> a, List<float[]> b) {
        float[] all = concat(a);
        float[] other = concat(b);
        for (int i = 0; i < all.length; i++) {
            all[i] -= other[i];
        }
        return all;
    }

    /** @return the arrays one after another */
    static float[] concat(List<float[]> arrays) {
        float[] all = new float[arrays.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    private static String head(float[] values) {
        return values.length == 1 ? String.format(Locale.ROOT, "%.7g", values[0]) : values.length + " values";
    }
}
