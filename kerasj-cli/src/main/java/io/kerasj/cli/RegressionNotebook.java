package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.callbacks.EarlyStopping;
import io.kerasj.callbacks.History;
import io.kerasj.callbacks.TensorBoard;
import io.kerasj.data.Dataset;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.data.Split;
import io.kerasj.io.AtomicFiles;
import io.kerasj.layers.Weight;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;
import io.kerasj.plot.LearningCurves;
import io.kerasj.saving.keras.KerasFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One of the Keras course's California-housing notebooks, run in order: the choice of optimizer, the data shapes,
 * the summary, {@code fit} with progress and EarlyStopping, the History (printed and saved), the learning curves,
 * {@code evaluate} on the test rows, {@code predict} on the first three, and the model saved. Files go into the run
 * folder's staging directory; {@link NotebookCommand} publishes it.
 */
final class RegressionNotebook {
    /** The most epochs: the notebooks' {@code epochs=100}, cut short by EarlyStopping. */
    static final int DEFAULT_EPOCHS = 100;
    /** EarlyStopping's {@code patience}. */
    static final int PATIENCE = 5;
    /** EarlyStopping's {@code min_delta}. */
    static final double MIN_DELTA = 1e-2;
    /**
     * The seed when {@code --seed} is not given: regression_notebooks.py's, the seed of the measured runs. (At SGD 0.01
     * the Sequential notebook diverges at 1 seed in 10, in Keras 3 as in KerasJ; KerasJ's seed 1 is one of them.)
     */
    static final long DEFAULT_SEED = 7;
    /** Keras's default batch size. */
    static final int BATCH_SIZE = 32;
    /** The test rows {@code predict} shows. */
    static final int NEW_ROWS = 3;
    /** The trained model, where KerasJ writes Keras's format for it. */
    static final String MODEL_FILE = "model.keras";
    /** The trained weights by Keras path ({@code dense/kernel}), for models not yet written as {@value #MODEL_FILE}. */
    /** {@code evaluate} and {@code predict}'s results. */
    static final String EVALUATION_FILE = "evaluation.json";

    private final CaliforniaHousingModels variant;
    private final double learningRate;
    private final boolean learningRateGiven;
    private final int epochs;

    /**
     * @param variant the notebook
     * @param learningRate {@code --learning-rate}, or null for the notebook's default
     * @param epochs the most epochs
     */
    RegressionNotebook(CaliforniaHousingModels variant, Double learningRate, int epochs) {
        this.variant = variant;
        this.learningRateGiven = learningRate != null;
        this.learningRate = learningRate != null ? learningRate : variant.defaultLearningRate();
        this.epochs = epochs;
    }

    /**
     * The notebook's first line: which notebook, with which optimizer and why, and how it trains.
     *
     * @param seed the seed
     * @return the line
     */
    String header(long seed) {
        String optimizer;
        if (learningRateGiven) {
            optimizer = String.format(Locale.ROOT, "SGD(learning_rate=%s) (--learning-rate)", number(learningRate));
        } else if (learningRate == CaliforniaHousingModels.KERAS_SGD_LEARNING_RATE) {
            optimizer = "\"sgd\" (SGD, learning_rate=0.01)";
        } else {
            optimizer = String.format(Locale.ROOT, "SGD(learning_rate=%s): at Keras's \"sgd\" (0.01) this network diverges to NaN within "
                    + "3 epochs, in Keras 3 as in KerasJ; --learning-rate overrides", number(learningRate));
        }
        return String.format(Locale.ROOT, "Notebook %s (California housing): %s, loss mean_squared_error, batch %d, "
                + "EarlyStopping(patience=%d, min_delta=%s), up to %d epochs, seed %d", variant.id(), optimizer, BATCH_SIZE,
                PATIENCE, number(MIN_DELTA), epochs, seed);
    }

