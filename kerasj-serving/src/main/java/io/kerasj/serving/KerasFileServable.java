package io.kerasj.serving;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.KerasTensor;
import io.kerasj.models.Model;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.saving.keras.KerasLoadOptions;
import io.kerasj.saving.savedmodel.SignatureSpec;
import io.kerasj.saving.savedmodel.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code .keras} or legacy {@code .h5} file, or a model in memory, served as Keras 3's {@code model.export()} would
 * serve it: one signature {@code serving_default}, run through the model's {@code predict}. A model of one input and
 * one output has the float input {@value #INPUT} ({@code [-1, ...input shape]}) and the float output {@value #OUTPUT};
 * a model of several inputs or outputs names each input by its input name (in its dtype: an int32 input is
 * {@code DT_INT32}) and each output by its output name, as KerasJ's SavedModel export does.
 */
public final class KerasFileServable implements ServableModel {

    /** The signature's input key. */
    public static final String INPUT = "inputs";
    /** The signature's output key, as Keras 3's {@code model.export()} names it. */
    public static final String OUTPUT = "output_0";
    private static final String SIGNATURE = "serving_default";

    private final Model model;
    private final boolean single;
    private final SortedMap<String, SignatureSpec> signatures;

    private KerasFileServable(Model model) {
        this.model = model;
        this.single = model.inputs().size() == 1 && model.outputs().size() == 1;
        SortedMap<String, TensorSpec> inputs = new TreeMap<>();
        SortedMap<String, TensorSpec> outputs = new TreeMap<>();
        if (single) {
            inputs.put(INPUT, spec(INPUT, model.inputShape(), "DT_FLOAT"));
            outputs.put(OUTPUT, spec(OUTPUT, model.outputShape(), "DT_FLOAT"));
        } else {
            for (int i = 0; i < model.inputs().size(); i++) {
                KerasTensor t = model.inputs().get(i);
                String name = model.inputNames().get(i);
                inputs.put(name, spec(name, t.shape(), dtype(t)));
            }
            for (int i = 0; i < model.outputs().size(); i++) {
                String name = model.outputNames().get(i);
                outputs.put(name, spec(name, model.outputShapes().get(i), "DT_FLOAT"));
            }
        }
        this.signatures = new TreeMap<>(Map.of(SIGNATURE,
                new SignatureSpec(SIGNATURE, "tensorflow/serving/predict", inputs, outputs)));
    }

    /**
     * Loads a Keras file (Keras's {@code load_model}, with its safe mode and bounds).
     *
     * @param file a {@code .keras} or {@code .h5} file
     * @return the servable; close it when done
     */
    public static KerasFileServable load(Path file) {
        return load(file, true);
    }

    /**
     * Loads a Keras file (Keras's {@code load_model(safe_mode=...)}, with its bounds).
     *
     * @param file a {@code .keras} or {@code .h5} file
     * @param safeMode Keras's safe mode ({@link KerasLoadOptions#safeMode})
     * @return the servable; close it when done
     */
    public static KerasFileServable load(Path file, boolean safeMode) {
        return new KerasFileServable(KerasFiles.load(file, KerasLoadOptions.defaults().safeMode(safeMode).warnings(warning -> { })));
    }

    /**
     * Serves a model in memory, with any number of named inputs and outputs.
     *
     * @param model a built model; the servable closes it
     * @return the servable; close it when done
     */
    public static KerasFileServable of(Model model) {
        return new KerasFileServable(model);
    }

    /** @return TensorFlow's name of a Keras dtype: float32 is DT_FLOAT, int32 DT_INT32, uint8 DT_UINT8 */
    private static String dtype(KerasTensor t) {
        return "float32".equals(t.dtype()) ? "DT_FLOAT" : "DT_" + t.dtype().toUpperCase(java.util.Locale.ROOT);
    }

    private static TensorSpec spec(String key, long[] sampleShape, String dtype) {
        List<Long> shape = new ArrayList<>();
        shape.add(-1L);
        Arrays.stream(sampleShape).forEach(shape::add);
        return new TensorSpec(key, key + ":0", dtype, shape, false);
    }

    @Override
    public SortedMap<String, SignatureSpec> signatures() {
        return signatures;
    }

    @Override
    public synchronized Map<String, FloatTensor> run(String signatureKey, Map<String, FloatTensor> feeds) {
        if (single) {
            FloatTensor x = feeds.get(INPUT);
            return Map.of(OUTPUT, tensor(model.predict(samples(x)), model.outputShape()));
        }
        List<FloatSamples> x = new ArrayList<>();
        int rows = -1;
        for (String name : model.inputNames()) {
            FloatTensor t = feeds.get(name);
            if (rows >= 0 && t.rows() != rows) {
                throw ServingException.badRequest("input '" + name + "' has " + t.rows() + " rows, the other inputs " + rows
                        + ": a Keras model takes as many rows of every input");
            }
            rows = t.rows();
            x.add(samples(t));
        }
        List<float[][]> out = model.predict(x);
        Map<String, FloatTensor> result = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            result.put(model.outputNames().get(i), tensor(out.get(i), model.outputShapes().get(i)));
        }
        return result;
    }

    private static FloatSamples samples(FloatTensor x) {
        int[] rowShape = Arrays.stream(x.rowShape()).mapToInt(Math::toIntExact).toArray();
        return FloatSamples.of(x.values(), rowShape);
    }

    private static FloatTensor tensor(float[][] rows, long[] outputShape) {
        long[] shape = new long[outputShape.length + 1];
        shape[0] = rows.length;
        System.arraycopy(outputShape, 0, shape, 1, outputShape.length);
        float[] values = new float[rows.length == 0 ? 0 : rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, values, i * rows[i].length, rows[i].length);
        }
        return new FloatTensor(shape, values);
    }

    @Override
    public void close() {
        model.close();
    }
}
