package io.kerasj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code kerasj bench --model mobilenetv2} (or another {@link BenchApplication}): Python makes the model (a Keras
 * Application with {@code weights=None} and a seed, under GlobalAveragePooling2D and Dense(10, softmax)) and a few
 * hundred seeded images as files; then a KerasJ worker ({@link ApplicationBenchWorker}, a child JVM) and a Python
 * worker ({@code bench_applications.py serve}) each load them and take turns, measurement by measurement, each round
 * starting with the other side, after one warm-up of each: predict on all the images, then (MobileNetV2) one
 * fine-tuning epoch with the base frozen, then with it unfrozen and recompiled at a lower learning rate. The
 * figures are medians; peak RSS is each child's own ({@code VmHWM}).
 */
final class ApplicationBench {
    static final String SCRIPT = "python-reference/bench_applications.py";
    /** Seeded images by default: ten batches of 32. */
    static final int DEFAULT_IMAGES = 320;
    /** At most this many images (as float32 at 96x96x3, 110 KB each, so under 1.1 GB per side). */
    static final int MAX_IMAGES = 10_000;
    private static final long MAKE_MINUTES = 30;
    private static final int MESSAGE_CHARS = 240;

    private final BenchApplication application;
    private final PythonBench python;
    private final int images;
    private final int epochs;
    private final int repeats;
    private final long seed;

    /**
     * @param application the model
     * @param python the venv's python, located
     * @param images the number of seeded images
     * @param epochs measured fine-tuning epochs of each side, in each phase
     * @param repeats measured predict runs of each side
     * @param seed the seed of the model's weights and of the images
     */
    ApplicationBench(BenchApplication application, PythonBench python, int images, int epochs, int repeats, long seed) {
        this.application = application;
        this.python = python;
        this.images = images;
        this.epochs = epochs;
        this.repeats = repeats;
        this.seed = seed;
    }

    /** The medians of one side; NaN where not measured. */
    record Figures(double predictSeconds, double frozenEpochSeconds, double unfrozenEpochSeconds, double peakRssMb, double loadSeconds,
                   String threads, String tensorflow) {
    }

    /** What the bench found: both sides, or the Python side alone with why KerasJ's was skipped. */
    record Outcome(long params, String tensorflow, String keras, Figures kerasj, Figures python, String skipped) {
    }

    /** Runs the bench and prints its table (or JSON); returns the exit code. */
    int run(PrintWriter out, boolean json) throws IOException, InterruptedException {
        Outcome outcome = measure();
        if (json) {
            out.println(toJson(outcome));
        } else {
            printTable(out, outcome);
        }
        out.flush();
        return 0;
    }

