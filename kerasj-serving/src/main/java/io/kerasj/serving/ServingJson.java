package io.kerasj.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.saving.savedmodel.SignatureSpec;
import io.kerasj.saving.savedmodel.TensorSpec;
import java.util.Map;
import java.util.SortedMap;

/**
 * The JSON bodies of TF Serving's REST API: model status, model metadata (the SignatureDefs as TF Serving renders
 * the proto: int64 sizes as strings, every field printed), predictions and errors.
 */
final class ServingJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper WRITER = new com.fasterxml.jackson.databind.ObjectMapper();

    private ServingJson() {
    }

    /** @return {@code GetModelStatusResponse} for the one version, 1, available */
    static JsonNode status() {
        ObjectNode status = NODES.objectNode().put("error_code", "OK").put("error_message", "");
        ObjectNode version = NODES.objectNode().put("version", "1").put("state", "AVAILABLE");
        version.set("status", status);
        ObjectNode root = NODES.objectNode();
        root.putArray("model_version_status").add(version);
        return root;
    }

    /**
     * @param name the model name
     * @param signatures the model's signatures
     * @return {@code GetModelMetadataResponse} with the {@code signature_def} metadata
     */
    static JsonNode metadata(String name, SortedMap<String, SignatureSpec> signatures) {
        ObjectNode root = NODES.objectNode();
        root.putObject("model_spec").put("name", name).put("signature_name", "").put("version", "1");
        ObjectNode defs = root.putObject("metadata").putObject("signature_def").putObject("signature_def");
        signatures.forEach((key, sig) -> {
            ObjectNode def = defs.putObject(key);
            tensors(def.putObject("inputs"), sig.inputs());
            tensors(def.putObject("outputs"), sig.outputs());
            def.put("method_name", sig.methodName());
            def.putObject("defaults");
        });
        return root;
    }

    private static void tensors(ObjectNode into, SortedMap<String, TensorSpec> specs) {
        specs.forEach((key, t) -> {
            // in the order TF Serving prints a TensorInfo: the oneof encoding (name) after dtype and shape
            ObjectNode info = into.putObject(key);
            info.put("dtype", t.dtype());
            ObjectNode shape = info.putObject("tensor_shape");
            ArrayNode dims = shape.putArray("dim");
            t.shape().forEach(d -> dims.addObject().put("size", Long.toString(d)).put("name", ""));
            shape.put("unknown_rank", t.unknownRank());
            info.put("name", t.tensorName());
        });
    }

    /**
     * @param request the request answered
     * @param outputs its outputs, by key
     * @return {@code {"predictions": [...]}} (row format) or {@code {"outputs": ...}} (columnar)
     * @throws ServingException (400) when the row format is asked of outputs without one row per instance
     */
    static JsonNode predictions(PredictRequest request, Map<String, FloatTensor> outputs) {
        ObjectNode root = NODES.objectNode();
        if (request.columnar()) {
            if (outputs.size() == 1) {
                root.set("outputs", JsonTensors.write(outputs.values().iterator().next()));
            } else {
                ObjectNode named = root.putObject("outputs");
                outputs.forEach((k, t) -> named.set(k, JsonTensors.write(t)));
            }
            return root;
        }
        int rows = request.rows();
        outputs.forEach((k, t) -> {
            if (t.shape().length == 0 || t.rows() != rows) {
                throw ServingException.badRequest("output '" + k + "' has shape " + JsonTensors.describe(t.shape())
                        + " for " + rows + " instances: the row format needs one output row per instance; use the columnar format ('inputs')");
            }
        });
        ArrayNode predictions = root.putArray("predictions");
        for (int i = 0; i < rows; i++) {
            if (outputs.size() == 1) {
                predictions.add(JsonTensors.writeRow(outputs.values().iterator().next(), i));
            } else {
                ObjectNode row = predictions.addObject();
                int r = i;
                outputs.forEach((k, t) -> row.set(k, JsonTensors.writeRow(t, r)));
            }
        }
        return root;
    }

    /**
     * @param message what was wrong
     * @return {@code {"error": message}}
     */
    static JsonNode error(String message) {
        return NODES.objectNode().put("error", message);
    }

    /**
     * @param message what was wrong
     * @return {@code {"error": message}} as UTF-8 bytes
     */
    static byte[] errorBytes(String message) {
        return bytes(error(message));
    }

    /**
     * @param body a JSON value
     * @return it as UTF-8 bytes
     */
    static byte[] bytes(JsonNode body) {
        try {
            return WRITER.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
