package io.kerasj.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Nested JSON lists of numbers to float tensors and back, as TF Serving's REST API writes tensors: a scalar is a
 * number, a tensor of rank r is a list of tensors of rank r - 1. Numbers are parsed from their decimal text with
 * {@link Float#parseFloat}, so a float written with {@link Float#toString} comes back bit for bit.
 */
final class JsonTensors {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTensors() {
    }

    /**
     * Reads a tensor, checking its claimed shape before anything is allocated. The shape is read from the first
     * element at each depth, so a few bytes can claim any size: {@code check} sees it first (the caller compares it
     * with the signature), then the number of values must be at most {@code maxValues} (a request of n bytes holds
     * fewer than n / 2 + 1 numbers), else the lists cannot be rectangular.
     *
     * @param node a number or a nested, rectangular list of numbers
     * @param where the request field, for messages, e.g. {@code instances[3]}
     * @param maxValues the most values the tensor may have
     * @param check called with the claimed shape before allocating; throws a {@link ServingException} to refuse it
     * @return the tensor
     * @throws ServingException (400) naming {@code where} when it is not a rectangular list of numbers or is too large
     */
    static FloatTensor read(JsonNode node, String where, long maxValues, Consumer<long[]> check) {
        List<Long> dims = new ArrayList<>();
        for (JsonNode n = node; n.isArray(); n = n.get(0)) {
            dims.add((long) n.size());
            if (n.isEmpty()) {
                break;
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        check.accept(shape);
        long size = 1;
        for (long d : shape) {
            size = d == 0 || size <= maxValues / d ? size * d : maxValues + 1;
        }
        if (size > maxValues) {
            throw ServingException.badRequest(where + ": the lists are not rectangular: their first elements claim shape "
                    + describe(shape) + ", more values than the request's " + maxValues + " at most");
        }
        float[] values = new float[(int) size];
        int[] next = {0};
        fill(node, shape, 0, values, next, where);
        return new FloatTensor(shape, values);
    }

    private static void fill(JsonNode node, long[] shape, int depth, float[] out, int[] next, String where) {
        if (depth == shape.length) {
            if (!node.isNumber()) {
                throw ServingException.badRequest(where + ": expected a number (DT_FLOAT), found "
                        + (node.isArray() ? "a list (the lists are not rectangular: " + describe(shape) + " expected)" : describeValue(node)));
            }
            out[next[0]++] = Float.parseFloat(node.asText());
            return;
        }
        if (!node.isArray() || node.size() != shape[depth]) {
            throw ServingException.badRequest(where + ": the lists are not rectangular: expected " + describe(shape)
                    + ", found " + (node.isArray() ? "a list of " + node.size() : describeValue(node)) + " at depth " + depth);
        }
        for (int i = 0; i < node.size(); i++) {
            fill(node.get(i), shape, depth + 1, out, next, where);
        }
    }

    /**
     * @param t a tensor
     * @return it as a number (rank 0) or nested lists
     */
    static JsonNode write(FloatTensor t) {
        return write(t.values(), t.shape(), 0, 0);
    }

    /**
     * @param t a tensor with a row dimension
     * @param row the row to write
     * @return that row as a number or nested lists
     */
    static JsonNode writeRow(FloatTensor t, int row) {
        return write(t.values(), t.shape(), 1, row * t.rowSize());
    }

    private static JsonNode write(float[] values, long[] shape, int depth, int offset) {
        if (depth == shape.length) {
            return NODES.numberNode(values[offset]);
        }
        ArrayNode list = NODES.arrayNode((int) shape[depth]);
        int stride = 1;
        for (int d = depth + 1; d < shape.length; d++) {
            stride *= (int) shape[d];
        }
        for (int i = 0; i < shape[depth]; i++) {
            list.add(write(values, shape, depth + 1, offset + i * stride));
        }
        return list;
    }

    /**
     * @param shape dimensions
     * @return {@code [2,28,28]}
     */
    static String describe(long[] shape) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return b.append(']').toString();
    }

    private static String describeValue(JsonNode node) {
        String text = node.toString();
        return (node.isTextual() ? "a string " : node.isObject() ? "an object " : node.isBoolean() ? "a boolean " : "")
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
