package io.kerasj.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.saving.savedmodel.SignatureFeeds;
import io.kerasj.saving.savedmodel.SignatureSpec;
import io.kerasj.saving.savedmodel.TensorSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A TF Serving predict request, parsed and checked against the model's signature: the row format
 * {@code {"signature_name": ..., "instances": [...]}} or the columnar format {@code {"inputs": ...}}.
 *
 * <p>In the row format, each instance is one row: a value when the signature has one input, or an object with one
 * value per input name (allowed for one input too). In the columnar format, {@code inputs} is a value for a
 * signature with one input, or an object of named values. Integer inputs ({@code DT_INT32}, {@code DT_INT64},
 * {@code DT_UINT8}) take whole numbers (up to 2^24 - 1 in magnitude, which float32 holds exactly). Every failure is a {@link ServingException} (400) naming
 * the field and what was expected.
 *
 * @param signatureKey the signature to run
 * @param inputs one tensor per input key, in the signature's order
 * @param columnar true for the {@code inputs} format, answered with {@code outputs}
 */
public record PredictRequest(String signatureKey, Map<String, FloatTensor> inputs, boolean columnar) {
    /** Integer inputs travel as float32 values: whole numbers up to 2^24 - 1 are exact, larger ones are refused. */
    private static final double MAX_EXACT_INTEGER = (1 << 24) - 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param body the request body
     * @param signatures the model's signatures
     * @return the checked request
     * @throws ServingException (400) naming what was wrong
     */
    public static PredictRequest parse(byte[] body, SortedMap<String, SignatureSpec> signatures) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ServingException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ServingException.badRequest("the request body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ServingException.badRequest("the request body: expected a JSON object with 'instances' or 'inputs', found "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        SignatureSpec sig = signature(root, signatures);
        boolean rows = root.has("instances");
        boolean columns = root.has("inputs");
        if (rows == columns) {
            throw ServingException.badRequest(rows
                    ? "the request has both 'instances' (row format) and 'inputs' (columnar format): expected one of them"
                    : "missing field: expected 'instances' (row format) or 'inputs' (columnar format)");
        }
        Iterator<String> fields = root.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!f.equals("signature_name") && !f.equals("instances") && !f.equals("inputs")) {
                throw ServingException.badRequest("unknown field '" + f + "': expected 'signature_name' and 'instances' or 'inputs'");
            }
        }
        // every number takes a byte and its separator another: no tensor of this request can hold more values
        long maxValues = Math.min(body.length / 2 + 1, Integer.MAX_VALUE - 8);
        Map<String, FloatTensor> inputs = rows ? rowInputs(root.get("instances"), sig, maxValues)
                : columnInputs(root.get("inputs"), sig, maxValues);
        check(sig, inputs, rows);
        return new PredictRequest(sig.key(), inputs, columns);
    }

    /** @return the number of rows of the first input (all inputs have as many in the row format) */
    public int rows() {
        return inputs.values().iterator().next().rows();
    }

    private static SignatureSpec signature(JsonNode root, SortedMap<String, SignatureSpec> signatures) {
        JsonNode name = root.get("signature_name");
        String key = "serving_default";
        if (name != null) {
            if (!name.isTextual()) {
                throw ServingException.badRequest("signature_name: expected a string, found " + name);
            }
            key = name.asText();
        }
        SignatureSpec sig = signatures.get(key);
        if (sig == null) {
            throw ServingException.badRequest("signature_name: '" + key + "' not found; the model's signatures are "
                    + signatures.keySet());
        }
        List<TensorSpec> all = new ArrayList<>(sig.inputs().values());
        all.addAll(sig.outputs().values());
        for (TensorSpec t : all) {
            boolean input = sig.inputs().containsValue(t);
            if (!t.isFloat() && !(input && SignatureFeeds.isInteger(t))) {
                throw ServingException.badRequest("signature '" + key + "' has tensor '" + t.key() + "' of dtype " + t.dtype()
                        + ": kerasj serve runs signatures whose inputs are DT_FLOAT or integers and whose outputs are DT_FLOAT");
            }
        }
        if (sig.inputs().isEmpty()) {
            throw ServingException.badRequest("signature '" + key + "' has no inputs: nothing to predict from");
        }
        return sig;
    }

    private static Map<String, FloatTensor> rowInputs(JsonNode instances, SignatureSpec sig, long maxValues) {
        if (!instances.isArray() || instances.isEmpty()) {
            throw ServingException.badRequest("instances: expected a non-empty list of rows, found "
                    + (instances.isArray() ? "an empty list" : instances.getNodeType().toString().toLowerCase()));
        }
        Map<String, List<FloatTensor>> perInput = new LinkedHashMap<>();
        sig.inputs().keySet().forEach(k -> perInput.put(k, new ArrayList<>()));
        boolean single = sig.inputs().size() == 1;
        for (int i = 0; i < instances.size(); i++) {
            JsonNode row = instances.get(i);
            String where = "instances[" + i + "]";
            if (row.isObject()) {
                Map<String, JsonNode> named = named(row, sig, where);
                named.forEach((k, v) -> perInput.get(k).add(JsonTensors.read(v, where + "." + k, maxValues,
                        claimed -> checkClaim(sig, k, true, instances.size(), claimed))));
            } else if (single) {
                String k = sig.inputs().firstKey();
                perInput.get(k).add(JsonTensors.read(row, where, maxValues, claimed -> checkClaim(sig, k, true, instances.size(), claimed)));
            } else {
                throw ServingException.badRequest(where + ": expected an object with the inputs " + sig.inputs().keySet()
                        + " (the signature has " + sig.inputs().size() + " inputs), found " + row.getNodeType().toString().toLowerCase());
            }
        }
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        perInput.forEach((k, list) -> out.put(k, stack(list, single ? "" : "." + k)));
        return out;
    }

    private static Map<String, FloatTensor> columnInputs(JsonNode inputs, SignatureSpec sig, long maxValues) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        if (inputs.isObject()) {
            named(inputs, sig, "inputs").forEach((k, v) -> out.put(k, JsonTensors.read(v, "inputs." + k, maxValues,
                    claimed -> checkClaim(sig, k, false, 0, claimed))));
        } else if (sig.inputs().size() == 1) {
            String k = sig.inputs().firstKey();
            out.put(k, JsonTensors.read(inputs, "inputs", maxValues, claimed -> checkClaim(sig, k, false, 0, claimed)));
        } else {
            throw ServingException.badRequest("inputs: expected an object with the inputs " + sig.inputs().keySet()
                    + " (the signature has " + sig.inputs().size() + " inputs)");
        }
        return out;
    }

    private static Map<String, JsonNode> named(JsonNode object, SignatureSpec sig, String where) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String key : sig.inputs().keySet()) {
            JsonNode v = object.get(key);
            if (v == null) {
                throw ServingException.badRequest(where + ": missing input '" + key + "'; the signature's inputs are "
                        + sig.inputs().keySet());
            }
            out.put(key, v);
        }
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!sig.inputs().containsKey(n)) {
                throw ServingException.badRequest(where + ": unknown input '" + n + "'; the signature's inputs are "
                        + sig.inputs().keySet());
            }
        }
        return out;
    }

    private static FloatTensor stack(List<FloatTensor> rows, String field) {
        long[] rowShape = rows.get(0).shape();
        for (int i = 0; i < rows.size(); i++) {
            FloatTensor r = rows.get(i);
            if (!java.util.Arrays.equals(r.shape(), rowShape)) {
                throw ServingException.badRequest("instances[" + i + "]" + field + ": shape " + JsonTensors.describe(r.shape())
                        + " differs from the first instance's " + JsonTensors.describe(rowShape) + ": every instance must have the same shape");
            }
        }
        // the rows are read and all alike, so their values already fit in memory once
        float[] values = new float[Math.multiplyExact(rows.size(), rows.get(0).values().length)];
        for (int i = 0; i < rows.size(); i++) {
            FloatTensor r = rows.get(i);
            System.arraycopy(r.values(), 0, values, i * r.values().length, r.values().length);
        }
        long[] shape = new long[rowShape.length + 1];
        shape[0] = rows.size();
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return new FloatTensor(shape, values);
    }

    /**
     * Compares a tensor's claimed shape with the signature before it is allocated: in the row format the claim is
     * one instance's, after the batch dimension.
     */
    private static void checkClaim(SignatureSpec sig, String key, boolean rowFormat, int rows, long[] claimed) {
        TensorSpec spec = sig.inputs().get(key);
        if (spec.unknownRank()) {
            return;
        }
        List<Long> declared = rowFormat && !spec.shape().isEmpty() ? spec.shape().subList(1, spec.shape().size()) : spec.shape();
        if (!fits(declared, claimed)) {
            long[] found = claimed;
            if (rowFormat) {
                found = new long[claimed.length + 1];
                found[0] = rows;
                System.arraycopy(claimed, 0, found, 1, claimed.length);
            }
            throw ServingException.badRequest(where(sig, key, rowFormat) + ": input '" + key + "' expects shape "
                    + spec.shapeText() + ", found " + JsonTensors.describe(found));
        }
    }

    private static String where(SignatureSpec sig, String key, boolean rowFormat) {
        return (rowFormat ? "instances" : "inputs") + (sig.inputs().size() > 1 ? "." + key : "");
    }

    private static void check(SignatureSpec sig, Map<String, FloatTensor> inputs, boolean rowFormat) {
        for (TensorSpec spec : sig.inputs().values()) {
            FloatTensor t = inputs.get(spec.key());
            String where = where(sig, spec.key(), rowFormat);
            if (!spec.unknownRank() && !fits(spec.shape(), t.shape())) {
                throw ServingException.badRequest(where + ": input '" + spec.key() + "' expects shape " + spec.shapeText()
                        + ", found " + JsonTensors.describe(t.shape()));
            }
            boolean integer = SignatureFeeds.isInteger(spec);
            double low = "DT_UINT8".equals(spec.dtype()) ? 0 : -MAX_EXACT_INTEGER;
            double high = "DT_UINT8".equals(spec.dtype()) ? 255 : MAX_EXACT_INTEGER;
            for (int i = 0; i < t.values().length; i++) {
                float v = t.values()[i];
                if (!Float.isFinite(v)) {
                    throw ServingException.badRequest(where + ": value " + v + " at flat index " + i
                            + " is not a finite float32");
                }
                if (integer && (v != Math.rint(v) || v < low || v > high)) {
                    throw ServingException.badRequest(where + ": value " + v + " at flat index " + i + " is not a whole number in ["
                            + (long) low + ", " + (long) high + "]: input '" + spec.key() + "' is " + spec.dtype());
                }
            }
        }
    }

    private static boolean fits(List<Long> declared, long[] actual) {
        if (declared.size() != actual.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (declared.get(i) >= 0 && declared.get(i) != actual[i]) {
                return false;
            }
        }
        return true;
    }
}
