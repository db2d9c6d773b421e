package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The depthwise step that {@link DepthwiseConv2D} and {@link SeparableConv2D} share: its multiplier, kernel and op. */
final class DepthwiseConvolution {
    private DepthwiseConvolution() {
    }

    static int checkedMultiplier(int depthMultiplier) {
        if (depthMultiplier <= 0) {
            throw new IllegalArgumentException("depth_multiplier: expected a positive number, found " + depthMultiplier);
        }
        return depthMultiplier;
    }

    /** @return Keras's depthwise kernel shape {@code [kernel_rows, kernel_cols, in_channels, depth_multiplier]} */
    static long[] kernelShape(int[] kernelSize, long inChannels, int depthMultiplier) {
        return new long[] {kernelSize[0], kernelSize[1], inChannels, depthMultiplier};
    }

    /** @return the input convolved channel by channel with the layer's strides, padding and dilation */
    static Operand<TFloat32> apply(BaseConv<?> layer, CallContext context, Operand<TFloat32> input, WeightSpec kernel) {
        Ops tf = context.tf();
        Operand<TFloat32> w = context.read(kernel);
        return layer.convolve(tf, input, (x, strides, padding) -> tf.nn.depthwiseConv2dNative(x, w, strides, padding));
    }
}
