package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kerasj.data.FashionMnist;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Dataset;
import io.kerasj.model.Predictions;
import io.kerasj.savedmodel.KerasSavedModel;
import io.kerasj.savedmodel.LoadOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kerasj predict --model DIR}: runs any SavedModel (Python-Keras or KerasJ) on the Fashion-MNIST test images,
 * prints the first N outputs rounded to 2 decimals with the predicted and true class names, and with
 * {@code --evaluate} the accuracy (and, for probabilities, the unclipped cross-entropy loss) over all 10,000.
 * Errors (not a SavedModel, unsafe ops, an input that cannot take 28 x 28 images) are one line, exit code 1.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Run a SavedModel on the Fashion-MNIST test images: the first N predictions, optionally accuracy and loss on all 10,000.")
public final class PredictCommand implements Callable<Integer> {
    private static final int TEST_IMAGES = 10_000;

    @Mixin
    DataDirOption data;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the SavedModel directory")
    Path model;

    @Option(names = "--first", paramLabel = "N", defaultValue = "3",
            description = "how many test images to show (default: ${DEFAULT-VALUE})")
    int first;

    @Option(names = "--evaluate", description = "also report accuracy and loss over all 10,000 test images")
    boolean evaluate;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Option(names = "--signature", paramLabel = "KEY", defaultValue = KerasSavedModel.DEFAULT_SIGNATURE,
            description = "the signature to run (default: ${DEFAULT-VALUE})")
    String signature;

    @Option(names = "--allow-unsafe-ops", description = "load the model even if it holds file-system, network or process ops")
    boolean allowUnsafeOps;

    @Spec
    CommandSpec spec;

    /** Creates the command; picocli sets its fields. */
    public PredictCommand() {
    }

    /**
     * @return 0 after printing the predictions
     * @throws Exception a one-line error for the ErrorHandler (exit code 1)
     */
    @Override
    public Integer call() throws Exception {
        if (first < 0 || first > TEST_IMAGES) {
            throw new ParameterException(spec.commandLine(), "--first: expected a number in [0, " + TEST_IMAGES + "], found " + first);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.toString());
        result.put("signature", signature);
        try (KerasSavedModel saved = KerasSavedModel.load(model, LoadOptions.defaults().allowUnsafeOps(allowUnsafeOps))) {
            saved.signature(signature);
            Dataset test = data.fashionMnist().loadData().test();
            FloatSamples x = evaluate ? test.scaled() : test.slice(0, first).scaled();
            float[][] rows = x.count() == 0 ? new float[0][] : saved.predict(signature, x);
            int[] labels = test.labels();
            result.put("first", firstRows(rows, labels));
            if (evaluate) {
                result.put("evaluate", evaluation(saved, rows, labels));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            printText(out, result);
        }
        out.flush();
        return 0;
    }

    private List<Map<String, Object>> firstRows(float[][] rows, int[] labels) {
        int[] predicted = Predictions.argmax(rows);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (int i = 0; i < first; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", i);
            row.put("probabilities", rows[i]);
            row.put("predicted", predicted[i]);
            row.put("predicted_name", name(predicted[i]));
            row.put("true", labels[i]);
            row.put("true_name", name(labels[i]));
            shown.add(row);
        }
        return shown;
    }

    private Map<String, Object> evaluation(KerasSavedModel saved, float[][] rows, int[] labels) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("images", rows.length);
        e.put("accuracy", Predictions.accuracy(rows, labels));
        boolean probabilities = signature.equals(KerasSavedModel.DEFAULT_SIGNATURE) ? saved.outputIsProbabilities() : Predictions.areProbabilities(rows);
        e.put("outputs_are_probabilities", probabilities);
        e.put("loss", probabilities ? Predictions.crossEntropy(rows, labels) : null);
        return e;
    }

    private static String name(int label) {
        return label >= 0 && label < FashionMnist.CLASS_NAMES.size() ? FashionMnist.className(label) : "class " + label;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> result) {
        for (Map<String, Object> row : (List<Map<String, Object>>) result.get("first")) {
            StringBuilder line = new StringBuilder().append(row.get("index")).append(": [");
            float[] p = (float[]) row.get("probabilities");
            for (int c = 0; c < p.length; c++) {
                line.append(c == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", p[c]));
            }
            out.println(line.append("] predicted ").append(row.get("predicted_name")).append(", true ").append(row.get("true_name")));
        }
        Map<String, Object> e = (Map<String, Object>) result.get("evaluate");
        if (e != null) {
            out.printf(Locale.ROOT, "accuracy: %.4f (%d test images)%n", (Double) e.get("accuracy"), (Integer) e.get("images"));
            out.println(e.get("loss") == null ? "loss: n/a (outputs are not probabilities)"
                    : String.format(Locale.ROOT, "loss: %.4f", (Double) e.get("loss")));
        }
    }
}
