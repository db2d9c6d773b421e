package io.kerasj.layers;

import java.util.Arrays;

/** Checks on a layer's per-sample input shape shared by the 2-D layers. */
final class Shapes {
    private Shapes() {
    }

    /**
     * @param layer the layer's name
     * @param className its class
     * @param shape the per-sample input shape
     * @throws IllegalArgumentException unless the shape is {@code [rows, cols, channels]} (channels_last)
     */
    static void requireImage(String layer, String className, long[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("layer " + layer + " (" + className + "): expected an input of shape "
                    + "[rows, cols, channels] per sample (channels_last), found " + Arrays.toString(shape));
        }
    }

    /**
     * @param dataFormat Keras's {@code data_format}
     * @throws IllegalArgumentException unless {@code channels_last} (or null, Keras's default)
     */
    static void requireChannelsLast(String dataFormat) {
        if (dataFormat != null && !dataFormat.equals("channels_last")) {
            throw new IllegalArgumentException("data_format: expected 'channels_last' (the only one supported), found '" + dataFormat + "'");
        }
    }

    /**
     * @param perSample a per-sample shape
     * @return Python's text of it as a tuple, as Keras's messages print shapes: {@code ()}, {@code (4,)}, {@code (4, 3)}
     */
    static String tuple(long[] perSample) {
        if (perSample.length == 1) {
            return "(" + perSample[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < perSample.length; i++) {
            text.append(i > 0 ? ", " : "").append(perSample[i]);
        }
        return text.append(')').toString();
    }

    /**
     * @param perSample a per-sample shape
     * @return Python's text of the batch shape: {@code (None, 4)}
     */
    static String batchTuple(long[] perSample) {
        StringBuilder text = new StringBuilder("(None");
        for (long d : perSample) {
            text.append(", ").append(d);
        }
        return text.append(perSample.length == 0 ? ",)" : ")").toString();
    }

    /**
     * @param perSample per-sample shapes
     * @return Python's text of the list of batch shapes, as Keras prints a merge layer's {@code input_shape}:
     *     {@code [(None, 3), (None, 4, 5)]}
     */
    static String batchTuples(java.util.List<long[]> perSample) {
        return perSample.stream().map(Shapes::batchTuple).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
