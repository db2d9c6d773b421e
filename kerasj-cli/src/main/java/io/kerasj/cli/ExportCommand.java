package io.kerasj.cli;

import io.kerasj.io.IoMessages;
import io.kerasj.KerasJException;
import io.kerasj.io.OutputKind;
import io.kerasj.io.Publication;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.data.Split;
import io.kerasj.callbacks.TrainingState;
import io.kerasj.models.FitOptions;
import io.kerasj.saving.savedmodel.SavedModelExport;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kerasj export DIR}: the notebook's model, trained here (or restored from a checkpoint), written as a
 * SavedModel that Python, TF Serving and Java load (or, for a name ending in {@code .keras}, Keras 3's format), with
 * {@code DIR.json} beside it (test loss and accuracy, the first test images' probabilities). The model and its report
 * are one {@link Publication}: checked, locked, built in a hidden sibling and published together.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Train the notebook's model (or restore a checkpoint) and export it as a TensorFlow SavedModel.")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The SavedModel directory to write, or a file name ending in .keras for Keras 3's format.")
    Path dir;

    @Mixin
    DataDirOption data;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    int epochs;


    @Option(names = "--from-checkpoint", paramLabel = "DIR", description = "Export the weights of this checkpoint instead of training.")
    Path checkpoint;

    @Option(names = "--overwrite", description = "Replace DIR and DIR.json if they are a SavedModel (or .keras file) and report KerasJ wrote (the old ones stay if the export fails).")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (epochs < 0) {
            throw new ParameterException(spec.commandLine(), "--epochs: expected a number >= 0, found " + epochs);
        }
        modelOptions.validate(spec.commandLine());
        TrainingState saved = checkpoint == null ? null : CheckpointDir.read(checkpoint);
        if (saved != null) {
            modelOptions.checkSeedMatches(spec.commandLine(), saved.seed(), checkpoint);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean kerasFile = KerasFiles.isKerasFile(dir);
        Path written;
        try (Publication publication = Publication.begin(dir, kerasFile ? OutputKind.KERAS_FILE : OutputKind.SAVED_MODEL,
                overwrite, "--overwrite", ModelReport.SUFFIX)) {
            Split split = data.fashionMnist().loadData().split(Split.DEFAULT_VALIDATION_SIZE);
            try (Sequential model = trainedOrRestored(saved, split, out)) {
                if (kerasFile) {
                    KerasFiles.writeInto(model, publication.staged(), publication.target());
                } else {
                    SavedModelExport.writeInto(model, publication.staged(), publication.target());
                }
                double[] evaluation = model.evaluate(split.test().scaled(), split.test().labels(), 0,
                        new PrintStream(PrintStream.nullOutputStream()));
                try {
                    ModelReport.write(model, publication.staged(), split.test(), evaluation, VersionProvider.writtenBy());
                } catch (IOException e) {
                    throw new KerasJException(ModelReport.fileFor(publication.target()) + ": cannot write it: " + IoMessages.describe(e), e);
                }
            }
            publication.commit();
            written = publication.target();
        }
        // the path written, with ".." and "." resolved as KerasJ resolved them (d/link/../m is d/m)
        out.println("Wrote " + written);
        out.println("Wrote " + ModelReport.fileFor(written));
        out.flush();
        return 0;
    }

    private Sequential trainedOrRestored(TrainingState saved, Split split, PrintWriter out) {
        Sequential model = saved == null ? modelOptions.build() : modelOptions.build(saved.seed());
        if (saved != null) {
            CheckpointDir.restoreWeights(saved, model, checkpoint);
            out.println("Restored " + checkpoint + " (" + saved.epochsDone() + " epochs)");
        } else {
            model.fit(split.train().scaled(), split.train().labels(), FitOptions.defaults().epochs(epochs)
                    .output(ConsoleStream.of(out)).dynamicDisplay(false)
                    .validation(new ValidationData(split.validation().scaled(), split.validation().labels())));
        }
        return model;
    }
}
