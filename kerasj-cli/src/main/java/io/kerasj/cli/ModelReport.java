package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.io.AtomicFiles;
import io.kerasj.data.Dataset;
import io.kerasj.models.Sequential;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The small JSON written beside an exported SavedModel ({@code <dir>.json}): the test loss and accuracy and the
 * probabilities of the first test images, so that later changes, Python ({@code python-reference/
 * check_java_export.py}) and the parity tests can check the export against it.
 */
final class ModelReport {
    /** How many test images' probabilities are recorded. */
    static final int FIRST = 10;

    /** The report's file name is the SavedModel directory's plus this suffix. */
    static final String SUFFIX = ".json";

    private ModelReport() {
    }

    /**
     * @param exportDir a SavedModel directory
     * @return its report file, {@code <dir>.json} beside it
     */
    static Path fileFor(Path exportDir) {
        return exportDir.resolveSibling(exportDir.getFileName() + SUFFIX);
    }

    /**
     * @param model the exported model
     * @param exportDir the SavedModel directory
     * @param test the test set
     * @param evaluation the model's {@code [loss, accuracy]} on {@code test}
     * @param version the writer, e.g. {@code KerasJ 0.1.0 (TensorFlow 2.18.0)}
     * @return the JSON file written
     * @throws IOException when it cannot be written
     */
    static Path write(Sequential model, Path exportDir, Dataset test, double[] evaluation, String version) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Dataset first = test.slice(0, Math.min(FIRST, test.count()));
        float[][] probabilities = model.predict(first.scaled());
        ObjectNode root = json.createObjectNode();
        root.put("model", exportDir.getFileName().toString());
        root.put("written_by", version);
        ObjectNode signature = root.putObject("signature");
        signature.put("key", "serving_default");
        signature.put("input", model.layers().get(0).name() + "_input");
        signature.put("output", model.layers().get(model.layers().size() - 1).name());
        ObjectNode evaluate = root.putObject("evaluate");
        evaluate.put("images", test.count());
        evaluate.put("loss", evaluation[0]);
        evaluate.put("accuracy", evaluation[1]);
        ArrayNode rows = root.putArray("first_probabilities");
        for (float[] row : probabilities) {
            ArrayNode values = rows.addArray();
            for (float v : row) {
                values.add(v);
            }
        }
        ArrayNode labels = root.putArray("first_labels");
        for (int label : first.labels()) {
            labels.add(label);
        }
        return AtomicFiles.writeString(fileFor(exportDir), json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
