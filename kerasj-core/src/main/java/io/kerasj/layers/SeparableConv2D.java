package io.kerasj.layers;

import io.kerasj.initializers.GlorotUniform;
import io.kerasj.initializers.Initializer;
import io.kerasj.initializers.Initializers;

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
 * The kernel's initializer, regularizer and constraint ({@link #kernelInitializer} and so on) are Keras's
 * {@code depthwise_*} arguments; the pointwise kernel takes an initializer only.
 */
public class SeparableConv2D extends BaseConv<SeparableConv2D> {
    private final int filters;
    private int depthMultiplier = 1;
    private Initializer pointwiseInitializer = new GlorotUniform();
    private WeightSpec pointwiseKernel;

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window: one int for a square, or rows and cols
     */
    public SeparableConv2D(int filters, int... kernelSize) {
        super(kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("filters: expected a positive number, found " + filters);
        }
        this.filters = filters;
    }

    /**
     * @param depthMultiplier depthwise channels per input channel (default 1)
     * @return this layer
     */
    public SeparableConv2D depthMultiplier(int depthMultiplier) {
        requireUnbuilt();
        this.depthMultiplier = DepthwiseConvolution.checkedMultiplier(depthMultiplier);
        return this;
    }

    /**
     * Keras's {@code depthwise_initializer}: the same as {@link #kernelInitializer(Initializer)}.
     *
     * @param initializer the depthwise kernel's initializer
     * @return this layer
     */
    public SeparableConv2D depthwiseInitializer(Initializer initializer) {
        return kernelInitializer(Objects.requireNonNull(initializer, "depthwise_initializer"));
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

    /** @return Keras's {@code depthwise_initializer} (the kernel initializer) */
    public Initializer depthwiseInitializer() {
        return kernelInitializer();
    }

    /** @return Keras's {@code pointwise_initializer} */
    public Initializer pointwiseInitializer() {
        return pointwiseInitializer;
    }

    /** @return the number of output channels */
    public int filters() {
        return filters;
    }

    /** @return depthwise channels per input channel */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    @Override
    public long multiplyAdds() {
        long[] out = outputShape();
        int[] kernelSize = kernelSize();
        long depthwise = inputShape()[2] * depthMultiplier;
        return out[0] * out[1] * depthwise * (kernelSize[0] * kernelSize[1] + filters);
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        long[] window = outputWindow(inputShape);
        declareKernel(weights, "depthwise_kernel", DepthwiseConvolution.kernelShape(kernelSize(), inputShape[2], depthMultiplier));
        pointwiseKernel = weights.add("pointwise_kernel", new long[] {1, 1, inputShape[2] * depthMultiplier, filters}, pointwiseInitializer, true);
        declareBias(weights, filters);
        return new long[] {window[0], window[1], filters};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> depthwise = DepthwiseConvolution.apply(this, context, input, kernel());
        Operand<TFloat32> x = tf.nn.conv2d(depthwise, context.read(pointwiseKernel), List.of(1L, 1L, 1L, 1L), "VALID");
        return biasAndActivation(context, x);
    }
}
