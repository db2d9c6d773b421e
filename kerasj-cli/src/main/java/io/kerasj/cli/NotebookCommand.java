package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.callbacks.History;
import io.kerasj.data.FashionMnist;
import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.examples.FashionMnistModels;
import io.kerasj.model.Checkpoint;
import io.kerasj.model.CheckpointCallback;
import io.kerasj.model.FitOptions;
import io.kerasj.model.Predictions;
import io.kerasj.model.SavedModelExport;
import io.kerasj.model.Sequential;
import io.kerasj.model.ValidationData;
import io.kerasj.plot.LearningCurves;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kerasj notebook}: the whole seed notebook in order — versions, data shapes, the two pictures, the
 * summary, {@code fit} with progress, the History (printed and saved), the learning curves, {@code evaluate},
 * {@code predict} on the first three test images, and the exported SavedModel. Everything goes under one output
 * directory, listed at the end. Ctrl-C stops after the current chunk of steps and keeps the History so far.
 */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = "Run the whole Fashion-MNIST notebook: data, pictures, model, fit, curves, evaluate, predict, export.")
public final class NotebookCommand implements Callable<Integer> {
    /** Exit code after Ctrl-C, as a shell reports a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    @Mixin
    DataDirOption data;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    ModelChoice modelChoice;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    int epochs;


    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/<timestamp>).")
    Path out;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Write a checkpoint after every epoch into DIR.")
    Path checkpointDir;

    @Option(names = "--resume", description = "Resume from the checkpoint in --checkpoint-dir.")
    boolean resume;

    @Option(names = "--save-model", paramLabel = "DIR",
            description = "Also export the trained model to DIR with DIR.json beside it (e.g. saved_models/fashion_mnist_mlp).")
    Path saveModel;

    @Option(names = "--overwrite", description = "Replace an existing --save-model directory.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (modelChoice.listRequested()) {
            spec.commandLine().getOut().print(ModelChoice.listing());
            spec.commandLine().getOut().flush();
            return 0;
        }
        FashionMnistModels variant = modelChoice.variant();
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs: expected a number >= 0, found " + epochs);
        }
        if (resume && checkpointDir == null) {
            throw new IllegalArgumentException("--resume: expected --checkpoint-dir DIR to resume from, found none");
        }
        if (saveModel != null && Files.exists(saveModel) && !overwrite) {
            throw new KerasJException(saveModel + ": already exists; pass --overwrite to replace it");
        }
        Checkpoint checkpoint = resume ? Checkpoint.read(checkpointDir) : null;
        PrintWriter text = spec.commandLine().getOut();
        PrintStream console = ConsoleStream.of(text);
        Path dir = out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<Path> written = new ArrayList<>();

        for (String line : new VersionProvider().getVersion()) {
            text.println(line);
        }
        Split split = data.fashionMnist().loadData().split(Split.DEFAULT_VALIDATION_SIZE);
        Dataset train = variant.shape(split.train());
        Dataset validation = variant.shape(split.validation());
        text.println(Shapes.of(validation));
        text.println(Shapes.of(train));
        text.println(Shapes.of(variant.shape(split.test())));
        written.addAll(NotebookImages.write(split.train(), dir));

        FloatSamples xTrain = train.scaled();
        try (Sequential model = modelOptions.build(variant, checkpoint != null ? checkpoint.seed() : null, xTrain)) {
            text.print(model.summaryText());
            History history = new History();
            FitOptions options = FitOptions.defaults().epochs(epochs).output(console)
                    .dynamicDisplay(System.console() != null)
                    .validation(new ValidationData(validation.scaled(), validation.labels()))
                    .history(history);
            if (checkpoint != null) {
                checkpoint.restoreInto(model);
                history = checkpoint.history();
                options.history(history).initialEpoch(checkpoint.epochsDone());
                text.println("Resumed from " + checkpointDir + " after epoch " + checkpoint.epochsDone());
            }
            if (checkpointDir != null) {
                options.callback(new CheckpointCallback(model, history, checkpointDir));
            }
            text.flush();
            try (Interruption interruption = new Interruption(model)) {
                model.fit(xTrain, train.labels(), options);
                if (interruption.requested()) {
                    written.add(writeHistory(history, dir));
                    text.println();
                    text.println("Interrupted: kept " + history.epoch().size() + " complete epoch(s)"
                            + (checkpointDir != null ? "; last checkpoint in " + checkpointDir : ""));
                    listFiles(text, written);
                    return INTERRUPTED;
                }
            }
            text.println(history.toJson());
            written.add(writeHistory(history, dir));
            Path curves = dir.resolve("learning_curves.png");
            LearningCurves.write(history.history(), curves);
            written.add(curves);

            Dataset test = variant.shape(split.test());
            double[] evaluation = model.evaluate(test.scaled(), test.labels(), 1, console);
            text.println(Arrays.toString(evaluation));

            Dataset newImages = test.slice(0, 3);
            float[][] probabilities = model.predict(newImages.scaled());
            int[] classes = Predictions.argmax(probabilities);
            String[] names = Predictions.names(classes, FashionMnist.CLASS_NAMES);
            text.println(NumpyFormat.roundedArray(probabilities, 2));
            text.println(NumpyFormat.intArray(classes));
            text.println(NumpyFormat.stringArray(names));
            written.add(PredictionsFile.write(dir.resolve("predictions.json"), evaluation, probabilities, classes, names, newImages.labels()));

            Path exported = dir.resolve("saved_model");
            SavedModelExport.export(model, exported, true);
            written.add(exported);
            if (saveModel != null) {
                SavedModelExport.export(model, saveModel, overwrite);
                written.add(saveModel);
                written.add(ModelReport.write(model, saveModel, test, evaluation, VersionProvider.writtenBy()));
            }
        }
        listFiles(text, written);
        return 0;
    }

    private static void listFiles(PrintWriter text, List<Path> written) {
        text.println("Files written:");
        for (Path path : written) {
            text.println("  " + path.toAbsolutePath().normalize());
        }
        text.flush();
    }

    private static Path writeHistory(History history, Path dir) {
        Path file = dir.resolve("history.json");
        history.writeJson(file);
        return file;
    }
}