    Outcome measure() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("kerasj-bench-" + application.id() + "-");
        try {
            JsonNode made = make(dir);
            try (Worker py = Worker.start("Python", pythonCommand(dir), dir.resolve("python.log"))) {
                JsonNode pyReady = py.ready();
                if (pyReady.has("error")) {
                    throw new IllegalStateException("Python could not load its own " + application.id() + ": " + pyReady.get("error").asText());
                }
                try (Worker java = Worker.start("KerasJ", javaCommand(dir), dir.resolve("kerasj.log"))) {
                    JsonNode javaReady = java.ready();
                    if (javaReady.has("error")) {
                        Figures pyAlone = measureAlone(py, pyReady);
                        return new Outcome(made.path("params").asLong(), pyReady.path("tensorflow").asText(), pyReady.path("keras").asText(),
                                null, pyAlone, shortened(javaReady.get("error").asText()));
                    }
                    List<Double>[] predict = takeTurns(java, py, "predict", repeats);
                    List<Double>[] frozen = null;
                    List<Double>[] unfrozen = null;
                    if (application.fineTuned()) {
                        java.ask("freeze");
                        py.ask("freeze");
                        frozen = takeTurns(java, py, "epoch", epochs);
                        java.ask("unfreeze");
                        py.ask("unfreeze");
                        unfrozen = takeTurns(java, py, "epoch", epochs);
                    }
                    Figures kerasj = figures(predict[0], frozen == null ? null : frozen[0], unfrozen == null ? null : unfrozen[0],
                            java.peakRssMb(), javaReady);
                    Figures pyFigures = figures(predict[1], frozen == null ? null : frozen[1], unfrozen == null ? null : unfrozen[1],
                            py.peakRssMb(), pyReady);
                    return new Outcome(made.path("params").asLong(), pyReady.path("tensorflow").asText(), pyReady.path("keras").asText(),
                            kerasj, pyFigures, null);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** The Python side's figures when KerasJ's side cannot load the model: predict only. */
    private Figures measureAlone(Worker py, JsonNode ready) throws IOException {
        List<Double> times = new ArrayList<>();
        for (int r = 0; r <= repeats; r++) {
            times.add(py.ask("predict").get("seconds").asDouble());
        }
        return figures(times.subList(1, times.size()), null, null, py.peakRssMb(), ready);
    }

    /**
     * One warm-up of each side, then {@code rounds} rounds, each starting with the other side.
     *
     * @return the measured seconds of KerasJ's side, then of Python's
     */
    @SuppressWarnings("unchecked")
    static List<Double>[] takeTurns(Worker java, Worker py, String command, int rounds) throws IOException {
        List<Double>[] seconds = new List[] {new ArrayList<Double>(), new ArrayList<Double>()};
        Worker[] sides = {java, py};
        for (int round = 0; round <= rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int side = (round + turn) % 2;
                double s = sides[side].ask(command).get("seconds").asDouble();
                if (round > 0) {
                    seconds[side].add(s);
                }
            }
        }
        return seconds;
    }

    private static Figures figures(List<Double> predict, List<Double> frozen, List<Double> unfrozen, double peakRss, JsonNode ready) {
        return new Figures(BenchCommand.median(predict), frozen == null ? Double.NaN : BenchCommand.median(frozen),
                unfrozen == null ? Double.NaN : BenchCommand.median(unfrozen), peakRss, ready.path("load_s").asDouble(),
                ready.path("threads").asText("TensorFlow's defaults"), ready.path("tensorflow").asText());
    }

    private JsonNode make(Path dir) throws IOException, InterruptedException {
        List<String> command = List.of(python.python.toString(), script().toString(), "make", "--model", application.id(), "--out",
                dir.toString(), "--images", String.valueOf(images), "--seed", String.valueOf(seed));
        Path log = dir.resolve("make.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
        Process process = pb.start();
        process.getOutputStream().close();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(MAKE_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(SCRIPT + " make failed: " + lastLine(Files.readString(log)));
        }
        return new ObjectMapper().readTree(lastLine(printed));
    }

    private Path script() {
        return python.scriptSibling("bench_applications.py");
    }

    private List<String> pythonCommand(Path dir) {
        return List.of(python.python.toString(), script().toString(), "serve", "--dir", dir.toString());
    }

    private static List<String> javaCommand(Path dir) {
        List<String> command = ChildPeakRss.javaCommand(ApplicationBenchWorker.class);
        command.add(dir.toString());
        return command;
    }

    private void printTable(PrintWriter out, Outcome o) {
        out.printf(Locale.ROOT, "%s at %dx%dx3 + GlobalAveragePooling2D + Dense(10, softmax): %,d parameters, weights=None seed %d, "
                + "%d seeded images, made by Python TensorFlow %s / Keras %s%n", application.title(), application.size(), application.size(),
                o.params(), seed, images, o.tensorflow(), o.keras());
        if (o.skipped() != null) {
            out.printf(Locale.ROOT, "%s: KerasJ skipped: it cannot load the model yet: %s%n", application.id(), o.skipped());
            out.printf(Locale.ROOT, "  Python alone: predict %.1f images/s, peak RSS %.0f MB%n", images / o.python().predictSeconds(),
                    o.python().peakRssMb());
            return;
        }
        Figures j = o.kerasj();
        Figures p = o.python();
        out.printf(Locale.ROOT, "%-36s %10s %10s %22s%n", "", "KerasJ", "Python", "speed-up of KerasJ");
        out.printf(Locale.ROOT, "%-36s %10.1f %10.1f %22.2f%n", "predict (images/s)", images / j.predictSeconds(), images / p.predictSeconds(),
                p.predictSeconds() / j.predictSeconds());
        if (application.fineTuned()) {
            out.printf(Locale.ROOT, "%-36s %10.3f %10.3f %22.2f%n", "fine-tuning epoch, base frozen (s)", j.frozenEpochSeconds(),
                    p.frozenEpochSeconds(), p.frozenEpochSeconds() / j.frozenEpochSeconds());
            out.printf(Locale.ROOT, "%-36s %10.3f %10.3f %22.2f%n", "fine-tuning epoch, unfrozen (s)", j.unfrozenEpochSeconds(),
                    p.unfrozenEpochSeconds(), p.unfrozenEpochSeconds() / j.unfrozenEpochSeconds());
        }
        out.printf(Locale.ROOT, "%-36s %10.0f %10.0f%n", "peak RSS (MB, the child process)", j.peakRssMb(), p.peakRssMb());
        out.printf(Locale.ROOT, "medians of %d predict runs%s of each side, taking turns, after one warm-up each; batch 32 in fit, "
                + "each side's default in predict; KerasJ %s%n", repeats, application.fineTuned() ? " and " + epochs + " epochs per phase" : "",
                j.threads());
    }

    private ObjectNode toJson(Outcome o) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("model", application.id());
        root.put("input_size", application.size());
        root.put("params", o.params());
        root.put("images", images);
        root.put("repeats", repeats);
        if (application.fineTuned()) {
            root.put("epochs", epochs);
        }
        if (o.skipped() != null) {
            root.put("kerasj_skipped", o.skipped());
        } else {
            side(root.putObject("kerasj"), o.kerasj());
        }
        ObjectNode py = root.putObject("python");
        side(py, o.python());
        py.put("keras", o.keras());
        return root;
    }

    private void side(ObjectNode node, Figures f) {
        node.put("predict_images_per_s", round(images / f.predictSeconds()));
        if (application.fineTuned() && !Double.isNaN(f.frozenEpochSeconds())) {
            node.put("frozen_epoch_s", round(f.frozenEpochSeconds()));
            node.put("unfrozen_epoch_s", round(f.unfrozenEpochSeconds()));
        }
        node.put("peak_rss_mb", Math.round(f.peakRssMb()));
        node.put("load_s", round(f.loadSeconds()));
        node.put("threads", f.threads());
        node.put("tensorflow", f.tensorflow());
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** A loader's message that lists every layer it refuses is cut to its first ones, for one readable line. */
    static String shortened(String message) {
        return message.length() <= MESSAGE_CHARS ? message : message.substring(0, MESSAGE_CHARS) + "... (" + (message.length() - MESSAGE_CHARS)
                + " more characters)";
    }

    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("no output");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A child process answering one JSON line per command line. */
    static final class Worker implements AutoCloseable {
        private final String name;
        private final Process process;
        private final BufferedReader replies;
        private final Writer commands;
        private final Path log;

        private Worker(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        static Worker start(String name, List<String> command, Path log) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
            pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
            return new Worker(name, pb.start(), log);
        }

        /** @return the first line: ready, or the error that kept the model from loading */
        JsonNode ready() throws IOException {
            return read();
        }

        /**
         * @return the reply to the command
         * @throws IllegalStateException with the worker's error
         */
        JsonNode ask(String command) throws IOException {
            commands.write(command + "\n");
            commands.flush();
            JsonNode reply = read();
            if (reply.has("error")) {
                throw new IllegalStateException(name + " side, " + command + ": " + reply.get("error").asText());
            }
            return reply;
        }

        private JsonNode read() throws IOException {
            for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                if (line.startsWith("{")) { // a library's stray print is not a reply
                    return new ObjectMapper().readTree(line);
                }
            }
            throw new IllegalStateException(name + " side ended unexpectedly: " + lastLine(Files.readString(log)));
        }

        double peakRssMb() {
            return ChildPeakRss.peakRssMb(process.pid());
        }

        @Override
        public void close() throws IOException {
            try {
                commands.write("quit\n");
                commands.close();
            } catch (IOException e) {
                // it has ended already
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
