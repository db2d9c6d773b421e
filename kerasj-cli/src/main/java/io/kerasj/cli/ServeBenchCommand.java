package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.BatchShapeTolerance;
import io.kerasj.data.FloatSamples;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.LoadOptions;
import io.kerasj.serving.ModelServer;
import io.kerasj.serving.SavedModelServable;
import io.kerasj.serving.ServerOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kerasj serve-bench --model DIR}: starts {@code kerasj serve}'s server on a free loopback port in this
 * process and loads it with 1, 8 and 64 concurrent clients, each request one Fashion-MNIST test image in the row
 * format; prints requests/s and p50/p99 latency per level, and counts as an error any answer that is not 200 with
 * predictions agreeing with the model's own {@code predict} within {@link BatchShapeTolerance} (and the same argmax).
 * Bounded in requests and in time per level.
 */
@Command(name = "serve-bench", mixinStandardHelpOptions = true,
        description = "Load-test kerasj serve on loopback: requests/s and p50/p99 latency at 1, 8 and 64 concurrent clients.")
public final class ServeBenchCommand implements Callable<Integer> {
    private static final int DISTINCT_IMAGES = 256;

    @Mixin
    DataDirOption data;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the SavedModel directory")
    Path model;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "3000",
            description = "requests per concurrency level (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "60",
            description = "time budget per level; requests not sent by then count as dropped (default: ${DEFAULT-VALUE})")
    int maxSeconds;

    @Option(names = "--clients", paramLabel = "N", split = ",", defaultValue = "1,8,64",
            description = "the concurrency levels (default: ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "256", description = "as for serve (default: ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(names = "--batch-timeout-ms", paramLabel = "T", defaultValue = "0", description = "as for serve (default: ${DEFAULT-VALUE})")
    int batchTimeoutMs;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Creates the command; picocli sets its fields. */
    public ServeBenchCommand() {
    }

    /**
     * @return 0 when every level ran without errors or drops, else 1
     * @throws Exception a one-line error for the ErrorHandler
     */
    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(model)) {
            throw new ParameterException(spec.commandLine(), "--model: expected a SavedModel directory, found "
                    + (Files.exists(model) ? "a file: " : "nothing at ") + model);
        }
        if (requests < 1 || maxSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--requests and --max-seconds: expected at least 1, found "
                    + requests + " and " + maxSeconds);
        }
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 1024)) {
            throw new ParameterException(spec.commandLine(), "--clients: expected levels from 1 to 1024, found " + clients);
        }
        ServerOptions options;
        try {
            options = ServerOptions.defaults("bench").batching(maxBatch, batchTimeoutMs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-batch/--batch-timeout-ms: " + e.getMessage());
        }
        FloatSamples images = data.fashionMnist().loadData().test().slice(0, DISTINCT_IMAGES).scaled();
        float[][] expected;
        try (KerasSavedModel reference = KerasSavedModel.load(model)) {
            expected = reference.predict(images);
        }
        List<String> bodies = new ArrayList<>();
        List<float[][]> answers = new ArrayList<>();
        float[] values = images.unsafeValues();
        for (int i = 0; i < DISTINCT_IMAGES; i++) {
            bodies.add(instance(values, i, images.sampleSize()));
            answers.add(new float[][] {expected[i]});
        }
        List<LoadTest.Level> levels = new ArrayList<>();
        try (SavedModelServable servable = SavedModelServable.load(model, LoadOptions.defaults());
             ModelServer server = ModelServer.start(servable, options)) {
            URI predict = URI.create(server.modelUri() + ":predict");
            LoadTest.run(predict, bodies, answers, 4, 200, 30); // warm-up: JIT, connections, TensorFlow's first runs
            for (int c : clients) {
                levels.add(LoadTest.run(predict, bodies, answers, c, requests, maxSeconds));
            }
        }
        print(levels);
        return levels.stream().allMatch(l -> l.errors() == 0 && l.dropped() == 0) ? 0 : ErrorHandler.RUNTIME_ERROR;
    }

    private static String instance(float[] values, int index, int size) {
        StringBuilder b = new StringBuilder("{\"instances\":[[");
        for (int r = 0; r < 28; r++) {
            b.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < 28; c++) {
                b.append(c == 0 ? "" : ",").append(values[index * size + r * 28 + c]);
            }
            b.append(']');
        }
        return b.append("]]}").toString();
    }

    private void print(List<LoadTest.Level> levels) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LoadTest.Level l : levels) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("clients", l.clients());
                row.put("requests", l.requests());
                row.put("errors", l.errors());
                row.put("dropped", l.dropped());
                row.put("seconds", l.seconds());
                row.put("requests_per_second", l.requestsPerSecond());
                row.put("p50_ms", l.p50Millis());
                row.put("p99_ms", l.p99Millis());
                rows.add(row);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", model.toString());
            report.put("answers_checked_within", BatchShapeTolerance.describe());
            report.put("levels", rows);
            out.println(new ObjectMapper().writeValueAsString(report));
        } else {
            out.println("kerasj serve on 127.0.0.1, " + model + ", one image per request, row format; answers checked against"
                    + " local predict within " + BatchShapeTolerance.describe() + ", same argmax");
            out.println("| clients | requests | errors | dropped | requests/s | p50 ms | p99 ms |");
            out.println("|---|---|---|---|---|---|---|");
            for (LoadTest.Level l : levels) {
                out.println(String.format(Locale.ROOT, "| %d | %d | %d | %d | %.0f | %.2f | %.2f |", l.clients(), l.requests(),
                        l.errors(), l.dropped(), l.requestsPerSecond(), l.p50Millis(), l.p99Millis()));
                if (!l.firstError().isEmpty()) {
                    out.println("  first error: " + l.firstError());
                }
            }
        }
        out.flush();
    }
}
