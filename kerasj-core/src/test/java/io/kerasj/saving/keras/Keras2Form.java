package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Rewrites a Keras 3 legacy {@code .h5} as Keras 2 (2.2.4 to 2.15) wrote one: functional models of class
 * {@code Model}, nodes as lists {@code [[layer, node, tensor, {}], ...]}, inputs and outputs as lists of triples;
 * the same weights under {@code model_weights}. Keras 2 itself is not in the venv, so this is how its layout is tested.
 */
final class Keras2Form {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Keras2Form() {
    }

    static Path rewrite(Path keras3, Path out) throws IOException {
        try (HdfFile in = new HdfFile(keras3); WritableHdfFile h5 = HdfFile.write(out)) {
            JsonNode config = JSON.readTree(Hdf5Values.string(keras3.toString(), in, "model_config"));
            h5.putAttribute("model_config", JSON.writeValueAsString(keras2(config)));
            h5.putAttribute("keras_version", "2.15.0");
            h5.putAttribute("backend", "tensorflow");
            Group weights = (Group) in.getChild("model_weights");
            WritableGroup target = h5.putGroup("model_weights");
            // jHDF writes neither an empty string array nor an empty group that can be read back: the layers
            // without weights (listed by Keras 2 with an empty group) are left out here
            List<String> layers = Hdf5Values.strings(keras3.toString(), weights, "layer_names").stream()
                    .filter(layer -> !Hdf5Values.strings(keras3.toString(), weights.getChild(layer), "weight_names").isEmpty()).toList();
            target.putAttribute("layer_names", layers.toArray(String[]::new));
            for (String layer : layers) {
                Group group = (Group) weights.getChild(layer);
                WritableGroup copy = target.putGroup(layer);
                List<String> names = Hdf5Values.strings(keras3.toString(), group, "weight_names");
                copy.putAttribute("weight_names", names.toArray(String[]::new));
                for (String weight : names) {
                    Dataset d = (Dataset) Hdf5Values.child(group, weight);
                    WritableGroup parent = copy;
                    String[] steps = weight.split("/");
                    for (int i = 0; i < steps.length - 1; i++) {
                        parent = parent.getChild(steps[i]) instanceof WritableGroup g ? g : parent.putGroup(steps[i]);
                    }
                    parent.putDataset(steps[steps.length - 1], d.getData());
                }
            }
        }
        return out;
    }

    private static JsonNode keras2(JsonNode model) {
        ObjectNode out = model.deepCopy();
        if (out.path("class_name").asText().equals("Functional")) {
            out.put("class_name", "Model");
            ObjectNode config = (ObjectNode) out.get("config");
            config.set("input_layers", triples(config.get("input_layers")));
            config.set("output_layers", triples(config.get("output_layers")));
        }
        for (JsonNode layer : out.path("config").path("layers")) {
            ObjectNode entry = (ObjectNode) layer;
            if (ModelConfig.isModel(entry.path("class_name").asText())) {
                JsonNode inner = keras2(entry);
                entry.setAll((ObjectNode) inner);
            }
            JsonNode nodes = entry.get("inbound_nodes");
            if (nodes != null && nodes.isArray()) {
                ArrayNode lists = JSON.createArrayNode();
                for (JsonNode node : nodes) {
                    ArrayNode list = lists.addArray();
                    JsonNode arg = node.get("args").get(0);
                    for (JsonNode t : arg.isArray() ? arg : JSON.createArrayNode().add(arg)) {
                        ArrayNode h = t.get("config").get("keras_history").deepCopy();
                        h.addObject();
                        list.add(h);
                    }
                }
                entry.set("inbound_nodes", lists);
            }
        }
        return out;
    }

    /** Keras 2 always lists the endpoints: {@code [["x", 0, 0]]}. */
    private static JsonNode triples(JsonNode endpoints) {
        if (endpoints.isArray() && endpoints.size() > 0 && endpoints.get(0).isTextual()) {
            return JSON.createArrayNode().add(endpoints);
        }
        return endpoints;
    }
}
