package io.kerasj.serving;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.Model;
import io.kerasj.saving.keras.KerasFileException;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.saving.savedmodel.SignatureSpec;
import io.kerasj.saving.savedmodel.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code .keras} or legacy {@code .h5} file served as Keras 3's {@code model.export()} would serve it: one signature
 * {@code serving_default} with the float input {@value #INPUT} ({@code [-1, ...input shape]}) and the float output
 * {@value #OUTPUT}, run through the model's {@code predict}.
 */
public final class KerasFileServable implements ServableModel {

    /** The signature's input key. */
    public static final String INPUT = "inputs";
    /** The signature's output key, as Keras 3's {@code model.export()} names it. */
    public static final String OUTPUT = "output_0";
    private static final String SIGNATURE = "serving_default";

    private final Model model;
    private final SortedMap<String, SignatureSpec> signatures;

    private KerasFileServable(Model model) {
        this.model = model;
        SortedMap<String, TensorSpec> inputs = new TreeMap<>(Map.of(INPUT, spec(INPUT, model.inputShape())));
        SortedMap<String, TensorSpec> outputs = new TreeMap<>(Map.of(OUTPUT, spec(OUTPUT, model.outputShape())));
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
        Model model = KerasFiles.load(file, 0, warning -> { });
        if (model.inputShapes().size() != 1 || model.outputShapes().size() != 1) {
            int inputs = model.inputShapes().size();
            int outputs = model.outputShapes().size();
            model.close();
            throw new KerasFileException(file + ": model '" + model.name() + "' has " + inputs + " inputs and " + outputs
                    + " outputs: KerasJ serves Keras files of one input and one output");
        }
        return new KerasFileServable(model);
    }

    private static TensorSpec spec(String key, long[] sampleShape) {
        List<Long> shape = new ArrayList<>();
        shape.add(-1L);
        Arrays.stream(sampleShape).forEach(shape::add);
        return new TensorSpec(key, key + ":0", "DT_FLOAT", shape, false);
    }

    @Override
    public SortedMap<String, SignatureSpec> signatures() {
        return signatures;
    }

    @Override
    public synchronized Map<String, FloatTensor> run(String signatureKey, Map<String, FloatTensor> feeds) {
        FloatTensor x = feeds.get(INPUT);
        int[] rowShape = Arrays.stream(x.rowShape()).mapToInt(Math::toIntExact).toArray();
        float[][] rows = model.predict(FloatSamples.of(x.values(), rowShape));
        long[] outputShape = model.outputShape();
        long[] shape = new long[outputShape.length + 1];
        shape[0] = rows.length;
        System.arraycopy(outputShape, 0, shape, 1, outputShape.length);
        float[] values = new float[rows.length == 0 ? 0 : rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, values, i * rows[i].length, rows[i].length);
        }
        return Map.of(OUTPUT, new FloatTensor(shape, values));
    }

    @Override
    public void close() {
        model.close();
    }
}
