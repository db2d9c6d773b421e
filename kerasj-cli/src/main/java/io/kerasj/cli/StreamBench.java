package io.kerasj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.tfrecord.FeatureSpec;
import io.kerasj.pipeline.tfrecord.FixedLenFeature;
import io.kerasj.pipeline.tfrecord.TFRecordCompression;
import io.kerasj.pipeline.tfrecord.TFRecordDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kerasj bench --stream}: one model trained three ways in one process, their epochs taking turns: from
 * memory (the arrays uploaded once), streamed from a {@code .npy} pair and streamed from TFRecord shards (both
 * {@code shuffle(10000)}, {@code batch(32)}, uint8 pixels cast and scaled by the graph); then Python Keras fed by
 * {@code tf.data} from the same TFRecord files; then the peak RSS of {@code kerasj fit} streaming one epoch from the
 * training set and from it tiled ten times, each in a child JVM of its own.
 */
final class StreamBench {
    static final int SHUFFLE_BUFFER = 10_000;
    static final int BATCH = 32;
    static final int TILES = 10;

    private final FashionMnistModels variant;
    private final long seed;
    private final int epochs;
    private final PythonBench python;

    StreamBench(FashionMnistModels variant, long seed, int epochs, PythonBench python) {
        if (variant != FashionMnistModels.MLP && variant != FashionMnistModels.CNN) {
            throw new IllegalArgumentException("--stream: expected --model mlp or cnn, found " + variant.id());
        }
        this.variant = variant;
        this.seed = seed;
        this.epochs = epochs;
        this.python = python;
    }

    /**
     * @param train the training split (uint8 images, shaped for the model)
     * @param fullTrain the whole training set (60,000 images), for the memory runs (it is shaped by the caller too)
     */
    int run(Dataset train, Dataset fullTrain, PrintWriter out) throws IOException, InterruptedException {
        try (StreamBenchFiles files = StreamBenchFiles.create()) {
            Path npy = files.npy("npy", train, 1);
            List<Path> records = files.records(train);
            FloatSamples pixels = train.floats(); // 0..255 as float32: the in-memory side's arrays
            int[] labels = train.labels();
            List<Double> memory = new ArrayList<>();
            List<Double> fromNpy = new ArrayList<>();
            List<Double> fromRecords = new ArrayList<>();
            try (Sequential memoryModel = variant.buildOnPixels(seed);
                 Sequential npyModel = variant.buildOnPixels(seed);
                 Sequential recordsModel = variant.buildOnPixels(seed)) {
                Pipeline npyPipeline = Pipeline.fromNpy(npy.resolve("x.npy"), npy.resolve("y.npy"))
                        .shuffle(SHUFFLE_BUFFER, seed).batch(BATCH);
                Pipeline recordsPipeline = records(records).shuffle(SHUFFLE_BUFFER, seed).batch(BATCH);
                for (int epoch = 0; epoch <= epochs; epoch++) {
                    FitOptions options = options(epoch);
                    for (int turn = 0; turn < 3; turn++) {
                        switch ((epoch + turn) % 3) {
                            case 0 -> memory.add(time(() -> memoryModel.fit(pixels, labels, options)));
                            case 1 -> fromNpy.add(time(() -> npyModel.fit(npyPipeline, options)));
                            default -> fromRecords.add(time(() -> recordsModel.fit(recordsPipeline, options)));
                        }
                    }
                }
            }
            double memorySeconds = BenchCommand.median(memory.subList(1, memory.size()));
            double npySeconds = BenchCommand.median(fromNpy.subList(1, fromNpy.size()));
            double recordsSeconds = BenchCommand.median(fromRecords.subList(1, fromRecords.size()));
            double inProcessRss = BenchCommand.peakRssMegabytes();
            JsonNode py = python == null ? null : python.runStream(variant.id(), records.get(0).getParent(), epochs);

            Path model = files.file("model.keras");
            try (Sequential fresh = variant.buildOnPixels(seed)) {
                fresh.save(model);
            }
            ChildPeakRss.Result once = fitChild(files, model, files.npy("npy-once", fullTrain, 1), "once");
            ChildPeakRss.Result tiled = fitChild(files, model, files.npy("npy-tiled", fullTrain, TILES), "tiled");

            out.printf(Locale.ROOT, "%-40s %10s %14s%n", variant.id() + ", " + train.count() + " images, batch " + BATCH, "s/epoch", "/ in-memory");
            row(out, "fit from memory (arrays)", memorySeconds, memorySeconds);
            row(out, "fit streamed from .npy", npySeconds, memorySeconds);
            row(out, "fit streamed from TFRecord (" + records.size() + " files)", recordsSeconds, memorySeconds);
            if (py != null) {
                double pySeconds = py.path("fit_s_per_epoch").asDouble();
                row(out, "Python tf.data from the same TFRecords", pySeconds, memorySeconds);
                out.printf(Locale.ROOT, "Python TensorFlow %s / Keras %s: Python / KerasJ TFRecord = %.2f; Python peak RSS %.0f MB%n",
                        py.path("tensorflow").asText(), py.path("keras").asText(), pySeconds / recordsSeconds,
                        py.path("peak_rss_bytes").asDouble() / (1024 * 1024));
            }
            out.printf(Locale.ROOT, "medians of %d epochs of each side, taking turns after one warm-up epoch each; "
                    + "streams: shuffle(%d), batch(%d), uint8 cast and scaled in the graph; this process's peak RSS %.0f MB%n",
                    epochs, SHUFFLE_BUFFER, BATCH, inProcessRss);
            out.printf(Locale.ROOT, "kerasj fit, one epoch streamed from .npy, each in a child JVM:%n");
            memoryRow(out, fullTrain.count(), once);
            memoryRow(out, fullTrain.count() * TILES, tiled);
            out.printf(Locale.ROOT, "  peak RSS grows by %.0f MB for %dx the data%n", tiled.peakRssMb() - once.peakRssMb(), TILES);
            out.flush();
            return once.exitCode() == 0 && tiled.exitCode() == 0 ? 0 : 1;
        }
    }

