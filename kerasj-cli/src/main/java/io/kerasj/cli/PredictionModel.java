package io.kerasj.cli;

import io.kerasj.data.FloatSamples;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.saving.keras.KerasLoadOptions;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.LoadOptions;
import io.kerasj.saving.savedmodel.SignatureSpec;
import io.kerasj.saving.savedmodel.TensorSpec;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code kerasj predict} runs: a SavedModel signature, or a {@code .keras}/{@code .h5} model loaded into KerasJ.
 * Both are seen as named inputs with per-sample shapes and named float outputs.
 */
interface PredictionModel extends AutoCloseable {

    /** @return each input's per-sample shape (-1 where free; null when the rank is unknown), by name */
    Map<String, long[]> inputs();

    /** @return the names of the float outputs */
    List<String> outputs();

    /**
     * @param inputs samples for every input, by name
     * @param output the output to return
     * @return one row per sample
     */
    float[][] predict(Map<String, FloatSamples> inputs, String output);

    /**
     * @param inputs samples for every input, by name
     * @return every float output's samples, shaped as the model returns them, by name
     */
    Map<String, FloatSamples> predictAll(Map<String, FloatSamples> inputs);

    /** @return true when the model holds a Rescaling layer, so it takes raw pixel values */
    boolean rescalesItself();

    @Override
    void close();

    /**
     * @param path a SavedModel folder, a {@code .keras} or an {@code .h5} file
     * @param signature the SavedModel signature to run
     * @param options load options (op safety)
     * @param safeMode Keras's safe mode for a {@code .keras} or {@code .h5} file
     * @return the model
     */
    static PredictionModel open(Path path, String signature, LoadOptions options, boolean safeMode) {
        if (!Files.isDirectory(path) && (KerasFiles.isModelFile(path) || Files.isRegularFile(path))) {
            return new KerasFileModel(KerasFiles.load(path, KerasLoadOptions.defaults().safeMode(safeMode).warnings(warning -> { })));
        }
        KerasSavedModel saved = KerasSavedModel.load(path, options);
        try {
            return new SavedModelSignature(saved, saved.signature(signature));
        } catch (RuntimeException e) {
            saved.close();
            throw e;
        }
    }

    /** A SavedModel signature. */
    final class SavedModelSignature implements PredictionModel {
        private static final Pattern RESCALING = Pattern.compile("(^|/)rescaling(_\\d+)?/", Pattern.CASE_INSENSITIVE);
        private final KerasSavedModel model;
        private final SignatureSpec signature;

        SavedModelSignature(KerasSavedModel model, SignatureSpec signature) {
            this.model = model;
            this.signature = signature;
        }

        @Override
        public Map<String, long[]> inputs() {
            Map<String, long[]> out = new LinkedHashMap<>();
            for (TensorSpec t : signature.inputs().values()) {
                out.put(t.key(), t.unknownRank() || t.shape().isEmpty() ? null
                        : t.shape().subList(1, t.shape().size()).stream().mapToLong(Long::longValue).toArray());
            }
            return out;
        }

        @Override
        public List<String> outputs() {
            return signature.outputs().values().stream().filter(TensorSpec::isFloat).map(TensorSpec::key).toList();
        }

        @Override
        public float[][] predict(Map<String, FloatSamples> inputs, String output) {
            return model.predict(signature.key(), inputs, output);
        }

        @Override
        public Map<String, FloatSamples> predictAll(Map<String, FloatSamples> inputs) {
            return model.predictAll(signature.key(), inputs);
        }

        @Override
        public boolean rescalesItself() {
            var meta = model.metaGraphDef();
            boolean inGraph = meta.getGraphDef().getNodeList().stream().anyMatch(n -> RESCALING.matcher(n.getName()).find());
            return inGraph || meta.getGraphDef().getLibrary().getFunctionList().stream()
                    .flatMap(f -> f.getNodeDefList().stream()).anyMatch(n -> RESCALING.matcher(n.getName()).find());
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * A model loaded from a {@code .keras} or {@code .h5} file: a Sequential's one input is named {@code input} and its
     * output after its last layer; a model of several inputs or outputs names them by its input and output names.
     */
    final class KerasFileModel implements PredictionModel {
        private final Model model;
        private final boolean single;

        KerasFileModel(Model model) {
            this.model = model;
            this.single = model instanceof Sequential || (model.inputs().size() == 1 && model.outputs().size() == 1);
        }

        @Override
        public Map<String, long[]> inputs() {
            if (single) {
                return Map.of("input", model.inputShape());
            }
            Map<String, long[]> out = new LinkedHashMap<>();
            for (int i = 0; i < model.inputNames().size(); i++) {
                out.put(model.inputNames().get(i), model.inputShapes().get(i));
            }
            return out;
        }

        @Override
        public List<String> outputs() {
            if (model instanceof Sequential) {
                return List.of(model.layers().get(model.layers().size() - 1).name());
            }
            return model.outputNames();
        }

        @Override
        public float[][] predict(Map<String, FloatSamples> inputs, String output) {
            return ownShapes(inputs).get(outputs().indexOf(output));
        }

        @Override
        public Map<String, FloatSamples> predictAll(Map<String, FloatSamples> inputs) {
            List<float[][]> all = ownShapes(inputs);
            Map<String, FloatSamples> out = new LinkedHashMap<>();
            for (int k = 0; k < all.size(); k++) {
                float[][] rows = all.get(k);
                int size = rows.length == 0 ? 0 : rows[0].length;
                float[] values = new float[Math.multiplyExact(rows.length, size)];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(rows[i], 0, values, i * size, size);
                }
                int[] shape = Arrays.stream(model.outputShapes().get(k)).mapToInt(Math::toIntExact).toArray();
                out.put(outputs().get(k), FloatSamples.of(values, shape));
            }
            return out;
        }

        /** Runs the model on the inputs, each reshaped to its input's shape; every output, in order. */
        private List<float[][]> ownShapes(Map<String, FloatSamples> inputs) {
            List<String> names = single ? List.of("input") : model.inputNames();
            List<FloatSamples> x = new java.util.ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                FloatSamples given = single ? inputs.values().iterator().next() : inputs.get(names.get(i));
                int[] shape = Arrays.stream(model.inputShapes().get(i)).mapToInt(d -> (int) d).toArray();
                if (given.sampleSize() != Arrays.stream(shape).reduce(1, Math::multiplyExact)) {
                    throw new io.kerasj.KerasJException("--input" + (single ? "" : " " + names.get(i)) + ": samples of shape "
                            + Arrays.toString(given.sampleShape()) + ", the model expects " + Arrays.toString(shape));
                }
                x.add(Arrays.equals(shape, given.sampleShape()) ? given : FloatSamples.of(given.unsafeValues(), shape));
            }
            return single ? List.<float[][]>of(model.predict(x.get(0))) : model.predict(x);
        }

        @Override
        public boolean rescalesItself() {
            return false;
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
