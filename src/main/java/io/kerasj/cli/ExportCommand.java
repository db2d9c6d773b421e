package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.data.Split;
import io.kerasj.model.Checkpoint;
import io.kerasj.model.FitOptions;
import io.kerasj.model.Sequential;
import io.kerasj.model.ValidationData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kerasj export DIR}: the notebook's model, trained here (or restored from a checkpoint), written as a
 * SavedModel that Python, TF Serving and Java load, with {@code DIR.json} beside it (test loss and accuracy, the
 * first test images' probabilities).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Train the notebook's model (or restore a checkpoint) and export it as a TensorFlow SavedModel.")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The SavedModel directory to write, or a file ending in .keras for Keras 3's format.")
    Path dir;

    @Mixin
    DataDirOption data;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    int epochs;


    @Option(names = "--from-checkpoint", paramLabel = "DIR", description = "Export the weights of this checkpoint instead of training.")
    Path checkpoint;

    @Option(names = "--overwrite", description = "Replace DIR if it exists (atomically: the old model stays if the export fails).")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(dir) && !overwrite) {
            throw new KerasJException(dir + ": already exists; pass --overwrite to replace it");
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs: expected a number >= 0, found " + epochs);
        }
        PrintWriter out = spec.commandLine().getOut();
        Split split = data.fashionMnist().loadData().split(Split.DEFAULT_VALIDATION_SIZE);
        Checkpoint saved = checkpoint == null ? null : Checkpoint.read(checkpoint);
        try (Sequential model = saved == null ? modelOptions.build() : modelOptions.build(saved.seed())) {
            if (saved != null) {
                saved.restoreInto(model);
                out.println("Restored " + checkpoint + " (" + saved.epochsDone() + " epochs)");
            } else {
                model.fit(split.train().scaled(), split.train().labels(), FitOptions.defaults().epochs(epochs)
                        .output(ConsoleStream.of(out)).dynamicDisplay(false)
                        .validation(new ValidationData(split.validation().scaled(), split.validation().labels())));
            }
            model.save(dir, overwrite); // a name ending in .keras writes Keras 3's format
            double[] evaluation = model.evaluate(split.test().scaled(), split.test().labels(), 0,
                    new PrintStream(PrintStream.nullOutputStream()));
            Path report = ModelReport.write(model, dir, split.test(), evaluation, VersionProvider.writtenBy());
            out.println("Wrote " + dir);
            out.println("Wrote " + report);
        }
        out.flush();
        return 0;
    }
}