    /**
     * Runs the notebook.
     *
     * @param split the course's split, scaled
     * @param model the notebook's compiled model (its thread settings applied)
     * @param tensorboard where TensorBoard logs go, or null
     * @param text the command's output
     * @param stage the staging directory of the run folder
     * @param dir the run folder, for messages
     * @return 0, or {@link NotebookCommand#INTERRUPTED} after Ctrl-C
     * @throws IOException when a file cannot be written
     */
    int run(Split split, Model model, java.nio.file.Path tensorboard, PrintWriter text, Path stage, Path dir) throws IOException {
        PrintStream console = ConsoleStream.of(text);
        text.println(Shapes.of(split.validation()));
        text.println(Shapes.of(split.train()));
        text.println(Shapes.of(split.test()));
        text.print(model.summaryText());

        Dataset train = split.train();
        Dataset valid = split.validation();
        History history = new History();
        EarlyStopping earlyStopping = new EarlyStopping().patience(PATIENCE).minDelta(MIN_DELTA);
        FitOptions options = FitOptions.defaults().epochs(epochs).batchSize(BATCH_SIZE).output(console)
                .dynamicDisplay(System.console() != null)
                .validation(ValidationData.of(variant.inputs(valid.floats()), variant.targets(valid.y())))
                .callback(earlyStopping)
                .history(history);
        if (tensorboard != null) {
            options.callback(new TensorBoard(tensorboard));
        }
        text.flush();
        try (Interruption interruption = new Interruption(model)) {
            model.fit(variant.inputs(train.floats()), variant.targets(train.y()), options);
            if (interruption.requested()) {
                history.writeJson(stage.resolve("history.json"));
                text.println();
                text.println("Interrupted: kept " + history.epoch().size() + " complete epoch(s)");
                return NotebookCommand.INTERRUPTED;
            }
        }
        if (earlyStopping.stoppedEpoch() > 0) {
            text.printf(Locale.ROOT, "EarlyStopping: stopped after epoch %d (val_loss did not improve by %s for %d epochs)%n",
                    earlyStopping.stoppedEpoch() + 1, number(MIN_DELTA), PATIENCE);
        }
        text.println(history.toJson());
        history.writeJson(stage.resolve("history.json"));
        LearningCurves.write(history.history(), stage.resolve("learning_curves.png"));

        Dataset test = split.test();
        Map<String, Double> evaluation = model.evaluateToMap(variant.inputs(test.floats()), variant.targets(test.y()), 1, console);
        text.println(evaluation.size() == 1 ? number(evaluation.values().iterator().next()) : evaluation.values().toString());

        Dataset newRows = test.slice(0, NEW_ROWS);
        List<float[][]> predictions = model.predict(variant.inputs(newRows.floats()));
        for (float[][] output : predictions) {
            text.println(NumpyFormat.roundedArray(output, 3));
        }
        float[] truth = newRows.y().floatValues();
        text.println(NumpyFormat.roundedArray(new float[][] {truth}, 3));
        writeEvaluation(stage.resolve(EVALUATION_FILE), evaluation, model.outputNames(), predictions, truth);

        saveModel(model, stage, dir, text);
        return 0;
    }

    /** Saves the model as {@value #MODEL_FILE}, Keras 3's format (a subclassed model as the graph it traced to). */
    private static void saveModel(Model model, Path stage, Path dir, PrintWriter text) {
        KerasFiles.writeInto(model, stage.resolve(MODEL_FILE), dir.resolve(MODEL_FILE));
    }

    private static void writeEvaluation(Path file, Map<String, Double> evaluation, List<String> outputNames,
            List<float[][]> predictions, float[] truth) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode evaluate = root.putObject("evaluate");
        evaluation.forEach(evaluate::put);
        ObjectNode predicted = root.putObject("predictions");
        for (int o = 0; o < predictions.size(); o++) {
            ArrayNode values = predicted.putArray(outputNames.get(o));
            for (float[] row : predictions.get(o)) {
                values.add(row[0]);
            }
        }
        ArrayNode yTrue = root.putArray("y_true");
        for (float v : truth) {
            yTrue.add(v);
        }
        AtomicFiles.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** A number as Python prints it: {@code 0.001}, {@code 0.01}, {@code 0.4224...}. */
    private static String number(double value) {
        return Double.toString(value);
    }
}
