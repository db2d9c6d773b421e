package io.kerasj.cli;

import io.kerasj.io.IoMessages;
import io.kerasj.KerasJException;
import io.kerasj.io.OutputKind;
import io.kerasj.io.OutputLock;
import io.kerasj.io.OwnedOutputs;
import io.kerasj.io.Publication;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.callbacks.History;
import io.kerasj.callbacks.TensorBoard;
import io.kerasj.callbacks.TrainingState;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.models.FitOptions;
import io.kerasj.data.Predictions;
import io.kerasj.saving.savedmodel.SavedModelExport;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;
import io.kerasj.plot.LearningCurves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kerasj notebook}: the whole seed notebook in order — versions, data shapes, the two pictures, the
 * summary, {@code fit} with progress, the History (printed and saved), the learning curves, {@code evaluate},
 * {@code predict} on the first three test images, and the exported SavedModel. Everything goes under one output
 * directory, listed at the end. Ctrl-C stops after the current chunk of steps and keeps the History so far.
 *
 * <p>Every argument and output target is checked before any work. The run folder (and the {@code --save-model}
 * export with its report) is built in a hidden staging folder and published whole at the end, or, after Ctrl-C,
 * with the pictures and History so far; a run killed earlier leaves no run folder.
 */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = {"Run the whole Fashion-MNIST notebook: data, pictures, model, fit, curves, evaluate, predict, export.",
                "With --model regression, wide-deep, wide-deep-multi-input, wide-deep-multi-output or wide-deep-subclass: "
                        + "the course's California-housing notebook (fit with EarlyStopping, curves, evaluate, predict, model saved).",
                "With --model transfer: Hands-On ML's transfer learning (ch. 11): model A on 8 classes, model B (shirt vs sandal, "
                        + "200 images) on A's layers frozen then unfrozen, against B from scratch; --epochs sets model A's (default 20)."})
public final class NotebookCommand implements Callable<Integer> {
    /** Exit code after Ctrl-C, as a shell reports a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    @Mixin
    DataDirOption data;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    ModelChoice modelChoice;

    /** Epochs of the Fashion-MNIST notebooks when {@code --epochs} is not given. */
    static final int DEFAULT_EPOCHS = 10;

    @Option(names = "--epochs", description = "Epochs to train (default: 10; the California-housing notebooks: up to 100, "
            + "with EarlyStopping).")
    Integer epochs;

