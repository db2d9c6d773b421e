package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Conv2D} on {@code channels_last} images: {@code activation(conv2d(x, kernel) + bias)} with a
 * kernel {@code [kernel_rows, kernel_cols, in_channels, filters]} (Glorot-uniform) and a bias {@code [filters]}
 * (zeros). Keras 3's defaults: strides 1, padding {@code valid}, dilation 1, no activation, a bias. A dilated
 * convolution is built as TensorFlow's Python {@code tf.nn.convolution} builds it ({@link DilatedConvolution}): a
 * {@code Conv2D} op with dilations crashes the process inside oneDNN on TensorFlow Java 1.1.0's CPU runtime. Arguments are
 * set fluently before the layer is added to a model: {@code new Conv2D(32, 3).padding("same").activation("relu")}.
 */
public class Conv2D extends BaseConv<Conv2D> {
    private final int filters;
    private int groups = 1;

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one int for a square, or rows and cols
     */
    public Conv2D(int filters, int... kernelSize) {
        super(kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("filters: expected a positive number, found " + filters);
        }
        this.filters = filters;
    }

    /**
     * Keras's {@code groups}: the input channels split into this many groups, each convolved with its own
     * {@code filters / groups} filters, the outputs concatenated; both channel counts must divide by it.
     *
     * @param groups the number of groups (default 1)
     * @return this layer
     */
    public Conv2D groups(int groups) {
        requireUnbuilt();
        if (groups <= 0 || filters % groups != 0) {
            throw new IllegalArgumentException("groups: expected a positive divisor of filters=" + filters + ", found " + groups);
        }
        this.groups = groups;
        return this;
    }

    /** @return Keras's {@code groups} */
    public int groups() {
        return groups;
    }

    /** @return the number of output channels */
    public int filters() {
        return filters;
    }

    /**
     * @return multiply-adds per sample of the convolution, once built: output positions times the kernel's size
     */
    @Override
    public long multiplyAdds() {
        long[] out = outputShape();
        int[] kernelSize = kernelSize();
        return out[0] * out[1] * kernelSize[0] * kernelSize[1] * (inputShape()[2] / groups) * filters;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        long[] window = outputWindow(inputShape);
        if (inputShape[2] % groups != 0) {
            throw new IllegalArgumentException("layer " + name() + " (Conv2D): groups=" + groups + " does not divide the input's "
                    + inputShape[2] + " channels");
        }
        int[] kernelSize = kernelSize();
        declareKernel(weights, "kernel", new long[] {kernelSize[0], kernelSize[1], inputShape[2] / groups, filters});
        declareBias(weights, filters);
        return new long[] {window[0], window[1], filters};
    }

    private Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> input, Operand<TFloat32> w) {
        return convolve(tf, input, (x, strides, padding) -> tf.nn.conv2d(x, w, strides, padding));
    }

    /**
     * Groups as split, convolve, concatenate: TensorFlow's CPU Conv2D kernel refuses a filter shallower than the input
     * ("Grouped convolution is not supported on CPU"). Split and ConcatV2 have native gradients.
     */
    private Operand<TFloat32> grouped(Ops tf, Operand<TFloat32> input, Operand<TFloat32> w) {
        var inputs = tf.split(tf.constant(3), input, (long) groups);
        var kernels = tf.split(tf.constant(3), w, (long) groups);
        List<Operand<TFloat32>> outputs = new java.util.ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            outputs.add(convolve(tf, inputs.output().get(g), kernels.output().get(g)));
        }
        return tf.concat(outputs, tf.constant(3));
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> w = context.read(kernel());
        return biasAndActivation(context, groups == 1 ? convolve(tf, input, w) : grouped(tf, input, w));
    }
}
