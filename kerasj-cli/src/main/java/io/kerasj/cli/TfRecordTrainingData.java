package io.kerasj.cli;

import io.kerasj.models.Model;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.tfrecord.FeatureSpec;
import io.kerasj.pipeline.tfrecord.TFRecordDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kerasj fit}'s TFRecord input: files of {@code tf.train.Example}s, GZIP-compressed when named {@code .gz}
 * (all or none of a list), read in order. Each example holds one {@code float_list} feature per model input, named
 * as the input ({@code model.input_names}, e.g. {@code input_layer}) and of its per-sample shape, and the label
 * feature ({@code --label}, default {@value #DEFAULT_LABEL}): one {@code int64} class index when the compiled loss
 * takes class indices, else a {@code float_list} of the output's per-sample shape. As the Python side writes it:
 * <pre>{@code
 * tf.train.Example(features=tf.train.Features(feature={
 *     "input_layer": tf.train.Feature(float_list=tf.train.FloatList(value=x.ravel())),
 *     "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[y]))}))
 * }</pre>
 * A bad record fails in one line naming the file, the record and its offset.
 */
final class TfRecordTrainingData {
    /** The label feature's name unless {@code --label} gives another. */
    static final String DEFAULT_LABEL = "label";

    private TfRecordTrainingData() {
    }

    /**
     * @param input an input of kind {@link TrainingInput.Kind#TFRECORD}
     * @param model the compiled model (input names and shapes, output shape, loss)
     * @param label the label feature's name, or null for {@value #DEFAULT_LABEL}
     * @return one element per example
     * @throws TrainingInput.Refused when the files mix compressions or the model's shapes are not fixed
     */
    static Pipeline open(TrainingInput input, Model model, String label) {
        if (model.outputNames().size() != 1) {
            throw new TrainingInput.Refused(input.describe() + ": TFRecord input trains a model of one output; the model has outputs "
                    + model.outputNames());
        }
        String labelName = label == null ? DEFAULT_LABEL : label;
        Map<String, FeatureSpec> spec = new LinkedHashMap<>();
        List<String> names = model.inputNames();
        List<long[]> shapes = model.inputShapes();
        for (int i = 0; i < names.size(); i++) {
            spec.put(names.get(i), FeatureSpec.fixedLen(fixed(shapes.get(i), input, "input " + names.get(i)), HostArray.DType.FLOAT32));
        }
        if (spec.containsKey(labelName)) {
            throw new TrainingInput.Refused("--label: '" + labelName + "' is the name of a model input: name the label feature with --label");
        }
        boolean classIndices = model.compileConfig().outputs().get(0).loss().takesClassIndices();
        spec.put(labelName, classIndices ? FeatureSpec.fixedLen(new long[0], HostArray.DType.INT64)
                : FeatureSpec.fixedLen(fixed(model.outputShape(), input, "output"), HostArray.DType.FLOAT32));
        return TFRecordDataset.of(input.files(), compression(input)).parseExamples(spec, names, List.of(labelName));
    }

    private static long[] fixed(long[] shape, TrainingInput input, String what) {
        if (Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new TrainingInput.Refused(input.describe() + ": the model's " + what + " has shape " + Arrays.toString(shape)
                    + ": TFRecord features need a fixed shape");
        }
        return shape;
    }

    private static String compression(TrainingInput input) {
        List<Boolean> gz = new ArrayList<>();
        for (Path f : input.files()) {
            gz.add(f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz"));
        }
        if (gz.contains(true) && gz.contains(false)) {
            throw new TrainingInput.Refused(input.describe() + ": mixes .gz (GZIP) and uncompressed TFRecord files: give files of one kind");
        }
        return gz.contains(true) ? "GZIP" : "";
    }
}
