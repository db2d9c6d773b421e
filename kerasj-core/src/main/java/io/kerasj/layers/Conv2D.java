package io.kerasj.layers;

import io.kerasj.activations.Activation;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras's {@code Conv2D} on {@code channels_last} images: {@code activation(conv2d(x, kernel) + bias)} with a
 * kernel {@code [kernel_rows, kernel_cols, in_channels, filters]} (Glorot-uniform) and a bias {@code [filters]}
 * (zeros). Keras 3's defaults: strides 1, padding {@code valid}, dilation 1, no activation, a bias. Arguments are
 * set fluently before the layer is added to a model: {@code new Conv2D(32, 3).padding("same").activation("relu")}.
 */
public class Conv2D extends KernelLayer<Conv2D> {
    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private Padding padding = Padding.VALID;
    private int[] dilationRate = {1, 1};
    private Activation activation = Activation.LINEAR;
    private boolean useBias = true;
    private int groups = 1;
    private WeightSpec kernel;
    private WeightSpec bias;

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one int for a square, or rows and cols
     */
    public Conv2D(int filters, int... kernelSize) {
        super(null);
        if (filters <= 0) {
            throw new IllegalArgumentException("filters: expected a positive number, found " + filters);
        }
        this.filters = filters;
        this.kernelSize = Pair.of("kernel_size", kernelSize);
    }

    /**
     * @param strides one int for both axes, or rows and cols (default 1)
     * @return this layer
     */
    public Conv2D strides(int... strides) {
        requireUnbuilt();
        this.strides = Pair.of("strides", strides);
        return this;
    }

    /**
     * @param padding {@code valid} (default) or {@code same}
     * @return this layer
     */
    public Conv2D padding(String padding) {
        requireUnbuilt();
        this.padding = Padding.of(padding);
        return this;
    }

    /**
     * @param dilationRate one int for both axes, or rows and cols (default 1)
     * @return this layer
     */
    public Conv2D dilationRate(int... dilationRate) {
        requireUnbuilt();
        this.dilationRate = Pair.of("dilation_rate", dilationRate);
        return this;
    }

    /**
     * @param activation a Keras activation name, or null for none
     * @return this layer
     */
    public Conv2D activation(String activation) {
        return activation(Activation.of(activation));
    }

    /**
     * @param activation a built-in ({@link Activation#RELU}) or any function on a tensor, {@code (tf, x) -> ...}
     * @return this layer
     */
    public Conv2D activation(Activation activation) {
        requireUnbuilt();
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
        return this;
    }

    /**
     * @param useBias whether to add a bias (default true)
     * @return this layer
     */
    public Conv2D useBias(boolean useBias) {
        requireUnbuilt();
        this.useBias = useBias;
        return this;
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

    /**
     * @param dataFormat Keras's {@code data_format}; only {@code channels_last} is supported
     * @return this layer
     */
    public Conv2D dataFormat(String dataFormat) {
        Shapes.requireChannelsLast(dataFormat);
        return this;
    }

    /** @return the kernel's handle, for a subclass's {@code call} (Keras's {@code self.kernel}); null before build */
    protected final WeightSpec kernel() {
        return kernel;
    }

    /** @return the bias's handle (Keras's {@code self.bias}); null before build or without a bias */
    protected final WeightSpec bias() {
        return bias;
    }

    /** @return the window, rows and cols */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** @return the step, rows and cols */
    public int[] stride() {
        return strides.clone();
    }

    /** @return the padding */
    public Padding paddingMode() {
        return padding;
    }

    /** @return the dilation, rows and cols */
    public int[] dilation() {
        return dilationRate.clone();
    }

    /** @return true when the layer adds a bias */
    public boolean hasBias() {
        return useBias;
    }

    /** @return the number of output channels */
    public int filters() {
        return filters;
    }

    /** @return the activation applied last */
    public Activation activation() {
        return activation;
    }

    /**
     * @return multiply-adds per sample of the convolution, once built: output positions times the kernel's size
     */
    @Override
    public long multiplyAdds() {
        long[] out = outputShape();
        return out[0] * out[1] * kernelSize[0] * kernelSize[1] * (inputShape()[2] / groups) * filters;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        long rows = padding.outputSize(inputShape[0], kernelSize[0], strides[0], dilationRate[0]);
        long cols = padding.outputSize(inputShape[1], kernelSize[1], strides[1], dilationRate[1]);
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("layer " + name() + " (Conv2D): the kernel " + java.util.Arrays.toString(kernelSize)
                    + " does not fit the input " + java.util.Arrays.toString(inputShape) + " with padding 'valid'");
        }
        if ((strides[0] > 1 || strides[1] > 1) && (dilationRate[0] > 1 || dilationRate[1] > 1)) {
            throw new IllegalArgumentException("strides: expected 1 when dilation_rate > 1 (as Keras), found " + java.util.Arrays.toString(strides));
        }
        if (inputShape[2] % groups != 0) {
            throw new IllegalArgumentException("layer " + name() + " (Conv2D): groups=" + groups + " does not divide the input's "
                    + inputShape[2] + " channels");
        }
        kernel = weights.add("kernel", new long[] {kernelSize[0], kernelSize[1], inputShape[2] / groups, filters}, kernelInitializer(), true,
                kernelRegularizer(), kernelConstraint());
        bias = useBias ? weights.add("bias", new long[] {filters}, biasInitializer(), true, biasRegularizer(), biasConstraint()) : null;
        return new long[] {rows, cols, filters};
    }

    /**
     * A dilated convolution as TensorFlow's Python {@code tf.nn.convolution} builds it: space-to-batch by the dilation,
     * a plain VALID convolution, batch-to-space. A {@code Conv2D} op with dilations crashes the process inside oneDNN
     * on TensorFlow Java 1.1.0's CPU runtime (measured), so it is never emitted.
     */
    private Operand<TFloat32> dilated(Ops tf, Operand<TFloat32> input, Operand<TFloat32> w) {
        long[][] paddings = new long[2][2];
        long[][] crops = new long[2][2];
        for (int axis = 0; axis < 2; axis++) {
            long start = 0;
            long end = 0;
            if (padding == Padding.SAME) {
                long total = (long) (kernelSize[axis] - 1) * dilationRate[axis];
                start = total / 2;
                end = total - start;
            }
            long full = inputShape()[axis] + start + end;
            long extra = (dilationRate[axis] - full % dilationRate[axis]) % dilationRate[axis];
            paddings[axis] = new long[] {start, end + extra};
            crops[axis] = new long[] {0, extra};
        }
        Operand<TInt64> block = tf.constant(new long[] {dilationRate[0], dilationRate[1]});
        Operand<TFloat32> batched = tf.spaceToBatchNd(input, block, tf.constant(paddings));
        Operand<TFloat32> convolved = tf.nn.conv2d(batched, w, List.of(1L, 1L, 1L, 1L), "VALID");
        return tf.batchToSpaceNd(convolved, block, tf.constant(crops));
    }

    private Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> input, Operand<TFloat32> w) {
        return dilationRate[0] == 1 && dilationRate[1] == 1
                ? tf.nn.conv2d(input, w, List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.op())
                : dilated(tf, input, w);
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
        Operand<TFloat32> x = groups == 1 ? convolve(tf, input, context.read(kernel)) : grouped(tf, input, context.read(kernel));
        if (bias != null) {
            x = tf.nn.biasAdd(x, context.read(bias));
        }
        return LayerOutput.activated(activation, tf, x);
    }
}
