package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** The notebook's model outputs as JSON: evaluate's numbers and the predictions for the new images. */
final class PredictionsFile {
    private PredictionsFile() {
    }

    /**
     * @param file where to write
     * @param evaluation {@code [loss, accuracy]} on the test set
     * @param probabilities the predicted probabilities of the new images
     * @param classes their argmax
     * @param names their class names
     * @param labels their true classes
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path write(Path file, double[] evaluation, float[][] probabilities, int[] classes, String[] names, int[] labels)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode evaluate = root.putObject("evaluate");
        evaluate.put("loss", evaluation[0]);
        evaluate.put("accuracy", evaluation[1]);
        ArrayNode rows = root.putArray("predictions");
        for (int i = 0; i < probabilities.length; i++) {
            ObjectNode row = rows.addObject();
            row.put("index", i);
            ArrayNode values = row.putArray("probabilities");
            for (float v : probabilities[i]) {
                values.add(v);
            }
            row.put("predicted", classes[i]);
            row.put("predicted_name", names[i]);
            row.put("true", labels[i]);
        }
        return AtomicFiles.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
