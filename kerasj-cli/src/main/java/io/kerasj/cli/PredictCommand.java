package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kerasj.KerasJException;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.OutputEvaluation;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Dataset;
import io.kerasj.data.Predictions;
import io.kerasj.io.OutputKind;
import io.kerasj.io.Publication;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.LoadOptions;
import java.io.PrintWriter;
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
 * {@code kerasj predict --model M}: runs a SavedModel folder, a {@code .keras} or an {@code .h5} model.
 * <ul>
 *   <li>With {@code --input PATH...} (PNG/JPEG files or folders, {@code .npy}, CSV; {@code NAME=PATH} per input of
 *       a multi-input signature): the top-k classes of every sample, streamed in batches, as text, JSON Lines or CSV;
 *       {@code --evaluate} with labels from image subfolders or {@code --labels FILE}.</li>
 *   <li>Without: the Fashion-MNIST test images, the first N outputs and, with {@code --evaluate}, accuracy and loss
 *       over all 10,000.</li>
 * </ul>
 * Pixels are divided by 255 unless the model has its own Rescaling layer (then taken as they are) or
 * {@code --scale} says otherwise; float arrays and CSV values are taken as they are. When the signature has several
 * float outputs, {@code --output} names the one whose classes are shown. {@code --save-outputs FILE} writes the raw
 * outputs as NumPy reads them (a {@code .npy} for one output, a {@code .npz} of one array per output name), for
 * regression models and models of several outputs; it is never an existing file. Errors are one line: exit 2 for
 * arguments (an unknown or missing input, samples of the wrong shape, a refused target), 1 for a bad model or input.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Run a SavedModel, .keras or .h5 model on your images, .npy or CSV inputs (top-k classes), or on the Fashion-MNIST test images.")
public final class PredictCommand implements Callable<Integer> {
    private static final int TEST_IMAGES = 10_000;

