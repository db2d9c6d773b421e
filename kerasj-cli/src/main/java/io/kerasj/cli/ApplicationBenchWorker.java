package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.callbacks.Callback;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.NpyArray;
import io.kerasj.datasets.NumpyFiles;
import io.kerasj.layers.Layer;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.callbacks.History;
import io.kerasj.models.Model;
import io.kerasj.optimizers.Adam;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.saving.keras.KerasLoadOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * KerasJ's side of {@code kerasj bench --model mobilenetv2} (and the other {@link BenchApplication}s), run in a
 * child JVM of its own so that its peak memory is the model's alone: loads {@code DIR/model.keras},
 * {@code DIR/x.npy} and {@code DIR/y.npy} as {@code python-reference/bench_applications.py serve} does, and answers
 * the same commands, one a line, each with one JSON line, so that the two sides take turns measurement by
 * measurement: {@code predict}, {@code freeze}, {@code unfreeze}, {@code epoch}, {@code quit} (see that script).
 */
public final class ApplicationBenchWorker {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream NOWHERE = new PrintStream(PrintStream.nullOutputStream());

    private final Model model;
    private final Layer base;
    private final FloatSamples x;
    private final int[] y;

    private ApplicationBenchWorker(Model model, FloatSamples x, int[] y) {
        this.model = model;
        this.base = model.layers().stream().filter(l -> l instanceof Model).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected a nested base model, found none"));
        this.x = x;
        this.y = y;
    }

    /**
     * Serves the commands of standard input on standard output; the first line is {@code {"ready": true, ...}}, or
     * {@code {"error": ...}} when the model does not load.
     *
     * @param args the folder holding {@code model.keras}, {@code x.npy} and {@code y.npy}
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(NOWHERE); // stdout carries the protocol alone
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        serve(Path.of(args[0]), in, out);
        out.flush();
        System.exit(0);
    }

    /**
     * @param dir the folder of the model and the images
     * @param in the commands
     * @param out the replies
     */
    static void serve(Path dir, BufferedReader in, PrintStream out) throws IOException {
        long start = System.nanoTime();
        ApplicationBenchWorker worker;
        try {
            NpyArray xs = NumpyFiles.read(dir.resolve("x.npy"));
            NpyArray ys = NumpyFiles.read(dir.resolve("y.npy"));
            long[] shape = xs.shape();
            int[] sampleShape = new int[shape.length - 1];
            for (int i = 1; i < shape.length; i++) {
                sampleShape[i - 1] = Math.toIntExact(shape[i]);
            }
            float[] labels = ys.toFloats();
            int[] y = new int[labels.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = (int) labels[i];
            }
            Model model = KerasFiles.load(dir.resolve("model.keras"), KerasLoadOptions.defaults().warnings(w -> { }));
            worker = new ApplicationBenchWorker(model, FloatSamples.of(xs.toFloats(), sampleShape), y);
        } catch (RuntimeException e) {
            reply(out, Map.of("error", ErrorHandler.message(e)));
            return;
        }
        try (Model model = worker.model) {
            reply(out, Map.of("ready", true, "load_s", (System.nanoTime() - start) / 1e9, "params", model.countParams(),
                    "threads", model.threadSettings().toString(), "tensorflow", VersionProvider.nativeVersion()));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.strip();
                if (command.equals("quit")) {
                    return;
                }
                try {
                    reply(out, worker.answer(command));
                } catch (RuntimeException e) {
                    reply(out, Map.of("error", ErrorHandler.message(e)));
                }
            }
        }
    }

    private Map<String, Object> answer(String command) {
        return switch (command) {
            case "predict" -> {
                long begin = System.nanoTime();
                model.predict(x);
                yield Map.of("seconds", (System.nanoTime() - begin) / 1e9);
            }
            case "freeze" -> compileWith(false, 1e-3);
            case "unfreeze" -> compileWith(true, 1e-5);
            case "epoch" -> {
                EpochTimer timer = new EpochTimer();
                History history = model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(32).output(NOWHERE)
                        .dynamicDisplay(false).callback(timer));
                yield Map.of("seconds", timer.seconds, "loss", history.history().get("loss").get(0));
            }
            default -> Map.of("error", "unknown command '" + command + "'");
        };
    }

    /** Keras's fine-tuning: the base frozen or not, then a compile with a fresh Adam. */
    private Map<String, Object> compileWith(boolean trainable, double learningRate) {
        base.trainable(trainable);
        model.compile(CompileOptions.defaults().optimizer(new Adam(learningRate)).loss("sparse_categorical_crossentropy")
                .metrics("accuracy"));
        return Map.of("trainable_params", model.trainableParamCount());
    }

    private static void reply(PrintStream out, Map<String, Object> fields) {
        ObjectNode node = JSON.valueToTree(new java.util.TreeMap<>(fields));
        out.println(node);
        out.flush();
    }

    /** Wall time of the one epoch, from its start to its end, as the Python side's callback times it. */
    private static final class EpochTimer implements Callback {
        private long begin;
        private double seconds;

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            begin = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            seconds = (System.nanoTime() - begin) / 1e9;
        }
    }
}
