package io.kerasj.cli;

import io.kerasj.saving.savedmodel.LoadOptions;
import io.kerasj.serving.ModelServer;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.serving.KerasFileServable;
import io.kerasj.serving.SavedModelServable;
import io.kerasj.serving.ServableModel;
import io.kerasj.serving.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code kerasj serve --model DIR}: TF Serving's REST API for one SavedModel until SIGTERM or Ctrl-C, which let
 * the requests in flight finish and then exit 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a SavedModel over TensorFlow Serving's REST API (/v1/models/NAME, :predict, /metadata).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M", description = "the model: a SavedModel directory, a .keras or an .h5 file")
    Path model;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "default",
            description = "the model name in the URLs (default: ${DEFAULT-VALUE}, as TF Serving's)")
    String name;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8501",
            description = "the port (default: ${DEFAULT-VALUE}, TF Serving's REST port; 0 for any free port)")
    int port;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "256",
            description = "the most rows merged from concurrent requests into one TensorFlow run (default: ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(names = "--batch-timeout-ms", paramLabel = "T", defaultValue = "0",
            description = "how long a batch waits for more requests; 0 takes those already queued (default: ${DEFAULT-VALUE})")
    int batchTimeoutMs;

    @Option(names = "--max-body-mb", paramLabel = "MB", defaultValue = "64",
            description = "the largest request body; larger ones get 413 (default: ${DEFAULT-VALUE})")
    int maxBodyMb;

    @Option(names = "--allow-unsafe-ops", description = "load the model even if it runs op types outside the allow-list of ops Keras models export")
    boolean allowUnsafeOps;

    @Option(names = "--allow-unsafe", description = "load a .keras or .h5 file beyond Keras's safe mode (safe_mode=False): "
            + "a custom loss or metric that is not registered leaves the model uncompiled; Python code and unregistered layer classes never load")
    boolean allowUnsafe;

    @Spec
    CommandSpec spec;

    /** Creates the command; picocli sets its fields. */
    public ServeCommand() {
    }

    /**
     * @return 0 once stopped by SIGTERM or Ctrl-C and drained
     * @throws Exception a one-line error for the ErrorHandler
     */
    @Override
    public Integer call() throws Exception {
        ServerOptions options = checkedOptions();
        PrintWriter out = spec.commandLine().getOut();
        try (ServableModel servable = KerasFiles.isModelFile(model) ? KerasFileServable.load(model, !allowUnsafe)
                : SavedModelServable.load(model, LoadOptions.defaults().allowUnsafeOps(allowUnsafeOps))) {
            CountDownLatch stop = new CountDownLatch(1);
            ModelServer server;
            try {
                server = ModelServer.start(servable, options);
            } catch (java.io.IOException e) {
                throw new io.kerasj.KerasJException("--host/--port: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            Thread hook = new Thread(server::stop, "kerasj-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            Signal.handle(new Signal("TERM"), s -> stop.countDown());
            Signal.handle(new Signal("INT"), s -> stop.countDown());
            out.println("kerasj serve: model '" + name + "' from " + model + " at " + server.modelUri()
                    + " (SIGTERM or Ctrl-C to stop)");
            out.flush();
            stop.await();
            out.println("kerasj serve: stopping, answering the requests in flight");
            out.flush();
            int left = server.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            long[] counts = server.runCounts();
            out.println("kerasj serve: stopped after " + counts[0] + " model runs of " + counts[1] + " rows"
                    + (left == 0 ? "" : "; " + left + " requests were still running after " + options.drainSeconds() + " s"));
            out.flush();
            return left == 0 ? 0 : ErrorHandler.RUNTIME_ERROR;
        }
    }

    private ServerOptions checkedOptions() {
        boolean kerasFile = KerasFiles.isModelFile(model) && Files.isRegularFile(model);
        if (!kerasFile && !Files.isDirectory(model)) {
            throw new ParameterException(spec.commandLine(), "--model: expected a SavedModel directory, a .keras or an"
                    + " .h5 file, found " + (Files.exists(model) ? "something else: " : "nothing at ") + model);
        }
        if (maxBodyMb < 1 || maxBodyMb > 1024) {
            throw new ParameterException(spec.commandLine(), "--max-body-mb: expected 1 to 1024, found " + maxBodyMb);
        }
        try {
            return new ServerOptions(name, host, port, maxBatch, batchTimeoutMs, maxBodyMb << 20, 64, 30,
                    io.kerasj.serving.ConnectionLimits.defaults());
        } catch (IllegalArgumentException e) {
            String option = e.getMessage().startsWith("max batch") ? "--max-batch"
                    : e.getMessage().startsWith("batch timeout") ? "--batch-timeout-ms"
                    : e.getMessage().startsWith("port") ? "--port" : "--name";
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
    }
}
