package io.kerasj.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code kerasj} command. Each subcommand is its own class; to add one, list it in {@code subcommands}.
 * Every subcommand inherits {@code --debug} and reports errors through {@link ErrorHandler}: one line on
 * standard error, exit code 1 (runtime) or 2 (usage).
 */
@Command(name = "kerasj",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The Keras workflow in Java on TensorFlow Java.",
        subcommands = {
            DataCommand.class,
            ShowImagesCommand.class,
            NotebookCommand.class,
            InspectCommand.class,
            BenchCommand.class,
            ExportCommand.class,
            FitCommand.class,
            PredictCommand.class,
            ServeCommand.class,
            ServeBenchCommand.class,
            TuneCommand.class,
        })
public final class KerasJ implements Runnable {

    @Mixin
    DebugOption debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: print the usage and fail as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "expected a subcommand, found none");
    }

    /**
     * @return a command line with KerasJ's error handling, writing to standard output and error
     */
    public static CommandLine newCommandLine() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        CommandLine cl = new CommandLine(new KerasJ());
        ErrorHandler handler = new ErrorHandler();
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        return cl;
    }

    /**
     * Runs {@code kerasj} with the given streams (for tests and embedding), in a fresh naming session as a new
     * process would be ({@link io.kerasj.layers.Naming#clearSession()}).
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code: 0 on success, 1 on a runtime error, 2 on a usage error
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = newCommandLine();
        cl.setOut(out);
        cl.setErr(err);
        io.kerasj.layers.Naming.clearSession();
        try (LibraryWarnings.Route warnings = LibraryWarnings.routeTo(err)) {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The program's entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        CommandLine cl = newCommandLine();
        LibraryWarnings.routeTo(cl.getErr());
        System.exit(cl.execute(args));
    }
}
