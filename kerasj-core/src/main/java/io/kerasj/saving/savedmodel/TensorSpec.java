package io.kerasj.saving.savedmodel;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One input or output of a signature, as its SignatureDef declares it.
 *
 * @param key the signature's name for it, e.g. {@code input_1} or {@code dense_2}
 * @param tensorName the graph tensor, e.g. {@code serving_default_input_1:0}
 * @param dtype the TensorFlow dtype name, e.g. {@code DT_FLOAT}
 * @param shape the dimensions, -1 where unknown; empty when the rank is unknown or the tensor is a scalar
 * @param unknownRank true when the rank itself is unknown
 */
public record TensorSpec(String key, String tensorName, String dtype, List<Long> shape, boolean unknownRank) {

    /**
     * Copies the shape.
     *
     * @param key the signature's name for it, e.g. {@code input_1} or {@code dense_2}
     * @param tensorName the graph tensor, e.g. {@code serving_default_input_1:0}
     * @param dtype the TensorFlow dtype name, e.g. {@code DT_FLOAT}
     * @param shape the dimensions, -1 where unknown; empty when the rank is unknown or the tensor is a scalar
     * @param unknownRank true when the rank itself is unknown
     */
    public TensorSpec {
        shape = List.copyOf(shape);
    }

    /** @return true for {@code DT_FLOAT} */
    public boolean isFloat() {
        return "DT_FLOAT".equals(dtype);
    }

    /** @return the shape as {@code [-1,28,28]}, or {@code unknown rank} */
    public String shapeText() {
        if (unknownRank) {
            return "unknown rank";
        }
        return shape.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