    @Option(names = "--learning-rate", paramLabel = "LR",
            description = "SGD's learning rate for the California-housing notebooks (default: Keras's \"sgd\", 0.01; 0.001 for "
                    + "wide-deep and wide-deep-subclass, which diverge at 0.01).")
    Double learningRate;


    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/<timestamp>).")
    Path out;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Keep the training state in DIR after every epoch (BackupAndRestore's backup_dir, kept at the end).")
    Path checkpointDir;

    @Option(names = "--resume", description = "Resume from the checkpoint in --checkpoint-dir.")
    boolean resume;

    @Option(names = "--save-model", paramLabel = "DIR",
            description = "Also export the trained model to DIR with DIR.json beside it (e.g. saved_models/fashion_mnist_mlp); a name ending in .keras writes Keras 3's format.")
    Path saveModel;

    @Option(names = "--overwrite", description = "Replace an existing --out run folder, --save-model export or --checkpoint-dir "
            + "checkpoint; only ones KerasJ wrote are replaced.")
    boolean overwrite;

    @Option(names = "--tensorboard", paramLabel = "DIR",
            description = "Write TensorBoard logs (DIR/train, DIR/validation); view them with: tensorboard --logdir DIR")
    Path tensorboard;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (modelChoice.listRequested()) {
            spec.commandLine().getOut().print(ModelChoice.listing());
            spec.commandLine().getOut().flush();
            return 0;
        }
        modelChoice.checkNotebookModel();
        boolean transfer = modelChoice.transfer();
        CaliforniaHousingModels regression = modelChoice.regression();
        FashionMnistModels variant = regression == null && !transfer ? modelChoice.variant() : null;
        if (epochs == null) {
            epochs = regression != null ? RegressionNotebook.DEFAULT_EPOCHS : transfer ? TransferNotebook.DEFAULT_EPOCHS : DEFAULT_EPOCHS;
        }
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs: expected a number >= 1, found " + epochs);
        }
        if (resume && checkpointDir == null) {
            throw new ParameterException(spec.commandLine(), "--resume: expected --checkpoint-dir DIR to resume from, found none");
        }
        if (transfer) {
            checkTransferOptions();
        } else {
            checkRegressionOptions(regression);
        }
        modelOptions.validate(spec.commandLine());
        if (tensorboard != null) {
            TensorBoardDir.check(tensorboard);
        }
        Path dir = out != null ? out : freshRunFolder();
        try (Publication run = Publication.begin(dir, OutputKind.RUN, overwrite, "--overwrite");
             Publication export = saveModel == null ? null : Publication.begin(saveModel,
                     KerasFiles.isKerasFile(saveModel) ? OutputKind.KERAS_FILE : OutputKind.SAVED_MODEL,
                     overwrite, "--overwrite", ModelReport.SUFFIX);
             OutputLock checkpointLock = checkpointDir == null ? null : OutputLock.acquire(checkpointDir)) {
            TrainingState checkpoint = null;
            if (checkpointDir != null) {
                if (resume) {
                    checkpoint = CheckpointDir.read(checkpointDir);
                    modelOptions.checkSeedMatches(spec.commandLine(), checkpoint.seed(), checkpointDir);
                    if (checkpoint.epochsDone() > epochs) {
                        throw new ParameterException(spec.commandLine(), "--epochs " + epochs + ": the checkpoint in "
                                + checkpointDir + " has already done " + checkpoint.epochsDone() + " epochs");
                    }
                } else {
                    OwnedOutputs.checkWritable(checkpointDir, OutputKind.CHECKPOINT, overwrite, "--resume (to continue it) or --overwrite");
                }
                CheckpointDir.removeTemporaries(checkpointDir);
                if (!resume) {
                    CheckpointDir.discard(checkpointDir); // only a KerasJ checkpoint, and only with --overwrite, gets here
                }
            }
            Path stage = run.staged();
            Files.createDirectory(stage);
            int code;
            try {
                code = transfer ? runTransfer(stage)
                        : regression != null ? runRegression(regression, dir, stage) : runNotebook(variant, checkpoint, dir, stage, export);
            } catch (IOException | UncheckedIOException e) {
                throw new KerasJException(dir + ": cannot write the run: " + IoMessages.describe(e), e);
            }
            OwnedOutputs.markRun(stage);
            run.commit();
            listFiles(spec.commandLine().getOut(), dir, code == 0 ? saveModel : null, tensorboard);
            return code;
        }
    }

    /** Runs the notebook, writing the run folder {@code dir} into {@code stage}; publishes {@code export} when complete. */
    private int runNotebook(FashionMnistModels variant, TrainingState checkpoint, Path dir, Path stage, Publication export)
            throws IOException {
        PrintWriter text = spec.commandLine().getOut();
        PrintStream console = ConsoleStream.of(text);
        for (String line : new VersionProvider().getVersion()) {
            text.println(line);
        }
        Split split = data.fashionMnist().loadData().split(Split.DEFAULT_VALIDATION_SIZE);
        Dataset train = variant.shape(split.train());
        Dataset validation = variant.shape(split.validation());
        text.println(Shapes.of(validation));
        text.println(Shapes.of(train));
        text.println(Shapes.of(variant.shape(split.test())));
        NotebookImages.write(split.train(), stage);

        FloatSamples xTrain = train.scaled();
        try (Sequential model = modelOptions.build(variant, checkpoint != null ? checkpoint.seed() : null, xTrain)) {
            text.print(model.summaryText());
            History history = new History();
            FitOptions options = FitOptions.defaults().epochs(epochs).output(console)
                    .dynamicDisplay(System.console() != null)
                    .validation(new ValidationData(validation.scaled(), validation.labels()))
                    .history(history);
            if (checkpointDir != null) {
                // restores the weights, optimizer state, History and initial epoch, then keeps the state after each epoch
                options.callback(new BackupAndRestore(checkpointDir).deleteCheckpoint(false));
            }
            if (checkpoint != null) {
                text.println("Resumed from " + checkpointDir + " after epoch " + checkpoint.epochsDone());
            }
            if (tensorboard != null) {
                options.callback(new TensorBoard(tensorboard));
            }
            text.flush();
            try (Interruption interruption = new Interruption(model)) {
                model.fit(xTrain, train.labels(), options);
                if (interruption.requested()) {
                    writeHistory(history, stage);
                    text.println();
                    text.println("Interrupted: kept " + history.epoch().size() + " complete epoch(s)"
                            + (checkpointDir != null ? "; last checkpoint in " + checkpointDir : ""));
                    return INTERRUPTED;
                }
            }
            text.println(history.toJson());
            writeHistory(history, stage);
            LearningCurves.write(history.history(), stage.resolve("learning_curves.png"));

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
            PredictionsFile.write(stage.resolve("predictions.json"), evaluation, probabilities, classes, names, newImages.labels());

            SavedModelExport.writeInto(model, stage.resolve("saved_model"), dir.resolve("saved_model"));
            if (export != null) {
                if (KerasFiles.isKerasFile(saveModel)) {
                    KerasFiles.writeInto(model, export.staged(), export.target());
                } else {
                    SavedModelExport.writeInto(model, export.staged(), export.target());
                }
                ModelReport.write(model, export.staged(), test, evaluation, VersionProvider.writtenBy());
                export.commit();
            }
        }
        return 0;
    }

    /** Refuses, before any work, the options that only one series takes. */
    private void checkRegressionOptions(CaliforniaHousingModels regression) {
        if (regression == null) {
            if (learningRate != null) {
                throw new ParameterException(spec.commandLine(), "--learning-rate: only the California-housing notebooks take it ("
                        + CaliforniaHousingModels.names() + "); the Fashion-MNIST models train as their notebooks");
            }
            return;
        }
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new ParameterException(spec.commandLine(), "--learning-rate: expected a positive number, found " + learningRate);
        }
        for (Object[] option : new Object[][] {{"--checkpoint-dir", checkpointDir}, {"--resume", resume ? true : null},
                {"--save-model", saveModel}}) {
            if (option[1] != null) {
                throw new ParameterException(spec.commandLine(), option[0] + ": the California-housing notebooks do not take it yet "
                        + "(their run folder holds the trained model)");
            }
        }
    }

    /** Refuses, before any work, the options the transfer notebook does not take. */
    private void checkTransferOptions() {
        for (Object[] option : new Object[][] {{"--learning-rate", learningRate}, {"--checkpoint-dir", checkpointDir},
                {"--resume", resume ? true : null}, {"--save-model", saveModel}, {"--tensorboard", tensorboard}}) {
            if (option[1] != null) {
                throw new ParameterException(spec.commandLine(), option[0] + ": the transfer notebook does not take it (it trains "
                        + "three models as the book does, with SGD(0.001) then SGD(0.0001))");
            }
        }
    }

    /** Runs the transfer-learning notebook, writing its files into {@code stage}. */
    private int runTransfer(Path stage) throws IOException {
        PrintWriter text = spec.commandLine().getOut();
        for (String line : new VersionProvider().getVersion()) {
            text.println(line);
        }
        TransferNotebook notebook = new TransferNotebook(epochs, modelOptions.seedOr(spec.commandLine(), TransferNotebook.DEFAULT_SEED));
        text.println(notebook.header());
        Split split = data.fashionMnist().loadData().split(Split.DEFAULT_VALIDATION_SIZE);
        return notebook.run(split, modelOptions::withThreads, text, stage);
    }

    /** Runs a California-housing notebook, writing the run folder {@code dir} into {@code stage}. */
    private int runRegression(CaliforniaHousingModels regression, Path dir, Path stage) throws IOException {
        PrintWriter text = spec.commandLine().getOut();
        for (String line : new VersionProvider().getVersion()) {
            text.println(line);
        }
        RegressionNotebook notebook = new RegressionNotebook(regression, learningRate, epochs);
        long seed = modelOptions.seedOr(spec.commandLine(), RegressionNotebook.DEFAULT_SEED);
        text.println(notebook.header(seed));
        Split split = data.californiaHousing().notebookSplit();
        try (Model model = modelOptions.build(regression, seed, learningRate != null ? learningRate : regression.defaultLearningRate())) {
            return notebook.run(split, model, tensorboard, text, stage, dir);
        }
    }

    /** {@code runs/<timestamp>}, with {@code -2}, {@code -3}, ... when a run of the same second exists. */
    private static Path freshRunFolder() {
        Path base = Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path dir = base;
        for (int n = 2; Files.exists(dir); n++) {
            dir = base.resolveSibling(base.getFileName() + "-" + n);
        }
        return dir;
    }

    /** Lists the published run folder's files, then the export and its report. */
    private static void listFiles(PrintWriter text, Path dir, Path exported, Path tensorBoardLogs) throws IOException {
        text.println("Files written:");
        Path absolute = dir.toAbsolutePath().normalize();
        try (var entries = Files.list(absolute)) {
            for (Path path : entries.sorted(NotebookCommand::writeOrder).toList()) {
                if (!path.getFileName().toString().equals(OwnedOutputs.RUN_MARKER)) {
                    text.println("  " + path);
                }
            }
        }
        if (exported != null) {
            text.println("  " + exported.toAbsolutePath().normalize());
            text.println("  " + ModelReport.fileFor(exported.toAbsolutePath().normalize()));
        }
        if (tensorBoardLogs != null) {
            text.println("  " + tensorBoardLogs.toAbsolutePath().normalize() + " (TensorBoard: tensorboard --logdir "
                    + tensorBoardLogs + ")");
        }
        text.flush();
    }

    private static final List<String> ORDER = List.of("single_image.png", "grid_images.png", "history.json",
            "learning_curves.png", "predictions.json", RegressionNotebook.EVALUATION_FILE, "saved_model",
            RegressionNotebook.MODEL_FILE, TransferNotebook.NOTES_FILE);

    private static int writeOrder(Path a, Path b) {
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(Path p) {
        int i = ORDER.indexOf(p.getFileName().toString());
        return i < 0 ? ORDER.size() : i;
    }

    private static Path writeHistory(History history, Path dir) {
        Path file = dir.resolve("history.json");
        history.writeJson(file);
        return file;
    }
}