    /** TFRecord shards of Examples (image: the pixels as bytes, label: one int64) as (uint8 image, int32 label). */
    private Pipeline records(List<Path> files) {
        Map<String, FeatureSpec> spec = new LinkedHashMap<>();
        spec.put("image", new FixedLenFeature(new long[0], HostArray.DType.STRING, null));
        spec.put("label", new FixedLenFeature(new long[] {1}, HostArray.DType.INT64, null));
        long[] shape = variant == FashionMnistModels.CNN ? new long[] {28, 28, 1} : new long[] {28, 28};
        return TFRecordDataset.of(files, TFRecordCompression.NONE).parseExamples(spec, List.of("image"), List.of("label"))
                .map(e -> Element.of(HostArray.ofUint8(e.singleX().strings()[0], shape),
                        HostArray.scalar((int) e.y().get(0).longs()[0])));
    }

    private static FitOptions options(int epoch) {
        return FitOptions.defaults().epochs(epoch + 1).initialEpoch(epoch)
                .output(new PrintStream(PrintStream.nullOutputStream())).dynamicDisplay(false);
    }

    private static double time(Runnable fit) {
        long start = System.nanoTime();
        fit.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private ChildPeakRss.Result fitChild(StreamBenchFiles files, Path model, Path data, String name)
            throws IOException, InterruptedException {
        ChildPeakRss.Result result = ChildPeakRss.run(List.of("fit", "--model", model.toString(), "--train", data.toString(),
                "--epochs", "1", "--batch-size", String.valueOf(BATCH), "--seed", String.valueOf(seed),
                "--save", files.file("trained-" + name + ".keras").toString()), files.file("fit-" + name + ".log"));
        if (result.exitCode() != 0) {
            String[] lines = result.output().strip().split("\n");
            throw new IllegalStateException("kerasj fit on " + data + " failed (exit " + result.exitCode() + "): "
                    + lines[lines.length - 1]);
        }
        return result;
    }

    private static void row(PrintWriter out, String name, double seconds, double memorySeconds) {
        out.printf(Locale.ROOT, "%-40s %10.3f %14.3f%n", name, seconds, seconds / memorySeconds);
    }

    private static void memoryRow(PrintWriter out, int images, ChildPeakRss.Result result) {
        out.printf(Locale.ROOT, "  %,9d images: peak RSS %6.0f MB, %.1f s in all%n", images, result.peakRssMb(), result.seconds());
    }

}
