package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code DepthwiseConv2D} on {@code channels_last} images: each input channel convolved with its own
 * {@code depth_multiplier} filters, {@code activation(depthwise_conv2d(x, kernel) + bias)}, with a kernel
 * {@code [kernel_rows, kernel_cols, in_channels, depth_multiplier]} (Keras 3 names it {@code kernel}; its initializer,
 * regularizer and constraint are Keras's {@code depthwise_*} arguments, here {@link #kernelInitializer} and so on) and a
 * bias {@code [in_channels * depth_multiplier]}. Keras 3's defaults: strides 1, padding {@code valid},
 * depth_multiplier 1, dilation 1, no activation, a bias.
 */
public class DepthwiseConv2D extends BaseConv<DepthwiseConv2D> {
    private int depthMultiplier = 1;

    /** @param kernelSize the window: one int for a square, or rows and cols */
    public DepthwiseConv2D(int... kernelSize) {
        super(kernelSize);
    }

    /**
     * @param depthMultiplier output channels per input channel (default 1)
     * @return this layer
     */
    public DepthwiseConv2D depthMultiplier(int depthMultiplier) {
        requireUnbuilt();
        this.depthMultiplier = DepthwiseConvolution.checkedMultiplier(depthMultiplier);
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

    /** @return output channels per input channel */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    @Override
    public long multiplyAdds() {
        long[] out = outputShape();
        int[] kernelSize = kernelSize();
        return out[0] * out[1] * out[2] * kernelSize[0] * kernelSize[1];
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        long[] window = outputWindow(inputShape);
        long channels = inputShape[2] * depthMultiplier;
        declareKernel(weights, "kernel", DepthwiseConvolution.kernelShape(kernelSize(), inputShape[2], depthMultiplier));
        declareBias(weights, channels);
        return new long[] {window[0], window[1], channels};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return biasAndActivation(context, DepthwiseConvolution.apply(this, context, input, kernel()));
    }
}
