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
}