    @Mixin
    DataDirOption data;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "a SavedModel directory, a .keras or an .h5 file")
    Path model;

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH",
            description = "PNG/JPEG files or folders, .npy arrays or CSV files; NAME=PATH for each input of a multi-input model "
                    + "(default: the Fashion-MNIST test images)")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE", description = "labels for --evaluate of .npy/CSV inputs: a .npy array or one integer per line")
    Path labelsFile;

    @Option(names = "--scale", paramLabel = "S",
            description = "multiply raw values by S, e.g. 1/255 or 1 (default: 1/255 for images and uint8 arrays unless the model "
                    + "has a Rescaling layer, 1 for float arrays and CSV)")
    String scaleText;

    @Option(names = "--output", paramLabel = "NAME", description = "the signature output to use (required when there are several)")
    String output;

    @Option(names = "--save-outputs", paramLabel = "FILE",
            description = "with --input: also write the raw outputs, FILE.npy (one output) or FILE.npz (one array per output name); "
                    + "the outputs saved are --output's, else all; FILE must not exist")
    Path saveOutputs;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "3", description = "classes shown per sample (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--class-names", paramLabel = "FILE", description = "class names, one per line (default: Fashion-MNIST's for 10 classes)")
    Path classNamesFile;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "samples read and run at a time (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--first", paramLabel = "N", defaultValue = "3",
            description = "without --input: how many test images to show (default: ${DEFAULT-VALUE})")
    int first;

    @Option(names = "--evaluate", description = "also report accuracy and loss (labels: the test set, image subfolders or --labels)")
    boolean evaluate;

    @Option(names = "--json", description = "JSON (with --input: one object per line)")
    boolean json;

    @Option(names = "--csv", description = "with --input: CSV rows input,rank,class,name,score")
    boolean csv;

    @Option(names = "--signature", paramLabel = "KEY", defaultValue = KerasSavedModel.DEFAULT_SIGNATURE,
            description = "the SavedModel signature to run (default: ${DEFAULT-VALUE})")
    String signature;

    @Option(names = "--allow-unsafe-ops", description = "load the model even if it runs op types outside the allow-list of ops Keras models export")
    boolean allowUnsafeOps;

    @Option(names = "--allow-unsafe", description = "load a .keras or .h5 file beyond Keras's safe mode (safe_mode=False): "
            + "a custom loss or metric that is not registered leaves the model uncompiled; Python code and unregistered layer classes never load")
    boolean allowUnsafe;

    @Spec
    CommandSpec spec;

    /** Creates the command; picocli sets its fields. */
    public PredictCommand() {
    }

    /**
     * @return 0 after printing the predictions
     * @throws Exception a one-line error for the ErrorHandler
     */
    @Override
    public Integer call() throws Exception {
        Scale scale = checkArguments();
        LoadOptions options = LoadOptions.defaults().allowUnsafeOps(allowUnsafeOps).batchSize(batchSize);
        // a refused target is refused before the model is loaded
        try (Publication saved = saveOutputs == null ? null
                : Publication.begin(saveOutputs, OutputKind.OUTPUTS, false, "--save-outputs");
             PredictionModel m = PredictionModel.open(model, signature, options, !allowUnsafe)) {
            String out = chooseOutput(m);
            if (inputs.isEmpty()) {
                testImages(m, out, scale);
            } else {
                yourInputs(m, out, scale, saved);
            }
        }
        return 0;
    }

    private Scale checkArguments() {
        if (first < 0 || first > TEST_IMAGES) {
            throw usage("--first: expected a number in [0, " + TEST_IMAGES + "], found " + first);
        }
        if (topK < 1) {
            throw usage("--top-k: expected a number >= 1, found " + topK);
        }
        if (batchSize < 1) {
            throw usage("--batch-size: expected a number >= 1, found " + batchSize);
        }
        if (json && csv) {
            throw usage("--json and --csv: expected at most one");
        }
        if (csv && inputs.isEmpty()) {
            throw usage("--csv: expected --input (the test-image report is text or --json)");
        }
        if (saveOutputs != null && inputs.isEmpty()) {
            throw usage("--save-outputs: expected --input (the samples whose outputs are saved)");
        }
        if (saveOutputs != null && !RawOutputs.accepts(saveOutputs)) {
            throw usage("--save-outputs: " + saveOutputs + ": expected a .npy (one output) or .npz (one array per output name) file name");
        }
        // a FIFO or device would block or never end: only regular files (links followed), and folders of images
        for (String input : inputs) {
            Path path = Path.of(input);
            if (!Files.exists(path) && input.indexOf('=') > 0) {
                path = Path.of(input.substring(input.indexOf('=') + 1)); // NAME=PATH
            }
            if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
                throw usage("--input: " + path + " is not a regular file or a folder (a FIFO, socket or device)");
            }
        }
        if (labelsFile != null && (!Files.isRegularFile(labelsFile) || !Files.isReadable(labelsFile))) {
            throw usage("--labels: " + labelsFile + " is not a readable regular file");
        }
        if (classNamesFile != null && (!Files.isRegularFile(classNamesFile) || !Files.isReadable(classNamesFile))) {
            throw usage("--class-names: " + classNamesFile + " is not a readable regular file");
        }
        try {
            return scaleText == null ? null : Scale.parse(scaleText);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private String chooseOutput(PredictionModel m) {
        List<String> outputs = m.outputs();
        if (output != null) {
            if (!outputs.contains(output)) {
                throw usage("--output: " + model + " has no float output '" + output + "': expected one of " + outputs);
            }
            return output;
        }
        if (outputs.size() > 1 && saveOutputs != null) {
            return null; // all of them go to the file; no classes are shown
        }
        if (outputs.size() != 1) {
            throw usage("--output: " + model + " has " + (outputs.isEmpty() ? "no float outputs" : "outputs " + outputs)
                    + ": name the one to use with --output NAME, or save them all with --save-outputs FILE.npz");
        }
        return outputs.get(0);
    }

    private Scale pixelScale(Scale given, PredictionModel m) {
        return given != null ? given : m.rescalesItself() ? Scale.NONE : Scale.PIXELS;
    }

    // ---- the Fashion-MNIST test images (no --input) ----

    private void testImages(PredictionModel m, String out, Scale given) throws Exception {
        Map<String, long[]> modelInputs = m.inputs();
        if (modelInputs.size() != 1) {
            throw usage("--input: " + model + " has inputs " + modelInputs.keySet() + ": give NAME=PATH for each");
        }
        Scale scale = pixelScale(given, m);
        Dataset test = data.fashionMnist().loadData().test();
        Dataset used = evaluate ? test : test.slice(0, first);
        FloatSamples x = scaled(used, scale);
        float[][] rows = x.count() == 0 ? new float[0][] : m.predict(Map.of(modelInputs.keySet().iterator().next(), x), out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.toString());
        result.put("signature", signature);
        result.put("output", out);
        result.put("scale", scale.toString());
        int[] labels = test.labels();
        result.put("first", firstRows(rows, labels));
        if (evaluate) {
            OutputEvaluation e = new OutputEvaluation();
            e.add(rows, labels);
            result.put("evaluate", e.report());
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            printText(w, result);
        }
        w.flush();
    }

    private static FloatSamples scaled(Dataset images, Scale scale) {
        if (scale.equals(Scale.PIXELS)) {
            return images.scaled();
        }
        byte[] pixels = images.pixels();
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = scale.apply(pixels[i] & 0xFF);
        }
        return FloatSamples.of(values, images.rows(), images.cols());
    }

    private List<Map<String, Object>> firstRows(float[][] rows, int[] labels) {
        int[] predicted = Predictions.argmax(rows);
        ClassNames names = ClassNames.read(classNamesFile);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (int i = 0; i < first; i++) {
            int classes = rows[i].length == 1 ? 2 : rows[i].length;
            if (rows[i].length == 1) {
                predicted[i] = rows[i][0] > 0.5 ? 1 : 0;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", i);
            row.put("probabilities", rows[i]);
            row.put("predicted", predicted[i]);
            row.put("predicted_name", names.name(predicted[i], classes));
            row.put("true", labels[i]);
            row.put("true_name", FashionMnist.className(labels[i]));
            shown.add(row);
        }
        return shown;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> result) {
        for (Map<String, Object> row : (List<Map<String, Object>>) result.get("first")) {
            StringBuilder line = new StringBuilder().append(row.get("index")).append(": [");
            float[] p = (float[]) row.get("probabilities");
            for (int c = 0; c < p.length; c++) {
                line.append(c == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", p[c]));
            }
            out.println(line.append("] predicted ").append(row.get("predicted_name")).append(", true ").append(row.get("true_name")));
        }
        Map<String, Object> e = (Map<String, Object>) result.get("evaluate");
        if (e != null) {
            out.println(e.get("accuracy") == null ? "accuracy: n/a (" + e.get("note") + ")"
                    : String.format(Locale.ROOT, "accuracy: %.4f (%d test images)", (Double) e.get("accuracy"), (Long) e.get("images")));
            out.println(e.get("loss") == null ? "loss: n/a (outputs are not probabilities)"
                    : String.format(Locale.ROOT, "loss: %.4f", (Double) e.get("loss")));
            if (e.get("accuracy") != null && e.get("note") != null && e.get("loss") != null) {
                out.println("note: " + e.get("note"));
            }
        }
    }

    // ---- your own inputs (--input) ----

    private void yourInputs(PredictionModel m, String out, Scale given, Publication saved) {
        Map<String, long[]> modelInputs = m.inputs();
        List<String> kept = saved == null ? List.of() : out != null ? List.of(out) : m.outputs();
        if (saved != null && !RawOutputs.isNpz(saveOutputs) && kept.size() != 1) {
            throw usage("--save-outputs: " + model + " has outputs " + kept + ": a .npy holds one; name a .npz file (one array per output)"
                    + " or choose one with --output NAME");
        }
        if (out == null && evaluate) {
            throw usage("--evaluate: " + model + " has outputs " + m.outputs() + ": name the one to evaluate with --output NAME");
        }
        ClassNames names = ClassNames.read(classNamesFile);
        List<Map<String, SampleSource>> groups = groups(m, modelInputs, given, names);
        PrintWriter w = spec.commandLine().getOut();
        PredictionWriter writer = new PredictionWriter(w, json ? PredictionWriter.Format.JSON
                : csv ? PredictionWriter.Format.CSV : PredictionWriter.Format.TEXT, topK, names);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", model.toString());
        settings.put("output", out == null ? "none shown" : out);
        if (saved != null) {
            settings.put("save-outputs", String.join(",", kept) + " to " + saveOutputs);
        }
        Map<String, SampleSource> firstGroup = groups.get(0);
        for (Map.Entry<String, long[]> e : modelInputs.entrySet()) {
            settings.put("input " + e.getKey(), PredictionWriter.shape(e.getValue()) + " scale " + firstGroup.get(e.getKey()).scale());
        }
        if (firstGroup.values().stream().anyMatch(ImageSamples.class::isInstance)) {
            settings.put("resize", "bilinear");
        }
        writer.header(settings);
        OutputEvaluation evaluation = evaluate ? new OutputEvaluation() : null;
        long total = groups.stream().mapToLong(g -> g.values().iterator().next().count()).sum();
        long done = 0;
        RawOutputs raw = saved == null ? null : new RawOutputs(saveOutputs, kept, total);
        // progress only on a terminal, where it does not mix with redirected output
        PrintWriter progress = System.console() != null && total > batchSize ? spec.commandLine().getErr() : null;
        for (Map<String, SampleSource> group : groups) {
            SampleSource lead = group.values().iterator().next();
            int[] labels = evaluate ? labels(lead) : null;
            for (int from = 0; from < lead.count(); from += batchSize) {
                int to = Math.min(lead.count(), from + batchSize);
                Map<String, FloatSamples> batch = new LinkedHashMap<>();
                for (Map.Entry<String, SampleSource> e : group.entrySet()) {
                    batch.put(e.getKey(), e.getValue().read(from, to));
                }
                float[][] rows = null;
                if (raw != null) {
                    Map<String, FloatSamples> all = m.predictAll(batch);
                    raw.add(all);
                    rows = out == null ? null : rowsOf(all.get(out));
                } else {
                    rows = m.predict(batch, out);
                }
                for (int i = 0; rows != null && i < rows.length; i++) {
                    writer.sample(lead.id(from + i), rows[i]);
                }
                if (evaluation != null) {
                    evaluation.add(rows, java.util.Arrays.copyOfRange(labels, from, to));
                }
                done += to - from;
                if (progress != null) {
                    progress.printf(Locale.ROOT, "\r%d/%d samples", done, total);
                    progress.flush();
                }
            }
        }
        if (progress != null) {
            progress.println();
        }
        if (evaluation != null) {
            writer.evaluation(evaluation.report());
        }
        if (raw != null) {
            try {
                raw.write(saved.staged());
            } catch (java.io.IOException e) {
                throw new KerasJException(saveOutputs + ": cannot write the outputs: " + io.kerasj.io.IoMessages.describe(e), e);
            }
            saved.commit();
            writer.saved(saveOutputs, raw.shapes());
        }
        w.flush();
    }

    private static float[][] rowsOf(FloatSamples samples) {
        float[][] rows = new float[samples.count()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = samples.sample(i);
        }
        return rows;
    }

    private int[] labels(SampleSource source) {
        int[] labels = source.labels();
        if (labels == null) {
            throw usage("--evaluate: no labels for " + source.id(0) + ": put images in subfolders named after their classes, or pass --labels FILE");
        }
        return labels;
    }

    /** One group per single-input source, or one group of NAME=PATH sources for a multi-input model. */
    private List<Map<String, SampleSource>> groups(PredictionModel m, Map<String, long[]> modelInputs, Scale given, ClassNames names) {
        List<Map<String, SampleSource>> groups = new ArrayList<>();
        int[] labels = labelsFile == null ? null : ArraySamples.readLabels(labelsFile);
        if (modelInputs.size() == 1) {
            String name = modelInputs.keySet().iterator().next();
            if (labels != null && inputs.size() != 1) {
                throw usage("--labels: expected a single --input to label, found " + inputs.size());
            }
            for (String spec : inputs) {
                Path path = Path.of(spec.startsWith(name + "=") ? spec.substring(name.length() + 1) : spec);
                groups.add(Map.of(name, source(path, modelInputs.get(name), given, m, names, labels)));
            }
            return groups;
        }
        Map<String, SampleSource> group = new LinkedHashMap<>();
        for (String spec : inputs) {
            int eq = spec.indexOf('=');
            String name = eq < 0 ? null : spec.substring(0, eq);
            if (name == null || !modelInputs.containsKey(name)) {
                throw usage("--input: " + model + " has inputs " + modelInputs.keySet() + ": expected NAME=PATH for each, found '" + spec + "'");
            }
            if (group.containsKey(name)) {
                throw usage("--input: input " + name + " given twice");
            }
            group.put(name, source(Path.of(spec.substring(eq + 1)), modelInputs.get(name), given, m, names, labels));
        }
        if (!group.keySet().equals(modelInputs.keySet())) {
            List<String> missing = modelInputs.keySet().stream().filter(k -> !group.containsKey(k)).toList();
            throw usage("--input: no NAME=PATH for input(s) " + missing + " of " + model);
        }
        int count = -1;
        for (Map.Entry<String, SampleSource> e : group.entrySet()) {
            if (count >= 0 && e.getValue().count() != count) {
                throw usage("--input " + e.getKey() + ": " + e.getValue().count() + " samples, the other inputs " + count);
            }
            count = e.getValue().count();
        }
        groups.add(group);
        return groups;
    }

    private SampleSource source(Path path, long[] shape, Scale given, PredictionModel m, ClassNames names, int[] labels) {
        if (!Files.exists(path)) {
            throw usage("--input: " + path + " does not exist");
        }
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw usage("--input: " + path + " is not a regular file or a folder (a FIFO, socket or device)");
        }
        if (ImageSamples.accepts(path)) {
            int classes = names.given().isEmpty() ? 10 : names.given().size();
            return ImageSamples.open(path, shape, pixelScale(given, m), names.forClasses(classes));
        }
        if (ArraySamples.accepts(path)) {
            Scale scale = given != null ? given : ArraySamples.isUint8(path) ? pixelScale(null, m) : Scale.NONE;
            try {
                return ArraySamples.open(path, shape, scale, labels);
            } catch (ArraySamples.ShapeMismatch e) {
                throw usage("--input: " + e.getMessage());
            }
        }
        throw usage("--input: " + path + ": expected a .png, .jpg or .jpeg image, a folder of them, a .npy array or a .csv file");
    }
}
