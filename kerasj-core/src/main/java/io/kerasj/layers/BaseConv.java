package io.kerasj.layers;

import io.kerasj.activations.Activation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's 2-D convolutions share ({@code BaseConv}): the window ({@code kernel_size}, {@code strides},
 * {@code padding}, {@code dilation_rate}), the activation and the bias, on {@code channels_last} images, set fluently
 * before the layer is built. Keras 3's defaults: strides 1, padding {@code valid}, dilation 1, no activation, a bias.
 *
 * @param <L> the layer's own class, which the setters return
 */
public abstract class BaseConv<L extends BaseConv<L>> extends KernelLayer<L> {
    private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

    /** One convolution op on NHWC images, e.g. {@code tf.nn.conv2d}: its strides are NHWC's four, its padding TF's name. */
    @FunctionalInterface
    protected interface ConvolutionOp {
        /**
         * @param input the images
         * @param strides the strides, batch and channel 1
         * @param padding {@code VALID} or {@code SAME}
         * @return the convolved images
         */
        Operand<TFloat32> apply(Operand<TFloat32> input, List<Long> strides, String padding);
    }

    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private Padding padding = Padding.VALID;
    private int[] dilationRate = {1, 1};
    private Activation activation = Activation.LINEAR;
    private boolean useBias = true;
    private WeightSpec kernel;
    private WeightSpec bias;

    /** @param kernelSize the window: one int for a square, or rows and cols */
    protected BaseConv(int... kernelSize) {
        super(null);
        this.kernelSize = Pair.of("kernel_size", kernelSize);
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    /**
     * @param strides one int for both axes, or rows and cols (default 1)
     * @return this layer
     */
    public L strides(int... strides) {
        requireUnbuilt();
        this.strides = Pair.of("strides", strides);
        return self();
    }

    /**
     * @param padding {@code valid} (default) or {@code same}
     * @return this layer
     */
    public L padding(String padding) {
        requireUnbuilt();
        this.padding = Padding.of(padding);
        return self();
    }

    /**
     * @param dilationRate one int for both axes, or rows and cols (default 1)
     * @return this layer
     */
    public L dilationRate(int... dilationRate) {
        requireUnbuilt();
        this.dilationRate = Pair.of("dilation_rate", dilationRate);
        return self();
    }

    /**
     * @param activation a Keras activation name, or null for none
     * @return this layer
     */
    public L activation(String activation) {
        return activation(Activation.of(activation));
    }

    /**
     * @param activation a built-in ({@link Activation#RELU}) or any function on a tensor, {@code (tf, x) -> ...}
     * @return this layer
     */
    public L activation(Activation activation) {
        requireUnbuilt();
        this.activation = Objects.requireNonNull(activation, "activation");
        return self();
    }

    /**
     * @param useBias whether to add a bias (default true)
     * @return this layer
     */
    public L useBias(boolean useBias) {
        requireUnbuilt();
        this.useBias = useBias;
        return self();
    }

    /**
     * @param dataFormat Keras's {@code data_format}; only {@code channels_last} is supported
     * @return this layer
     */
    public L dataFormat(String dataFormat) {
        Shapes.requireChannelsLast(dataFormat);
        return self();
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

    /** @return the activation applied last */
    public Activation activation() {
        return activation;
    }

    /** @return true when the layer adds a bias */
    public boolean hasBias() {
        return useBias;
    }

    /** @return the kernel's handle, for a subclass's {@code call} (Keras's {@code self.kernel}); null before build */
    protected final WeightSpec kernel() {
        return kernel;
    }

    /** @return the bias's handle (Keras's {@code self.bias}); null before build or without a bias */
    protected final WeightSpec bias() {
        return bias;
    }

    /**
     * Checks an image input against the window and gives the output's rows and cols, as Keras computes them.
     *
     * @param inputShape the per-sample input shape {@code [rows, cols, channels]}
     * @return {@code [rows, cols]} of the output
     */
    protected final long[] outputWindow(long[] inputShape) {
        Shapes.requireImage(name(), className(), inputShape);
        long rows = padding.outputSize(inputShape[0], kernelSize[0], strides[0], dilationRate[0]);
        long cols = padding.outputSize(inputShape[1], kernelSize[1], strides[1], dilationRate[1]);
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("layer " + name() + " (" + className() + "): the kernel " + Arrays.toString(kernelSize)
                    + " does not fit the input " + Arrays.toString(inputShape) + " with padding 'valid'");
        }
        if ((strides[0] > 1 || strides[1] > 1) && DilatedConvolution.isDilated(dilationRate)) {
            throw new IllegalArgumentException("strides: expected 1 when dilation_rate > 1 (as Keras), found " + Arrays.toString(strides));
        }
        return new long[] {rows, cols};
    }

    /**
     * Declares Keras's {@code kernel} with the kernel initializer, regularizer and constraint.
     *
     * @param name the weight's name ({@code kernel}, or {@code depthwise_kernel})
     * @param shape its shape
     */
    protected final void declareKernel(WeightDeclarations weights, String name, long[] shape) {
        kernel = weights.add(name, shape, kernelInitializer(), true, kernelRegularizer(), kernelConstraint());
    }

    /**
     * Declares the bias, when the layer has one.
     *
     * @param units its length, the output's channels
     */
    protected final void declareBias(WeightDeclarations weights, long units) {
        bias = useBias ? weights.add("bias", new long[] {units}, biasInitializer(), true, biasRegularizer(), biasConstraint()) : null;
    }

    /**
     * Runs a convolution with the layer's strides, padding and dilation; dilated, as {@link DilatedConvolution} builds it.
     *
     * @param op the convolution, e.g. {@code (x, s, p) -> tf.nn.conv2d(x, w, s, p)}
     */
    protected final Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> input, ConvolutionOp op) {
        if (DilatedConvolution.isDilated(dilationRate)) {
            return DilatedConvolution.apply(tf, input, inputShape(), kernelSize, dilationRate, padding,
                    batched -> op.apply(batched, UNIT_STRIDES, "VALID"));
        }
        return op.apply(input, List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.op());
    }

    /** Adds the bias, if any, then applies the activation: how every convolution ends. */
    protected final LayerOutput biasAndActivation(CallContext context, Operand<TFloat32> x) {
        Ops tf = context.tf();
        Operand<TFloat32> out = bias == null ? x : tf.nn.biasAdd(x, context.read(bias));
        return LayerOutput.activated(activation, tf, out);
    }
}
