package io.kerasj.layers;

import java.util.Locale;

/** Keras's {@code padding} of convolutions and pooling: {@code valid} (no padding) or {@code same}. */
public enum Padding {
    /** No padding: only windows that fit. */
    VALID,
    /** Zero padding so the output has {@code ceil(n / stride)} positions. */
    SAME;

    /**
     * @param name {@code valid} or {@code same}
     * @return the padding
     * @throws IllegalArgumentException for anything else
     */
    public static Padding of(String name) {
        if ("valid".equals(name)) {
            return VALID;
        }
        if ("same".equals(name)) {
            return SAME;
        }
        throw new IllegalArgumentException("padding: expected 'valid' or 'same', found '" + name + "'");
    }

    /** @return the name TensorFlow's ops take, {@code VALID} or {@code SAME} */
    String op() {
        return name();
    }

    /** @return Keras's name */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Keras's {@code compute_conv_output_shape} along one axis.
     *
     * @param size the input size
     * @param window the kernel or pool size
     * @param stride the stride
     * @param dilation the dilation (1 for pooling)
     * @return the output size
     */
    long outputSize(long size, int window, int stride, int dilation) {
        if (this == SAME) {
            return (size - 1) / stride + 1;
        }
        long span = (long) dilation * (window - 1) + 1;
        return size < span ? 0 : (size - span) / stride + 1;
    }
}
