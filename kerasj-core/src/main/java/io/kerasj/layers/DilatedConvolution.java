package io.kerasj.layers;

import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A dilated convolution as TensorFlow's Python {@code tf.nn.convolution} builds it (as {@link Conv2D} does): space to
 * batch by the dilation, a plain VALID convolution with stride 1, batch to space. Convolution ops with dilations are
 * never emitted: on TensorFlow Java 1.1.0's CPU runtime they crash the process inside oneDNN (measured for Conv2D).
 */
final class DilatedConvolution {
    private DilatedConvolution() {
    }

    /**
     * @param inputShape the per-sample input shape {@code [rows, cols, channels]}
     * @param convolution the VALID, stride-1 convolution of the batched input
     */
    static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, long[] inputShape, int[] kernelSize, int[] dilationRate,
            Padding padding, UnaryOperator<Operand<TFloat32>> convolution) {
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
            long full = inputShape[axis] + start + end;
            long extra = (dilationRate[axis] - full % dilationRate[axis]) % dilationRate[axis];
            paddings[axis] = new long[] {start, end + extra};
            crops[axis] = new long[] {0, extra};
        }
        Operand<TInt64> block = tf.constant(new long[] {dilationRate[0], dilationRate[1]});
        Operand<TFloat32> batched = tf.spaceToBatchNd(input, block, tf.constant(paddings));
        return tf.batchToSpaceNd(convolution.apply(batched), block, tf.constant(crops));
    }

    static boolean isDilated(int[] dilationRate) {
        return dilationRate[0] > 1 || dilationRate[1] > 1;
    }
}
