package io.kerasj.layers;

import io.kerasj.activations.Activation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code DepthwiseConv2D} on {@code channels_last} images: each input channel convolved with its own
 * {@code depth_multiplier} filters, {@code activation(depthwise_conv2d(x, kernel) + bias)}, with a kernel
 * {@code [kernel_rows, kernel_cols, in_channels, depth_multiplier]} (Keras 3 names it {@code kernel}; its initializer,
 * regularizer and constraint are Keras's {@code depthwise_*} arguments, here {@link #kernelInitializer} and so on) and a
 * bias {@code [in_channels * depth_multiplier]}. Keras 3's defaults: strides 1, padding {@code valid},
 * depth_multiplier 1, dilation 1, no activation, a bias.
 */
public class DepthwiseConv2D extends KernelLayer<DepthwiseConv2D> {
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private Padding padding = Padding.VALID;
    private int depthMultiplier = 1;
    private int[] dilationRate = {1, 1};
    private Activation activation = Activation.LINEAR;
    private boolean useBias = true;
    private WeightSpec kernel;
    private WeightSpec bias;

    /** @param kernelSize the window: one int for a square, or rows and cols */
    public DepthwiseConv2D(int... kernelSize) {
        super(null);
        this.kernelSize = Pair.of("kernel_size", kernelSize);
    }

    /**
     * @param strides one int for both axes, or rows and cols (default 1)
     * @return this layer
     */
    public DepthwiseConv2D strides(int... strides) {
        requireUnbuilt();
        this.strides = Pair.of("strides", strides);
        return this;
    }

    /**
     * @param padding {@code valid} (default) or {@code same}
     * @return this layer
     */
    public DepthwiseConv2D padding(String padding) {
        requireUnbuilt();
        this.padding = Padding.of(padding);
        return this;
    }

    /**
     * @param depthMultiplier output channels per input channel (default 1)
     * @return this layer
     */
    public DepthwiseConv2D depthMultiplier(int depthMultiplier) {
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
    public DepthwiseConv2D dilationRate(int... dilationRate) {
        requireUnbuilt();
        this.dilationRate = Pair.of("dilation_rate", dilationRate);
        return this;
    }

    /**
     * @param activation a Keras activation name, or null for none
     * @return this layer
     */
    public DepthwiseConv2D activation(String activation) {
        return activation(Activation.of(activation));
    }

    /**
     * @param activation any activation
     * @return this layer
     */
    public DepthwiseConv2D activation(Activation activation) {
        requireUnbuilt();
        this.activation = Objects.requireNonNull(activation, "activation");
        return this;
    }

    /**
     * @param useBias whether to add a bias (default true)
     * @return this layer
     */
    public DepthwiseConv2D useBias(boolean useBias) {
        requireUnbuilt();
        this.useBias = useBias;
        return this;
    }

    /**
     * Keras's {@code depthwise_initializer}: the same as {@link #kernelInitializer(String)}.
     *
     * @param name an initializer name
     * @return this layer
     */
    public DepthwiseConv2D depthwiseInitializer(String name) {
        return kernelInitializer(name);
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

    /** @return output channels per input channel */
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
        return out[0] * out[1] * out[2] * kernelSize[0] * kernelSize[1];
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        Shapes.requireImage(name(), className(), inputShape);
        long rows = padding.outputSize(inputShape[0], kernelSize[0], strides[0], dilationRate[0]);
        long cols = padding.outputSize(inputShape[1], kernelSize[1], strides[1], dilationRate[1]);
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("layer " + name() + " (DepthwiseConv2D): the kernel " + Arrays.toString(kernelSize)
                    + " does not fit the input " + Arrays.toString(inputShape) + " with padding 'valid'");
        }
        if ((strides[0] > 1 || strides[1] > 1) && DilatedConvolution.isDilated(dilationRate)) {
            throw new IllegalArgumentException("strides: expected 1 when dilation_rate > 1 (as Keras), found " + Arrays.toString(strides));
        }
        long channels = inputShape[2] * depthMultiplier;
        kernel = weights.add("kernel", new long[] {kernelSize[0], kernelSize[1], inputShape[2], depthMultiplier}, kernelInitializer(), true,
                kernelRegularizer(), kernelConstraint());
        bias = useBias ? weights.add("bias", new long[] {channels}, biasInitializer(), true, biasRegularizer(), biasConstraint()) : null;
        return new long[] {rows, cols, channels};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> w = context.read(kernel);
        Operand<TFloat32> x = DilatedConvolution.isDilated(dilationRate)
                ? DilatedConvolution.apply(tf, input, inputShape(), kernelSize, dilationRate, padding,
                        batched -> tf.nn.depthwiseConv2dNative(batched, w, List.of(1L, 1L, 1L, 1L), "VALID"))
                : tf.nn.depthwiseConv2dNative(input, w, List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.op());
        if (bias != null) {
            x = tf.nn.biasAdd(x, context.read(bias));
        }
        return LayerOutput.activated(activation, tf, x);
    }
}
