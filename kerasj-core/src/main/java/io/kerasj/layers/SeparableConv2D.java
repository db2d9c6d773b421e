package io.kerasj.layers;

import io.kerasj.activations.Activation;
import io.kerasj.initializers.GlorotUniform;
import io.kerasj.initializers.Initializer;
import io.kerasj.initializers.Initializers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code SeparableConv2D} on {@code channels_last} images: a depthwise convolution (kernel
 * {@code depthwise_kernel [kernel_rows, kernel_cols, in_channels, depth_multiplier]}, with the strides and dilation),
 * then a 1x1 convolution ({@code pointwise_kernel [1, 1, in_channels * depth_multiplier, filters]}), then
 * {@code bias [filters]} and the activation, as {@code tf.nn.separable_conv2d}. Keras 3's defaults: strides 1, padding
 * {@code valid}, depth_multiplier 1, dilation 1, no activation, a bias; both kernels Glorot-uniform, the bias zeros.
 * Regularizers and constraints are not supported.
 */
public class SeparableConv2D extends Layer {
    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private Padding padding = Padding.VALID;
    private int depthMultiplier = 1;
    private int[] dilationRate = {1, 1};
    private Activation activation = Activation.LINEAR;
    private boolean useBias = true;
    private Initializer depthwiseInitializer = new GlorotUniform();
    private Initializer pointwiseInitializer = new GlorotUniform();
    private Initializer biasInitializer = Initializer.ZEROS;
    private WeightSpec depthwiseKernel;
    private WeightSpec pointwiseKernel;
    private WeightSpec bias;

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one int for a square, or rows and cols
     */
    public SeparableConv2D(int filters, int... kernelSize) {
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
    public SeparableConv2D strides(int... strides) {
        requireUnbuilt();
        this.strides = Pair.of("strides", strides);
        return this;
    }

    /**
     * @param padding {@code valid} (default) or {@code same}
     * @return this layer
     */
    public SeparableConv2D padding(String padding) {
        requireUnbuilt();
        this.padding = Padding.of(padding);
        return this;
    }

    /**
     * @param depthMultiplier depthwise channels per input channel (default 1)
     * @return this layer
     */
    public SeparableConv2D depthMultiplier(int depthMultiplier) {
        requireUnbuilt();
        if (depthMultiplier <= 0) {
            throw new IllegalArgumentException("depth_multiplier: expected a positive number, found " + depthMultiplier);
        }
        this.depthMultiplier = depthMultiplier;
        return this;
    }

    /**
     * @param dilationRate one int for both axes, or rows and cols (default 1)
     * @return this layer
     */
    public SeparableConv2D dilationRate(int... dilationRate) {
        requireUnbuilt();
        this.dilationRate = Pair.of("dilation_rate", dilationRate);
        return this;
    }

    /**
     * @param activation a Keras activation name, or null for none
     * @return this layer
     */
    public SeparableConv2D activation(String activation) {
        return activation(Activation.of(activation));
    }

    /**
     * @param activation any activation
     * @return this layer
     */
    public SeparableConv2D activation(Activation activation) {
        requireUnbuilt();
        this.activation = Objects.requireNonNull(activation, "activation");
        return this;
    }

    /**
     * @param useBias whether to add a bias (default true)
     * @return this layer
     */
    public SeparableConv2D useBias(boolean useBias) {
        requireUnbuilt();
        this.useBias = useBias;
        return this;
    }

    /**
     * @param initializer Keras's {@code depthwise_initializer}
     * @return this layer
     */
    public SeparableConv2D depthwiseInitializer(Initializer initializer) {
        requireUnbuilt();
        this.depthwiseInitializer = Objects.requireNonNull(initializer, "depthwise_initializer");
        return this;
    }

    /**
     * @param initializer Keras's {@code pointwise_initializer}
     * @return this layer
     */
    public SeparableConv2D pointwiseInitializer(Initializer initializer) {
        requireUnbuilt();
        this.pointwiseInitializer = Objects.requireNonNull(initializer, "pointwise_initializer");
        return this;
    }

    /**
     * @param initializer Keras's {@code bias_initializer}
     * @return this layer
     */
    public SeparableConv2D biasInitializer(Initializer initializer) {
        requireUnbuilt();
        this.biasInitializer = Objects.requireNonNull(initializer, "bias_initializer");
        return this;
    }

    /**
     * @param name an initializer name ({@link Initializers#of})
     * @return this layer
     */
    public SeparableConv2D depthwiseInitializer(String name) {
        return depthwiseInitializer(Initializers.of(name));
    }

    /**
     * @param name an initializer name ({@link Initializers#of})
     * @return this layer
     */
    public SeparableConv2D pointwiseInitializer(String name) {
        return pointwiseInitializer(Initializers.of(name));
    }

    /** @return Keras's {@code depthwise_initializer} */
    public Initializer depthwiseInitializer() {
        return depthwiseInitializer;
    }

    /** @return Keras's {@code pointwise_initializer} */
    public Initializer pointwiseInitializer() {
        return pointwiseInitializer;
    }

    /** @return Keras's {@code bias_initializer} */
    public Initializer biasInitializer() {
        return biasInitializer;
    }

    /** @return the number of output channels */
    public int filters() {
        return filters;
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

    /** @return depthwise channels per input channel */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** @return the dilation, rows and cols */
    public int[] dilation() {
        return dilationRate.clone();
    }

    /** @return the activation applied last */
    public Activation activation() {
        return activation;
    }

    /** @return true when the layer adds a bias */
    public boolean hasBias() {
        return useBias;
    }

    @Override
    public long multiplyAdds() {
        long[] out = outputShape();
        long depthwise = inputShape()[2] * depthMultiplier;
        return out[0] * out[1] * depthwise * (kernelSize[0] * kernelSize[1] + filters);
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        long rows = padding.outputSize(inputShape[0], kernelSize[0], strides[0], dilationRate[0]);
        long cols = padding.outputSize(inputShape[1], kernelSize[1], strides[1], dilationRate[1]);
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("layer " + name() + " (SeparableConv2D): the kernel " + Arrays.toString(kernelSize)
                    + " does not fit the input " + Arrays.toString(inputShape) + " with padding 'valid'");
        }
        if ((strides[0] > 1 || strides[1] > 1) && DilatedConvolution.isDilated(dilationRate)) {
            throw new IllegalArgumentException("strides: expected 1 when dilation_rate > 1 (as Keras), found " + Arrays.toString(strides));
        }
        depthwiseKernel = weights.add("depthwise_kernel", new long[] {kernelSize[0], kernelSize[1], inputShape[2], depthMultiplier},
                depthwiseInitializer, true);
        pointwiseKernel = weights.add("pointwise_kernel", new long[] {1, 1, inputShape[2] * depthMultiplier, filters}, pointwiseInitializer, true);
        bias = useBias ? weights.add("bias", new long[] {filters}, biasInitializer, true) : null;
        return new long[] {rows, cols, filters};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> depthwise = context.read(depthwiseKernel);
        Operand<TFloat32> x = DilatedConvolution.isDilated(dilationRate)
                ? DilatedConvolution.apply(tf, input, inputShape(), kernelSize, dilationRate, padding,
                        batched -> tf.nn.depthwiseConv2dNative(batched, depthwise, List.of(1L, 1L, 1L, 1L), "VALID"))
                : tf.nn.depthwiseConv2dNative(input, depthwise, List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.op());
        x = tf.nn.conv2d(x, context.read(pointwiseKernel), List.of(1L, 1L, 1L, 1L), "VALID");
        if (bias != null) {
            x = tf.nn.biasAdd(x, context.read(bias));
        }
        return LayerOutput.activated(activation, tf, x);
    }
}
