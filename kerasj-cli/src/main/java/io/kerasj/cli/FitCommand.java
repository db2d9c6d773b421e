package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.callbacks.History;
import io.kerasj.io.OutputKind;
import io.kerasj.io.Publication;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.saving.keras.KerasLoadOptions;
import io.kerasj.saving.savedmodel.SavedModelExport;
import io.kerasj.io.IoMessages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kerasj fit --model M --train PATH --epochs N --save OUT}: trains a compiled {@code .keras} or {@code .h5}
 * model on data files ({@link TrainingInput}: {@code .npy} pairs, CSV, TFRecord, image folders), printing Keras's
 * progress line per epoch and then the History as the notebook does, and saves it to OUT as {@code model.save}
 * picks the format (a name ending in {@code .keras}: Keras 3's file; any other: a SavedModel folder). OUT follows
 * {@code export}'s ownership rules: an existing OUT is replaced only with {@code --overwrite} and only when KerasJ
 * wrote it; the model is built in a hidden sibling and published whole, under OUT's lock. Every argument (and OUT)
 * is checked before the model is loaded: a refusal is exit 2 in one line; bad data is exit 1 in one line naming
 * the file and the row, and nothing is saved.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Train a compiled .keras or .h5 model on .npy, CSV, TFRecord or image-folder data and save it.")
public final class FitCommand implements Callable<Integer> {
    /** The largest {@code --image-size} accepted, as {@link io.kerasj.data.ImageInput}'s pixel cap. */
    private static final long MAX_IMAGE_PIXELS = 1L << 26;

    @Option(names = "--model", required = true, paramLabel = "M", description = "a compiled model: a .keras or .h5 file")
    Path model;

    @Option(names = "--train", required = true, paramLabel = "PATH",
            description = "training data: x.npy,y.npy or a folder holding x.npy (or NAME.npy per model input) and y.npy; "
                    + "a .csv file, a list a.csv,b.csv or a folder of .csv shards; .tfrecord/.tfrecords/.gz files or a folder "
                    + "of them; a folder of class subfolders of images")
    String train;

    @Option(names = "--validation", paramLabel = "PATH", description = "validation data, in any form --train takes")
    String validation;

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "epochs to train")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "32", description = "samples per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--save", required = true, paramLabel = "OUT",
            description = "where to save the trained model: a name ending in .keras, or a SavedModel folder")
    Path save;

    @Option(names = "--history", paramLabel = "FILE.json",
            description = "also write the History as JSON to this new file (an existing file is never replaced)")
    Path historyFile;

    @Option(names = "--overwrite", description = "replace OUT if it is a model KerasJ wrote (the old one stays if fit fails)")
    boolean overwrite;

    @Option(names = "--seed", paramLabel = "S", description = "the model's seed: shuffling and dropout masks")
    Long seed;

    @Option(names = "--steps-per-epoch", paramLabel = "K", description = "steps per epoch (default: one pass over the data)")
    Integer stepsPerEpoch;

    @Option(names = "--shuffle", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "shuffle the training samples each epoch, as Keras's fit (default: on; --no-shuffle to read them in order)")
    boolean shuffle;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "CSV: the label column, by header name or 0-based index (default: the last column); "
                    + "TFRecord: the label feature (default: label)")
    String label;

    @Option(names = "--image-size", paramLabel = "H,W",
            description = "image folders: the size images are resized to (default: the model's input shape)")
    String imageSize;

    @Option(names = "--allow-unsafe", description = "load the model beyond Keras's safe mode (safe_mode=False); Python code and "
            + "unregistered layer classes never load")
    boolean allowUnsafe;

    @Spec
    CommandSpec spec;

    private int[] imageHeightWidth;

    /** Creates the command; picocli sets its fields. */
    public FitCommand() {
    }

    /**
     * @return 0 after saving the trained model, 130 after Ctrl-C (nothing saved)
     * @throws Exception a one-line error for the ErrorHandler
     */
    @Override
    public Integer call() throws Exception {
        TrainingInput trainInput = checkArguments();
        TrainingInput validationInput = validation == null ? null : input("--validation", validation);
        PrintWriter out = spec.commandLine().getOut();
        boolean kerasFile = KerasFiles.isKerasFile(save);
        try (Publication publication = Publication.begin(save, kerasFile ? OutputKind.KERAS_FILE : OutputKind.SAVED_MODEL,
                overwrite, "--overwrite");
             Publication historyOut = historyFile == null ? null
                     : Publication.begin(historyFile, OutputKind.OUTPUTS, false, "--history");
             Model m = load()) {
            Long shuffleSeed = shuffle ? Long.valueOf(seed != null ? seed : m.seed()) : null;
            Pipeline trainData = PipelineFit.training(open("--train", trainInput, m, shuffleSeed), batchSize, shuffleSeed);
            Pipeline validationData = validationInput == null ? null
                    : PipelineFit.validation(open("--validation", validationInput, m, null), batchSize);
            History history = new History();
            FitOptions options = FitOptions.defaults().epochs(epochs)
                    .output(ConsoleStream.of(out)).dynamicDisplay(System.console() != null).history(history);
            out.flush();
            try (Interruption interruption = new Interruption(m)) {
                PipelineFit.fit(m, trainData, validationData, options, stepsPerEpoch);
                if (interruption.requested()) {
                    out.println();
                    out.println("Interrupted after " + history.epoch().size() + " complete epoch(s): " + save + " not saved");
                    out.flush();
                    return NotebookCommand.INTERRUPTED;
                }
            }
            out.println(history.toJson());
            if (kerasFile) {
                KerasFiles.writeInto(m, publication.staged(), publication.target());
            } else {
                SavedModelExport.writeInto(m, publication.staged(), publication.target());
            }
            if (historyOut != null) {
                writeHistory(history, historyOut);
            }
            publication.commit();
            out.println("Wrote " + publication.target());
            if (historyOut != null) {
                historyOut.commit();
                out.println("Wrote " + historyOut.target());
            }
        }
        out.flush();
        return 0;
    }

    private static void writeHistory(History history, Publication target) {
        try {
            Files.writeString(target.staged(), history.toJson() + "\n", StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new KerasJException(target.target() + ": cannot write the History: " + IoMessages.describe(e), e);
        }
    }

    /** Every check that needs no model: numbers, the model file, the data paths and their kinds. */
    private TrainingInput checkArguments() {
        if (epochs < 1) {
            throw usage("--epochs: expected a number >= 1, found " + epochs);
        }
        if (batchSize < 1) {
            throw usage("--batch-size: expected a number >= 1, found " + batchSize);
        }
        if (stepsPerEpoch != null && stepsPerEpoch < 1) {
            throw usage("--steps-per-epoch: expected a number >= 1, found " + stepsPerEpoch);
        }
        if (stepsPerEpoch != null && !PipelineFit.takesStepsPerEpoch()) {
            throw usage("--steps-per-epoch is not supported yet");
        }
        if (imageSize != null) {
            imageHeightWidth = parseImageSize(imageSize);
        }
        if (!Files.exists(model)) {
            throw usage("--model: " + model + " does not exist");
        }
        if (!Files.isRegularFile(model)) {
            throw usage("--model: " + model + ": expected a .keras or .h5 model file, found "
                    + (Files.isDirectory(model) ? "a folder" : "a FIFO, socket or device"));
        }
        String saveName = save.getFileName() == null ? "" : save.getFileName().toString().toLowerCase(Locale.ROOT);
        if (saveName.endsWith(".h5") || saveName.endsWith(".hdf5")) {
            throw usage("--save: " + save + ": KerasJ saves .keras files and SavedModel folders, not legacy .h5: name it "
                    + "with .keras");
        }
        if (historyFile != null && historyFile.toAbsolutePath().normalize().equals(save.toAbsolutePath().normalize())) {
            throw usage("--history: " + historyFile + " is OUT: name another file");
        }
        return input("--train", train);
    }

    private TrainingInput input(String option, String spec) {
        TrainingInput in;
        try {
            in = TrainingInput.parse(spec);
        } catch (TrainingInput.Refused e) {
            throw usage(option + ": " + e.getMessage());
        }
        if (!PipelineFit.reads(in.kind())) {
            throw usage(option + ": " + in.describe() + ": " + in.kind().description() + " input is not supported yet");
        }
        return in;
    }

    /** @return {height, width} from "H,W" */
    private int[] parseImageSize(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length == 2) {
            try {
                int h = Integer.parseInt(parts[0].strip());
                int w = Integer.parseInt(parts[1].strip());
                if (h > 0 && w > 0 && (long) h * w <= MAX_IMAGE_PIXELS) {
                    return new int[] {h, w};
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw usage("--image-size: expected H,W, two numbers >= 1 of at most " + MAX_IMAGE_PIXELS + " pixels, found '" + text + "'");
    }

    private Model load() {
        List<String> warnings = new ArrayList<>();
        KerasLoadOptions options = KerasLoadOptions.defaults().safeMode(!allowUnsafe).warnings(warnings::add);
        if (seed != null) {
            options = options.seed(seed);
        }
        Model m = KerasFiles.load(model, options);
        if (m.compileConfig() == null) {
            m.close();
            throw new KerasJException(model + " has no training configuration (compile it before saving)"
                    + (warnings.isEmpty() ? "" : ": " + warnings.get(0)));
        }
        return m;
    }

    private Pipeline open(String option, TrainingInput in, Model m, Long shuffleSeed) {
        try {
            return PipelineFit.open(in, m, label, imageHeightWidth, shuffleSeed, ConsoleStream.of(spec.commandLine().getOut()));
        } catch (TrainingInput.Refused e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
