package io.kerasj.layers;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code Conv2DTranspose} on {@code channels_last} images ({@code tf.nn.conv_transpose}, TensorFlow's
 * {@code Conv2DBackpropInput}): a kernel {@code [kernel_rows, kernel_cols, filters, in_channels]} (Glorot-uniform) and
 * a bias {@code [filters]}. The output size per axis is Keras 3's {@code compute_conv_transpose_output_shape}:
 * {@code valid}: {@code (n - 1) * stride + kernel + output_padding} (output_padding {@code max(kernel, stride) - kernel}
 * when unset); {@code same}: {@code n * stride}, or {@code (n - 1) * stride + kernel % 2 + output_padding} when set.
 * Dilation must be 1.
 */
public class Conv2DTranspose extends BaseConv<Conv2DTranspose> {
    private final int filters;
    private int[] outputPadding;

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one int for a square, or rows and cols
     */
    public Conv2DTranspose(int filters, int... kernelSize) {
        super(kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("filters: expected a positive number, found " + filters);
        }
        this.filters = filters;
    }

    /**
     * @param outputPadding null (default, Keras's None), one int for both axes, or rows and cols; each below the stride
     * @return this layer
     */
    public Conv2DTranspose outputPadding(int... outputPadding) {
        requireUnbuilt();
        if (outputPadding == null) {
            this.outputPadding = null;
            return this;
        }
        if (outputPadding.length < 1 || outputPadding.length > 2 || Arrays.stream(outputPadding).anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("output_padding: expected one or two ints >= 0, found " + Arrays.toString(outputPadding));
        }
        this.outputPadding = outputPadding.length == 1 ? new int[] {outputPadding[0], outputPadding[0]} : outputPadding.clone();
        return this;
    }

    /** @return the number of output channels */
    public int filters() {
        return filters;
    }

    /** @return the output padding, rows and cols, or null (Keras's None) */
    public int[] outputPadding() {
        return outputPadding == null ? null : outputPadding.clone();
    }

    /** Keras 3's {@code _get_output_shape_given_tf_padding}, dilation 1. */
    private long outputSize(int axis, long size) {
        int k = kernelSize()[axis];
        int s = stride()[axis];
        if (paddingMode() == Padding.VALID) {
            long extra = outputPadding == null ? Math.max(k, s) - k : outputPadding[axis];
            return (size - 1) * s + k + extra;
        }
        return outputPadding == null ? size * s : (size - 1) * s + k % 2 + outputPadding[axis];
    }

    @Override
    public long multiplyAdds() {
        long[] in = inputShape();
        int[] kernelSize = kernelSize();
        return in[0] * in[1] * in[2] * kernelSize[0] * kernelSize[1] * filters;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        int[] strides = stride();
        if (DilatedConvolution.isDilated(dilation())) {
            throw new IllegalArgumentException("layer " + name() + " (Conv2DTranspose): dilation_rate " + Arrays.toString(dilation())
                    + " is not supported; KerasJ's Conv2DTranspose has dilation 1");
        }
        if (outputPadding != null && (outputPadding[0] >= strides[0] || outputPadding[1] >= strides[1])) {
            throw new IllegalArgumentException("output_padding: expected values below the strides " + Arrays.toString(strides)
                    + " (as Keras), found " + Arrays.toString(outputPadding));
        }
        long rows = outputSize(0, inputShape[0]);
        long cols = outputSize(1, inputShape[1]);
        if (rows <= 0 || cols <= 0 || rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer " + name() + " (Conv2DTranspose): no valid output for the input " + Arrays.toString(inputShape));
        }
        int[] kernelSize = kernelSize();
        declareKernel(weights, "kernel", new long[] {kernelSize[0], kernelSize[1], filters, inputShape[2]});
        declareBias(weights, filters);
        return new long[] {rows, cols, filters};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        long[] out = outputShape();
        int[] strides = stride();
        Operand<TInt32> batch = tf.slice(tf.shape(input), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TInt32> sizes = tf.concat(List.of(batch, tf.constant(new int[] {(int) out[0], (int) out[1], filters})), tf.constant(0));
        Operand<TFloat32> x = tf.nn.conv2dBackpropInput(sizes, context.read(kernel()), input,
                List.of(1L, (long) strides[0], (long) strides[1], 1L), paddingMode().op());
        return biasAndActivation(context, x);
    }
}
