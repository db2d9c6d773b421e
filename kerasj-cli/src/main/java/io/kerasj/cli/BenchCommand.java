package io.kerasj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.callbacks.Callback;
import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.data.TrainTest;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.models.ThreadSettings;
import io.kerasj.models.ValidationData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kerasj bench}: in one process, after a warm-up, the median time per step and per epoch of
 * {@code model.fit} as a user calls it (with validation, progress to a null sink), of KerasJ's in-graph floor (the
 * engine's own training program, a whole epoch in one native call, no callbacks) and of an {@link IndependentFloor}
 * written with raw TensorFlow ops (mlp and cnn), their epochs taking turns; the ratios of fit to both floors,
 * {@code predict} throughput on the 10,000 test images, and peak memory. KerasJ's floor carries whatever the
 * engine's step costs beyond the model, so only the independent floor shows that cost. With {@code --train-step own}
 * the same model with Keras's default step written by hand in an overridden {@code trainStep} ({@link OwnTrainStepModel})
 * takes its turns too, against the same floors.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure fit against KerasJ's in-graph floor and an independent raw-TensorFlow floor, predict throughput and peak memory.",
                "--model mobilenetv2 (or resnet50, efficientnetb0, vgg16, inceptionv3, densenet121, xception, mobilenetv3small: predict only) "
                + "measures a Keras Application that Python makes, KerasJ against Python in child processes taking turns: predict images/s, "
                + "a fine-tuning epoch with the base frozen and unfrozen, peak RSS; --train-size sets the number of images (default 320)."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    ModelChoice modelChoice;

    @Option(names = "--train-size", paramLabel = "N",
            description = "Train on the first N training images only, for a quick measure of a large model (default: all 55,000).")
    Integer trainSize;

    @Option(names = "--kernels", description = "Also time the in-graph floor at 1 and 2 intra-op threads, each with XLA JIT off and on.")
    boolean kernels;

    @Option(names = "--epochs", defaultValue = "3", description = "Measured fit epochs and as many floor epochs, alternating, after one warm-up epoch of each (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--repeats", defaultValue = "3", description = "Measured predict runs, and floor epochs for --kernels (default: ${DEFAULT-VALUE}).")
    int repeats;


    @Option(names = "--train-on-batch", description = "Measure model.trainOnBatch instead: ms per call over the batches of the "
            + "training set, against the in-graph fit loop's ms per step, in --epochs rounds of each taking turns (with --python: "
            + "Keras's train_on_batch too).")
    boolean trainOnBatch;

    @Option(names = "--train-step", paramLabel = "STEP", defaultValue = TrainStepChoice.DEFAULT,
            description = "default: the built-in step (Keras's train_step); own: also fit the same model as a Model subclass whose "
                    + "trainStep is Keras's default written out by hand, its epochs taking turns with the others, against the same floors.")
    String trainStep;

    @Option(names = "--stream", description = "Measure streamed training instead (mlp or cnn): fit from memory, from a .npy pair and "
            + "from TFRecord shards, epochs taking turns (with --python: Keras fed by tf.data from the same files), then the peak RSS "
            + "of `kerasj fit` streaming the training set and the training set tiled 10 times, each in a child JVM.")
    boolean stream;

    @Option(names = "--workers", paramLabel = "N", description = "Measure synchronous data parallelism instead: the step time alone, "
            + "in a group of 1 and of N workers (threads with their own TensorFlow gRPC servers on localhost), the bytes all-reduced per step, "
            + "one all-reduce's time, and the projected efficiency at 8 and 32 workers on 10 GbE (--train-size: rows per worker, default 8192).")
    Integer workers;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--python", description = "Also measure Python Keras (python-reference/bench_python.py in the venv "
            + "of python-reference/setup_venv.sh: $KERASJ_VENV, else .venv) on the same model and data, and print the ratios.")
    boolean python;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (epochs < 1 || repeats < 1) {
            throw new IllegalArgumentException("--epochs, --repeats: expected numbers >= 1, found " + epochs + ", " + repeats);
        }
        if (trainSize != null && trainSize < 1) {
            throw new IllegalArgumentException("--train-size: expected a number >= 1, found " + trainSize);
        }
        if (trainOnBatch && kernels) {
            throw new ParameterException(spec.commandLine(), "--train-on-batch: expected without --kernels (it times trainOnBatch alone), found both");
        }
        boolean ownStep = TrainStepChoice.isOwn(spec.commandLine(), trainStep);
        if (ownStep && trainOnBatch) {
            throw new ParameterException(spec.commandLine(), "--train-step own: times fit epochs; leave out --train-on-batch");
        }
        if (stream && (trainOnBatch || kernels || ownStep || json)) {
            throw new ParameterException(spec.commandLine(), "--stream: expected without --train-on-batch, --kernels, --train-step own and --json");
        }
        if (workers != null && (workers < 2 || workers > 16)) {
            throw new ParameterException(spec.commandLine(), "--workers: expected 2 to 16 workers, found " + workers);
        }
        if (workers != null && (stream || trainOnBatch || kernels || ownStep || json || python)) {
            throw new ParameterException(spec.commandLine(), "--workers: expected without --stream, --train-on-batch, --kernels, "
                    + "--train-step own, --json and --python");
        }
        BenchApplication application = BenchApplication.find(modelChoice.model);
        if (application != null && workers != null) {
            throw new ParameterException(spec.commandLine(), "--workers: expected with the notebook's models, not with --model " + modelChoice.model);
        }
        if (application != null) {
            return benchApplication(application);
        }
        FashionMnistModels variant = modelChoice.variant();
        if (stream && variant != FashionMnistModels.MLP && variant != FashionMnistModels.CNN) {
            throw new ParameterException(spec.commandLine(), "--stream: expected --model mlp or cnn, found " + variant.id());
        }
        PythonBench pythonBench = python ? PythonBench.locate() : null;
        StreamBench streamBench = stream ? new StreamBench(variant, modelOptions.seed, epochs, pythonBench) : null;
        TrainTest all = data.fashionMnist().loadData();
        Split split = all.split(Split.DEFAULT_VALIDATION_SIZE);
        if (workers != null) {
            try {
                return new DataParallelBench(variant, modelOptions.seed, workers, epochs)
                        .run(variant.shape(split.train()), trainSize != null ? trainSize : 8192, spec.commandLine().getOut());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a worker failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        if (streamBench != null) {
            try {
                Dataset streamed = variant.shape(split.train());
                Dataset whole = variant.shape(all.train());
                if (trainSize != null) {
                    streamed = streamed.slice(0, Math.min(trainSize, streamed.count()));
                    whole = whole.slice(0, Math.min(trainSize, whole.count()));
                }
                return streamBench.run(streamed, whole, spec.commandLine().getOut());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Dataset train = variant.shape(split.train());
        if (trainSize != null && trainSize < train.count()) {
            train = train.slice(0, trainSize);
        }
        FloatSamples x = train.scaled();
        int[] y = train.labels();
        Dataset valid = variant.shape(split.validation());
        ValidationData validation = new ValidationData(valid.scaled(), valid.labels());
        if (trainOnBatch) {
            return trainOnBatch(variant, pythonBench, x, y);
        }
        FloatSamples test = variant.shape(split.test()).scaled();

        double fitSeconds;
        double floorSeconds;
        double independentSeconds = Double.NaN;
        double ownStepSeconds = Double.NaN;
        int steps;
        double predictSeconds;
        String threads;
        List<String> kernelLines = new ArrayList<>();
        IndependentFloor.Architecture architecture = IndependentFloor.Architecture.of(variant.id());
        try (Sequential model = modelOptions.build(variant, null, x);
             IndependentFloor independent = architecture == null ? null
                     : new IndependentFloor(architecture, x.unsafeValues(), y, modelOptions.seed, model.threadSettings().intraOp());
             Model ownStepModel = ownStep ? modelOptions.buildWithOwnTrainStep(variant, x) : null) {
            threads = model.threadSettings().toString();
            EpochTimer timer = new EpochTimer();
            EpochTimer ownStepTimer = new EpochTimer();
            int sides = ownStepModel == null ? 3 : 4;
            List<Double> floorTimes = new ArrayList<>();
            List<Double> independentTimes = new ArrayList<>();
            int floorSteps = 0;
            // The sides take turns, each epoch starting with another one, so that this machine's drift from
            // minute to minute falls on all alike.
            for (int epoch = 0; epoch <= epochs; epoch++) {
                for (int turn = 0; turn < sides; turn++) {
                    switch ((epoch + turn) % sides) {
                        case 0 -> fitEpoch(model, x, y, validation, epoch, timer);
                        case 1 -> {
                            try (TrainingFloor.Runner floor = TrainingFloor.start(model, x, y, FitOptions.defaults().batchSize())) {
                                floorSteps = floor.steps();
                                floorTimes.add(floor.epochSeconds(epoch, model.seed()));
                            }
                        }
                        case 2 -> {
                            if (independent != null) {
                                independentTimes.add(independent.epoch().seconds());
                            }
                        }
                        case 3 -> fitEpoch(ownStepModel, x, y, validation, epoch, ownStepTimer);
                        default -> throw new IllegalStateException("no side " + (epoch + turn) % sides);
                    }
                }
            }
            steps = floorSteps;
            fitSeconds = median(timer.seconds.subList(1, timer.seconds.size()));
            floorSeconds = median(floorTimes.subList(1, floorTimes.size()));
            if (independent != null) {
                independentSeconds = median(independentTimes.subList(1, independentTimes.size()));
            }
            if (ownStepModel != null) {
                ownStepSeconds = median(ownStepTimer.seconds.subList(1, ownStepTimer.seconds.size()));
            }
            model.predict(test);
            List<Double> predictTimes = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                model.predict(test);
                predictTimes.add((System.nanoTime() - start) / 1e9);
            }
            predictSeconds = median(predictTimes);
        }
        if (kernels) {
            kernelLines = kernelFloors(variant, x, y);
        }
        JsonNode py = pythonBench == null ? null : pythonBench.run(variant.id(), trainSize, epochs, repeats, data.dataDir);
        report(spec.commandLine().getOut(), steps, fitSeconds, floorSeconds, independentSeconds, ownStepSeconds, test.count() / predictSeconds, threads, py, predictSeconds);
        kernelLines.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * {@code --model mobilenetv2} and the other Keras Applications: KerasJ against Python on the model and images
     * Python makes ({@link ApplicationBench}); {@code --train-size} is the number of images (default 320).
     */
    private int benchApplication(BenchApplication application) throws IOException {
        if (trainOnBatch || stream || kernels || TrainStepChoice.isOwn(spec.commandLine(), trainStep)) {
            throw new ParameterException(spec.commandLine(), "--model " + application.id()
                    + ": expected without --train-on-batch, --stream, --kernels and --train-step own");
        }
        int images = trainSize == null ? ApplicationBench.DEFAULT_IMAGES : trainSize;
        if (images > ApplicationBench.MAX_IMAGES) {
            throw new ParameterException(spec.commandLine(), "--train-size: expected at most " + ApplicationBench.MAX_IMAGES
                    + " images for --model " + application.id() + ", found " + images);
        }
        try {
            return new ApplicationBench(application, PythonBench.locate(), images, epochs, repeats, modelOptions.seed)
                    .run(spec.commandLine().getOut(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One epoch of {@code model.fit} as a user calls it: validation, progress to a null sink. */
    private static void fitEpoch(Model model, FloatSamples x, int[] y, ValidationData validation, int epoch, EpochTimer timer) {
        model.fit(x, y, FitOptions.defaults().epochs(epoch + 1).initialEpoch(epoch).validation(validation)
                .output(new PrintStream(PrintStream.nullOutputStream())).dynamicDisplay(false).callback(timer));
    }

    private int trainOnBatch(FashionMnistModels variant, PythonBench pythonBench, FloatSamples x, int[] y) throws IOException {
        TrainOnBatchBench.Result result;
        String threads;
        try (Sequential model = modelOptions.build(variant, null, x)) {
            threads = model.threadSettings().toString();
            result = TrainOnBatchBench.measure(model, x, y, FitOptions.defaults().batchSize(), epochs, modelOptions.seed);
        }
        JsonNode py = pythonBench == null ? null : pythonBench.runTrainOnBatch(variant.id(), trainSize, epochs, data.dataDir);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("train_on_batch_ms_per_call", round(result.msPerCall()));
            root.put("fit_step_ms", round(result.stepMs()));
            root.put("train_on_batch_overhead_ms", round(result.overheadMs()));
            root.put("calls_per_round", result.calls());
            root.put("batch_size", FitOptions.defaults().batchSize());
            root.put("rounds", result.rounds());
            var callRounds = root.putArray("train_on_batch_round_ms_per_call");
            result.callRounds().forEach(ms -> callRounds.add(round(ms)));
            var stepRounds = root.putArray("fit_step_round_ms");
            result.stepRounds().forEach(ms -> stepRounds.add(round(ms)));
            root.put("threads", threads);
            root.put("tensorflow", VersionProvider.nativeVersion());
            if (py != null) {
                ObjectNode p = root.putObject("python");
                p.put("tensorflow", py.path("tensorflow").asText());
                p.put("keras", py.path("keras").asText());
                p.put("train_on_batch_ms_per_call", round(py.path("train_on_batch_ms_per_call").asDouble()));
                p.put("train_on_batch_ratio_python_over_kerasj", round(py.path("train_on_batch_ms_per_call").asDouble() / result.msPerCall()));
            }
            out.println(root);
        } else {
            out.printf(Locale.ROOT, "%-32s %10s%n", "", "ms/call");
            out.printf(Locale.ROOT, "%-32s %10.3f%n", "trainOnBatch (as a user calls it)", result.msPerCall());
            out.printf(Locale.ROOT, "%-32s %10.3f%n", "fit step (in-graph loop)", result.stepMs());
            out.printf(Locale.ROOT, "%-32s %10.3f%n", "overhead (difference)", result.overheadMs());
            out.printf(Locale.ROOT, "medians of %d rounds of each side, taking turns; %d calls of batch %d per round; %s%n",
                    result.rounds(), result.calls(), FitOptions.defaults().batchSize(), threads);
            if (py != null) {
                double pyCall = py.path("train_on_batch_ms_per_call").asDouble();
                out.printf(Locale.ROOT, "Python TensorFlow %s / Keras %s, same model and batches, in this run:%n",
                        py.path("tensorflow").asText(), py.path("keras").asText());
                out.printf(Locale.ROOT, "  train_on_batch: Python %.3f ms/call, KerasJ %.3f ms/call: Python / KerasJ = %.2f%n",
                        pyCall, result.msPerCall(), pyCall / result.msPerCall());
            }
        }
        out.flush();
        return 0;
    }

    /** The floor's median s/epoch at 1 and 2 intra-op threads, XLA JIT off and on: one fresh model each. */
    private List<String> kernelFloors(FashionMnistModels variant, FloatSamples x, int[] y) {
        List<String> lines = new ArrayList<>();
        String onednn = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        lines.add("in-graph floor by kernel settings (oneDNN " + (onednn == null ? "default" : "TF_ENABLE_ONEDNN_OPTS=" + onednn) + "):");
        for (int intra : new int[] {1, 2}) {
            for (boolean xla : new boolean[] {false, true}) {
                try (Sequential model = variant.build(modelOptions.seed, x)) {
                    model.threads(new ThreadSettings(intra, 1, xla));
                    try (TrainingFloor.Runner floor = TrainingFloor.start(model, x, y, FitOptions.defaults().batchSize())) {
                        floor.epochSeconds(0, model.seed());
                        List<Double> times = new ArrayList<>();
                        for (int r = 0; r < repeats; r++) {
                            times.add(floor.epochSeconds(r + 1, model.seed()));
                        }
                        double seconds = median(times);
                        lines.add(String.format(Locale.ROOT, "  intra-op %d, XLA JIT %-3s %8.3f ms/step %8.3f s/epoch", intra,
                                xla ? "on" : "off", seconds * 1000 / floor.steps(), seconds));
                    }
                } catch (RuntimeException e) {
                    lines.add(String.format(Locale.ROOT, "  intra-op %d, XLA JIT %-3s failed: %s", intra, xla ? "on" : "off", e.getMessage()));
                }
            }
        }
        return lines;
    }

    private void report(PrintWriter out, int steps, double fitSeconds, double floorSeconds, double independentSeconds, double ownStepSeconds,
                        double imagesPerSecond, String threads,
                        JsonNode py, double predictSeconds) throws IOException {
        double peakRss = peakRssMegabytes();
        double peakHeap = peakHeapMegabytes();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("steps_per_epoch", steps);
            root.put("fit_ms_per_step", round(fitSeconds * 1000 / steps));
            root.put("floor_ms_per_step", round(floorSeconds * 1000 / steps));
            root.put("ratio", round(fitSeconds / floorSeconds));
            root.put("fit_s_per_epoch", round(fitSeconds));
            root.put("floor_s_per_epoch", round(floorSeconds));
            if (!Double.isNaN(independentSeconds)) {
                root.put("independent_floor_ms_per_step", round(independentSeconds * 1000 / steps));
                root.put("independent_floor_s_per_epoch", round(independentSeconds));
                root.put("ratio_independent", round(fitSeconds / independentSeconds));
                root.put("floor_ratio_independent", round(floorSeconds / independentSeconds));
            }
            root.put("train_step", trainStep);
            if (!Double.isNaN(ownStepSeconds)) {
                root.put("own_step_fit_ms_per_step", round(ownStepSeconds * 1000 / steps));
                root.put("own_step_fit_s_per_epoch", round(ownStepSeconds));
                root.put("own_step_ratio", round(ownStepSeconds / floorSeconds));
                if (!Double.isNaN(independentSeconds)) {
                    root.put("own_step_ratio_independent", round(ownStepSeconds / independentSeconds));
                }
                root.put("own_step_over_builtin_fit", round(ownStepSeconds / fitSeconds));
            }
            root.put("predict_images_per_s", Math.round(imagesPerSecond));
            root.put("peak_rss_mb", Math.round(peakRss));
            root.put("peak_heap_mb", Math.round(peakHeap));
            root.put("epochs", epochs);
            root.put("repeats", repeats);
            root.put("threads", threads);
            root.put("tensorflow", VersionProvider.nativeVersion());
            if (py != null) {
                ObjectNode p = root.putObject("python");
                p.put("tensorflow", py.path("tensorflow").asText());
                p.put("keras", py.path("keras").asText());
                p.put("fit_s_per_epoch", round(py.path("fit_s_per_epoch").asDouble()));
                p.put("predict_s", round(py.path("predict_s").asDouble()));
                p.put("fit_ratio_python_over_kerasj", round(py.path("fit_s_per_epoch").asDouble() / fitSeconds));
                p.put("predict_ratio_python_over_kerasj", round(py.path("predict_s").asDouble() / predictSeconds));
            }
            out.println(root);
        } else {
            out.printf(Locale.ROOT, "%-28s %10s %10s%n", "", "ms/step", "s/epoch");
            out.printf(Locale.ROOT, "%-28s %10.3f %10.3f%n", "fit (as a user calls it)", fitSeconds * 1000 / steps, fitSeconds);
            if (!Double.isNaN(ownStepSeconds)) {
                out.printf(Locale.ROOT, "%-28s %10.3f %10.3f%n", "fit, own trainStep", ownStepSeconds * 1000 / steps, ownStepSeconds);
            }
            out.printf(Locale.ROOT, "%-28s %10.3f %10.3f%n", "KerasJ floor (its program)", floorSeconds * 1000 / steps, floorSeconds);
            if (!Double.isNaN(independentSeconds)) {
                out.printf(Locale.ROOT, "%-28s %10.3f %10.3f%n", "independent floor (raw TF)", independentSeconds * 1000 / steps, independentSeconds);
            }
            out.printf(Locale.ROOT, "ratio fit / KerasJ floor: %.3f (medians of %d epochs of each side, taking turns; %d steps/epoch; %s)%n",
                    fitSeconds / floorSeconds, epochs, steps, threads);
            if (!Double.isNaN(independentSeconds)) {
                out.printf(Locale.ROOT, "ratio fit / independent floor: %.3f, KerasJ floor / independent floor: %.3f%n",
                        fitSeconds / independentSeconds, floorSeconds / independentSeconds);
            } else {
                out.printf(Locale.ROOT, "no independent floor for this model (mlp and cnn only)%n");
            }
            if (!Double.isNaN(ownStepSeconds)) {
                out.printf(Locale.ROOT, "ratio fit with own trainStep / KerasJ floor: %.3f%s, / fit with the built-in step: %.3f%n",
                        ownStepSeconds / floorSeconds, Double.isNaN(independentSeconds) ? ""
                                : String.format(Locale.ROOT, ", / independent floor: %.3f", ownStepSeconds / independentSeconds),
                        ownStepSeconds / fitSeconds);
            }
            out.printf(Locale.ROOT, "predict: %.0f images/s (10,000 test images)%n", imagesPerSecond);
            out.printf(Locale.ROOT, "peak RSS: %.0f MB, peak JVM heap: %.0f MB%n", peakRss, peakHeap);
            if (py != null) {
                double pyFit = py.path("fit_s_per_epoch").asDouble();
                double pyPredict = py.path("predict_s").asDouble();
                out.printf(Locale.ROOT, "Python TensorFlow %s / Keras %s, same model and data, in this run:%n",
                        py.path("tensorflow").asText(), py.path("keras").asText());
                out.printf(Locale.ROOT, "  fit:     Python %.3f s/epoch, KerasJ %.3f s/epoch: Python / KerasJ = %.2f%n", pyFit, fitSeconds, pyFit / fitSeconds);
                out.printf(Locale.ROOT, "  predict: Python %.3f s, KerasJ %.3f s for 10,000 images: Python / KerasJ = %.2f%n",
                        pyPredict, predictSeconds, pyPredict / predictSeconds);
            }
        }
        out.flush();
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The process's peak resident set (Linux's VmHWM), or -1 where /proc is not there. */
    static double peakRssMegabytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        return vmHwmMegabytes(Files.readAllLines(status));
    }

    /** @return the peak resident set (the {@code VmHWM:} line) of a {@code /proc/PID/status} file's lines, or -1 */
    static double vmHwmMegabytes(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static double peakHeapMegabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }

    /** Wall time of each epoch, from its start to the end of its validation. */
    private static final class EpochTimer implements Callback {
        private final List<Double> seconds = new ArrayList<>();
        private long start;

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            start = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            seconds.add((System.nanoTime() - start) / 1e9);
        }
    }

}
