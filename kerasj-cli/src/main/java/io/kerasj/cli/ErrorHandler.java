package io.kerasj.cli;

import io.kerasj.KerasJException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports every error of every subcommand the same way: one line {@code kerasj: error: <message>} on standard
 * error, the stack trace only with {@code --debug}, exit code 1 for runtime errors and 2 for usage errors.
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

    private static String message(Exception ex) {
        String message = ex.getMessage();
        String text;
        if (ex instanceof KerasJException || ex instanceof ParameterException || ex instanceof IllegalArgumentException) {
            text = message == null ? ex.getClass().getSimpleName() : message;
        } else {
            text = ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
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
