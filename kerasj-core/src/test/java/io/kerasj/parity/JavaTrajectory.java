package io.kerasj.parity;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KerasJ's side of a trajectory reference ({@code python-reference/trajectory.py}): the notebook's model from
 * Python's initial weights, trained with {@code shuffle(false)} on each epoch's images in Python's order, through
 * the public API only. {@link #main} runs it in a child JVM, for a configuration the runtime reads at load
 * ({@code TF_ENABLE_ONEDNN_OPTS}).
 */
final class JavaTrajectory {
    /** Steps of the short, sharp check. */
    static final int SHORT_STEPS = 10;
    static final int BATCH = 32;

    /** What one Java run gives. */
    record Run(List<float[]> w10, List<float[]> last, double[] loss, double[] accuracy, float[] testOutputs) {
    }

    private JavaTrajectory() {
    }

    /** @return the variant's optimizer, as trajectory.py builds it */
    static Optimizer optimizer(String variant) {
        return switch (variant) {
            case "sgd", "sgd_logits" -> new SGD(0.01);
            case "sgd_momentum" -> new SGD(0.01, 0.9, false);
            case "nesterov" -> new SGD(0.01, 0.9, true);
            case "adam" -> new Adam();
            default -> throw new IllegalArgumentException("variant: expected sgd, sgd_momentum, nesterov, adam or sgd_logits, found " + variant);
        };
    }

    /** The whole run: the first 10 steps, then every epoch from the start. */
    static Run run(ReferenceArrays ref, String variant) {
        List<float[]> w10 = tenSteps(ref, variant, optimizer(variant));
        try (Sequential model = model(ref, variant, optimizer(variant))) {
            int epochs = ref.value("order_count").asInt();
            double[] loss = new double[epochs];
            double[] accuracy = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                int[] order = ref.ints("order/" + e);
                Map<String, List<Double>> h = fit(model, order).history();
                loss[e] = h.get("loss").get(0);
                accuracy[e] = h.get("accuracy").get(0);
            }
            float[][] outputs = model.predict(ParityData.testImages());
            float[] flat = new float[outputs.length * outputs[0].length];
            for (int i = 0; i < outputs.length; i++) {
                System.arraycopy(outputs[i], 0, flat, i * outputs[i].length, outputs[i].length);
            }
            return new Run(w10, model.getWeights(), loss, accuracy, flat);
        }
    }

    /** @return the weights after the first 10 steps of epoch 0, with this optimizer */
    static List<float[]> tenSteps(ReferenceArrays ref, String variant, Optimizer optimizer) {
        try (Sequential model = model(ref, variant, optimizer)) {
            fit(model, Arrays.copyOf(ref.ints("order/0"), SHORT_STEPS * BATCH));
            return model.getWeights();
        }
    }

    private static Sequential model(ReferenceArrays ref, String variant, Optimizer optimizer) {
        boolean logits = variant.equals("sgd_logits");
        Sequential model = new Sequential(42);
        model.add(new Flatten(28, 28));
        model.add(new Dense(300, "relu"));
        model.add(new Dense(100, "relu"));
        model.add(new Dense(10, logits ? "linear" : "softmax"));
        model.compile(new SparseCategoricalCrossentropy(logits), optimizer, "accuracy");
        model.setWeights(ref.floatList("initial"));
        return model;
    }

    private static History fit(Sequential model, int[] order) {
        FloatSamples x = ParityData.trainImages(order);
        return model.fit(x, ParityData.trainLabels(order), FitOptions.defaults().epochs(1).batchSize(BATCH).shuffle(false).verbose(0));
    }

    /**
     * Runs the variants in this JVM and writes what {@link ReferenceArrays} reads: {@code VARIANT/w10/i},
     * {@code VARIANT/final/i}, {@code VARIANT/test_outputs} and the value {@code VARIANT} {history}.
     *
     * @param args the reference folder, the output folder, then the variants
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: JavaTrajectory REFERENCE_DIR OUT_DIR VARIANT...");
            System.exit(2);
        }
        ReferenceArrays ref = ReferenceArrays.open(Path.of(args[0]));
        ReferenceArrays.Writer out = new ReferenceArrays.Writer(Path.of(args[1]));
        for (String variant : Arrays.copyOfRange(args, 2, args.length)) {
            Run run = run(ref, variant);
            out.floatList(variant + "/w10", run.w10()).floatList(variant + "/final", run.last())
                    .floats(variant + "/test_outputs", run.testOutputs(), run.testOutputs().length / 10, 10);
            Map<String, Object> history = new LinkedHashMap<>();
            history.put("loss", run.loss());
            history.put("accuracy", run.accuracy());
            out.value(variant, Map.of("history", history));
        }
        out.value("TF_ENABLE_ONEDNN_OPTS", String.valueOf(System.getenv("TF_ENABLE_ONEDNN_OPTS")));
        out.finish();
    }

    /**
     * @param ref a folder written by trajectory.py or by {@link #main}
     * @param prefix "" for the reference run, "ulp/" for trajectory.py's run from weights one ulp up
     * @return that run
     */
    static Run read(ReferenceArrays ref, String prefix, String variant) {
        var h = ref.value(prefix + variant).path("history");
        double[] loss = new double[h.path("loss").size()];
        double[] accuracy = new double[loss.length];
        for (int e = 0; e < loss.length; e++) {
            loss[e] = h.path("loss").get(e).asDouble();
            accuracy[e] = h.path("accuracy").get(e).asDouble();
        }
        return new Run(ref.floatList(prefix + variant + "/w10"), ref.floatList(prefix + variant + "/final"), loss, accuracy,
                ref.floats(prefix + variant + "/test_outputs"));
    }
}
