package io.kerasj.cli;

import io.kerasj.io.IoMessages;
import io.kerasj.KerasJException;
import io.kerasj.io.OutputRefusedException;
import java.nio.file.FileSystemException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports every error of every subcommand the same way: one line {@code kerasj: error: <message>} on standard
 * error, the stack trace only with {@code --debug}, exit code 1 for runtime errors and 2 for usage errors (a bad
 * option or argument, or an output target refused by {@link io.kerasj.io.OwnedOutputs}). Ctrl-C during training is
 * exit code 130, returned by the commands themselves.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Exit code of a runtime error. */
    static final int RUNTIME_ERROR = 1;
    /** Exit code of a usage error. */
    static final int USAGE_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof ParameterException pe) {
            return report(pe, cmd, debugRequested(parseResult), USAGE_ERROR, hint(cmd));
        }
        if (ex instanceof OutputRefusedException) {
            return report(ex, cmd, debugRequested(parseResult), USAGE_ERROR, "");
        }
        return report(ex, cmd, debugRequested(parseResult), RUNTIME_ERROR, "");
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        return report(ex, cmd, Arrays.asList(args).contains(DebugOption.NAME), USAGE_ERROR, hint(cmd));
    }

    private static int report(Exception ex, CommandLine cmd, boolean debug, int exitCode, String hint) {
        PrintWriter err = cmd.getErr();
        err.println("kerasj: error: " + message(ex) + hint);
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** The error's one line: KerasJ's own messages as they are, others with their type; TensorFlow's hints cut. */
    static String message(Exception ex) {
        String message = ex.getMessage();
        String text;
        if (ex instanceof io.kerasj.saving.savedmodel.UnsafeOpsException) {
            text = message.replace("allowUnsafeOps(true)", "--allow-unsafe-ops");
        } else if (ex instanceof KerasJException || ex instanceof ParameterException || ex instanceof IllegalArgumentException) {
            text = message == null ? ex.getClass().getSimpleName() : message.replace("safe_mode=false", "--allow-unsafe");
        } else if (IoMessages.describe(ex).equals(NO_SPACE)) {
            text = NO_SPACE + fileOf(ex);
        } else {
            text = ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        return IoMessages.withoutHints(text);
    }

    private static final String NO_SPACE = "no space left on device";

    private static String fileOf(Throwable ex) {
        for (Throwable e = ex; e != null; e = e.getCause()) {
            if (e instanceof FileSystemException fs && fs.getFile() != null) {
                return " (writing " + fs.getFile() + ")";
            }
        }
        return "";
    }

    private static String hint(CommandLine cmd) {
        return " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')";
    }

    private static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption(DebugOption.NAME)) {
                return true;
            }
        }
        return false;
    }
}
