package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.LoadOptions;
import io.kerasj.saving.savedmodel.SafetyReport;
import io.kerasj.saving.savedmodel.SavedModelInspector;
import io.kerasj.saving.savedmodel.UnsafeOpsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kerasj inspect DIR}: prints what {@code saved_model_cli show --all} prints plus the versions, variables and
 * op-safety verdict, then loads the model (if it is safe, or with {@code --allow-unsafe-ops}) to tell whether its
 * output is probabilities. Exit code 0, 1 when the directory is not a readable SavedModel, 2 when it holds unsafe
 * ops and {@code --allow-unsafe-ops} was not given.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a SavedModel's signatures, ops, functions, versions, variables and op-safety verdict.")
public final class InspectCommand implements Callable<Integer> {

    /** Exit code when the model holds unsafe ops and they were not allowed. */
    public static final int EXIT_UNSAFE = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the SavedModel directory")
    Path dir;

    @Option(names = "--allow-unsafe-ops", description = "load the model even if it runs op types outside the allow-list of ops Keras models export")
    boolean allowUnsafeOps;

    /** Creates the command; picocli sets its fields. */
    public InspectCommand() {
    }

    /** @return the exit code */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            out.print(SavedModelInspector.inspect(dir));
            try (KerasSavedModel model = KerasSavedModel.load(dir, LoadOptions.defaults().allowUnsafeOps(allowUnsafeOps))) {
                SafetyReport safety = model.safetyReport();
                out.println("  Loaded with TensorFlow " + org.tensorflow.TensorFlow.version()
                        + (safety.safe() ? "" : " (unsafe ops allowed)"));
                if (model.signatures().containsKey(KerasSavedModel.DEFAULT_SIGNATURE)) {
                    String probe;
                    try {
                        probe = model.outputIsProbabilities() ? "probabilities" : "not probabilities (logits or other)";
                    } catch (KerasJException e) {
                        // the model is valid and described above; only running it failed
                        probe = "not probed: " + e.getMessage();
                    }
                    out.println("  serving_default output: " + probe);
                }
            }
            out.flush();
            return 0;
        } catch (UnsafeOpsException e) {
            out.flush();
            err.println("kerasj: error: " + e.getMessage().replace("allowUnsafeOps(true)", "--allow-unsafe-ops"));
            err.flush();
            return EXIT_UNSAFE;
        } catch (KerasJException e) {
            out.flush();
            err.println("kerasj: error: " + ErrorHandler.message(e));
            err.flush();
            return 1;
        }
    }
}
