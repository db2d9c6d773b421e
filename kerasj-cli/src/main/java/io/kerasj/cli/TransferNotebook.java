package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.data.Targets;
import io.kerasj.io.AtomicFiles;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Input;
import io.kerasj.layers.InputLayer;
import io.kerasj.layers.Layer;
import io.kerasj.losses.BinaryCrossentropy;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;
import io.kerasj.optimizers.SGD;
import io.kerasj.saving.keras.KerasFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * {@code kerasj notebook --model transfer}: Hands-On Machine Learning's transfer-learning experiment on Fashion-MNIST
 * (ch. 11, 2nd edition). Model A (Flatten, Dense 300/100/50/50/50 selu, Dense(8, softmax)) learns the 8 classes other
 * than sandal and shirt; model B on A reuses a clone of A's layers but the output, with a new Dense(1, sigmoid), to
 * tell a shirt from a sandal on only 200 training images: trained with the reused layers frozen, then unfrozen and
 * recompiled with a lower learning rate. The same B trained from scratch on the same 200 images is the baseline; both
 * test accuracies (on the test set's sandals and shirts) are printed and written to the run folder's
 * {@value #EVALUATION_FILE} and {@value #NOTES_FILE}.
 */
final class TransferNotebook {
    /** The notebook's name for {@code --model}. */
    static final String ID = "transfer";
    /** Model A's epochs when {@code --epochs} is not given: the book's. */
    static final int DEFAULT_EPOCHS = 20;
    /** The book's seed ({@code tf.random.set_seed(42)}), when {@code --seed} is not given. */
    static final long DEFAULT_SEED = 42;
    /** Task B's training images. */
    static final int TRAINING_IMAGES_B = 200;
    /** Epochs with the reused layers frozen; the model from scratch trains this and {@link #UNFROZEN_EPOCHS}. */
    static final int FROZEN_EPOCHS = 4;
    /** Epochs after unfreezing. */
    static final int UNFROZEN_EPOCHS = 16;
    /** SGD's learning rate for every model. */
    static final double LEARNING_RATE = 1e-3;
    /** SGD's lower learning rate after unfreezing. */
    static final double FINE_TUNING_LEARNING_RATE = 1e-4;
    /** The accuracies and the checks, as JSON. */
    static final String EVALUATION_FILE = "evaluation.json";
    /** The accuracies, as a short note. */
    static final String NOTES_FILE = "notes.md";
    private static final int[] HIDDEN = {300, 100, 50, 50, 50};

    private final int epochsA;
    private final long seed;

    /**
     * @param epochsA model A's epochs
     * @param seed the seed of every model's first weights and shuffling
     */
    TransferNotebook(int epochsA, long seed) {
        this.epochsA = epochsA;
        this.seed = seed;
    }

    /** @return the notebook's first line: what trains, how long, with which seed */
    String header() {
        return String.format(Locale.ROOT, "Notebook transfer (Fashion-MNIST, Hands-On ML ch. 11): model A on the 8 classes other than "
                + "sandal and shirt, %d epochs; model B (shirt vs sandal, %d training images) on A's layers: %d epochs frozen (SGD %s), "
                + "%d unfrozen (SGD %s), against B from scratch, %d epochs; seed %d", epochsA, TRAINING_IMAGES_B, FROZEN_EPOCHS,
                rate(LEARNING_RATE), UNFROZEN_EPOCHS, rate(FINE_TUNING_LEARNING_RATE), FROZEN_EPOCHS + UNFROZEN_EPOCHS, seed);
    }

    /**
     * Runs the notebook.
     *
     * @param split Fashion-MNIST's train, validation and test sets
     * @param threads applies the command's thread options to a model
     * @param text the command's output
     * @param stage the staging directory of the run folder
     * @return 0
     * @throws IOException when a file cannot be written
     */
    int run(Split split, UnaryOperator<Model> threads, PrintWriter text, Path stage) throws IOException {
        PrintStream console = ConsoleStream.of(text);
        TransferTasks train = TransferTasks.split(split.train()).firstOfB(TRAINING_IMAGES_B);
        TransferTasks valid = TransferTasks.split(split.validation());
        TransferTasks test = TransferTasks.split(split.test());
        text.printf(Locale.ROOT, "task A: %d training, %d validation, %d test images; task B: %d training, %d validation, %d test images%n",
                train.xA().count(), valid.xA().count(), test.xA().count(), train.xB().count(), valid.xB().count(), test.xB().count());

        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode();
        report.put("seed", seed);
        try (Sequential modelA = (Sequential) threads.apply(stack("model_A", TransferTasks.CLASSES_A, "softmax"))) {
            modelA.compile(new SparseCategoricalCrossentropy(), new SGD(LEARNING_RATE), "accuracy");
            text.print(modelA.summaryText());
            fit(modelA, train.xA(), train.yA(), valid, true, epochsA, console, text);
            double[] a = modelA.evaluate(test.xA(), test.yA(), 1, console);
            text.printf(Locale.ROOT, "model A, test accuracy on its 8 classes: %.4f%n", a[1]);
            putScores(report.putObject("model_A"), a, epochsA);
            List<float[]> weightsA = modelA.getWeights();

            // keras.models.clone_model + set_weights, so that training B leaves A as it is
            try (Model clone = KerasFiles.cloneModel(modelA);
                 Sequential bOnA = (Sequential) threads.apply(new Sequential("model_B_on_A", seed))) {
                clone.setWeights(weightsA);
                bOnA.add(new Input(28, 28));
                List<Layer> reused = new ArrayList<>(clone.layers().stream().filter(l -> !(l instanceof InputLayer)).toList());
                reused.remove(reused.size() - 1);
                reused.forEach(bOnA::add);
                bOnA.add(new Dense(1, "sigmoid").name("output_B"));

                reused.forEach(layer -> layer.trainable(false));
                bOnA.compile(new BinaryCrossentropy(), new SGD(LEARNING_RATE), "accuracy");
                text.print(bOnA.summaryText());
                List<List<float[]>> before = weightsOf(reused);
                fit(bOnA, train.xB(), train.yB(), valid, false, FROZEN_EPOCHS, console, text);
                boolean frozenUnchanged = sameWeights(before, weightsOf(reused));
                text.println("reused layers bit-identical after the frozen epochs: " + frozenUnchanged);

                reused.forEach(layer -> layer.trainable(true));
                bOnA.compile(new BinaryCrossentropy(), new SGD(FINE_TUNING_LEARNING_RATE), "accuracy");
                fit(bOnA, train.xB(), train.yB(), valid, false, UNFROZEN_EPOCHS, console, text);
                double[] b = bOnA.evaluate(test.xB(), test.yB(), 1, console);
                boolean aUnchanged = sameWeights(List.of(weightsA), List.of(modelA.getWeights()));
                putScores(report.putObject("model_B_on_A"), b, FROZEN_EPOCHS + UNFROZEN_EPOCHS);
                report.put("frozen_layers_bit_identical", frozenUnchanged);
                report.put("model_A_unchanged", aUnchanged);
            }
        }
        try (Sequential modelB = (Sequential) threads.apply(stack("model_B", 1, "sigmoid"))) {
            modelB.compile(new BinaryCrossentropy(), new SGD(LEARNING_RATE), "accuracy");
            fit(modelB, train.xB(), train.yB(), valid, false, FROZEN_EPOCHS + UNFROZEN_EPOCHS, console, text);
            putScores(report.putObject("model_B"), modelB.evaluate(test.xB(), test.yB(), 1, console), FROZEN_EPOCHS + UNFROZEN_EPOCHS);
        }
        double onA = report.get("model_B_on_A").get("accuracy").asDouble();
        double scratch = report.get("model_B").get("accuracy").asDouble();
        text.printf(Locale.ROOT, "test accuracy, shirt vs sandal (%d test images): model B on A %.4f, model B from scratch %.4f%n",
                test.xB().count(), onA, scratch);
        report.put("test_images_B", test.xB().count());
        AtomicFiles.writeString(stage.resolve(EVALUATION_FILE), json.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        AtomicFiles.writeString(stage.resolve(NOTES_FILE), notes(report, test.xB().count()));
        return 0;
    }

    /** Flatten(28, 28), Dense 300/100/50/50/50 selu, then the output layer. */
    private Sequential stack(String name, int outputs, String activation) {
        Sequential model = new Sequential(name, seed);
        model.add(new Input(28, 28));
        model.add(new Flatten());
        for (int units : HIDDEN) {
            model.add(new Dense(units, "selu"));
        }
        model.add(new Dense(outputs, activation));
        return model;
    }

    private static void fit(Model model, FloatSamples x, Targets y, TransferTasks valid, boolean taskA,
                            int epochs, PrintStream console, PrintWriter text) {
        text.flush();
        History history = new History();
        model.fit(x, y, FitOptions.defaults().epochs(epochs).output(console).dynamicDisplay(System.console() != null)
                .validation(taskA ? new ValidationData(valid.xA(), valid.yA()) : new ValidationData(valid.xB(), valid.yB()))
                .history(history));
        text.println(history.toJson());
    }

    private static void putScores(ObjectNode node, double[] evaluation, int epochs) {
        node.put("loss", evaluation[0]);
        node.put("accuracy", evaluation[1]);
        node.put("epochs", epochs);
    }

    private static List<List<float[]>> weightsOf(List<Layer> layers) {
        return layers.stream().map(Layer::getWeights).toList();
    }

    private static boolean sameWeights(List<List<float[]>> a, List<List<float[]>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).size() != b.get(i).size()) {
                return false;
            }
            for (int j = 0; j < a.get(i).size(); j++) {
                if (!Arrays.equals(a.get(i).get(j), b.get(i).get(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return a learning rate as Python prints it: 0.001, 0.0001 */
    private static String rate(double value) {
        return java.math.BigDecimal.valueOf(value).toPlainString();
    }

    private String notes(ObjectNode report, int testImages) {
        return String.format(Locale.ROOT, """
                # Transfer learning on Fashion-MNIST (Hands-On Machine Learning, ch. 11)

                Model A: Flatten, Dense 300/100/50/50/50 selu, Dense(8, softmax), SGD(%s), %d epochs on the 8 classes other
                than sandal and shirt: test accuracy %.4f.

                Task B, shirt (1) vs sandal (0), %d training images; test accuracy on the test set's %d sandals and shirts:

                | model | epochs | test accuracy |
                |---|---|---|
                | B on A (A's layers frozen %d epochs at SGD(%s), then unfrozen %d at SGD(%s)) | %d | %.4f |
                | B from scratch, same architecture, SGD(%s) | %d | %.4f |

                The reused layers were bit-identical after the frozen epochs: %b. Model A was left unchanged (B reused a clone): %b.
                Seed %d.
                """, rate(LEARNING_RATE), epochsA, report.get("model_A").get("accuracy").asDouble(), TRAINING_IMAGES_B, testImages,
                FROZEN_EPOCHS, rate(LEARNING_RATE), UNFROZEN_EPOCHS, rate(FINE_TUNING_LEARNING_RATE), FROZEN_EPOCHS + UNFROZEN_EPOCHS,
                report.get("model_B_on_A").get("accuracy").asDouble(), rate(LEARNING_RATE), FROZEN_EPOCHS + UNFROZEN_EPOCHS,
                report.get("model_B").get("accuracy").asDouble(), report.get("frozen_layers_bit_identical").asBoolean(),
                report.get("model_A_unchanged").asBoolean(), seed);
    }
}
