package io.kerasj.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;

/**
 * The gradient of {@code SparseSoftmaxCrossEntropyWithLogits}, which the native runtime lacks (design.md):
 * {@code d loss / d logits = g[:, None] * backprop}; labels get zeros (never null).
 */
public final class SparseSoftmaxGradient {
    private static boolean registered;

    private SparseSoftmaxGradient() {
    }

    /** Registers the gradient once per process; later calls do nothing. */
    @SuppressWarnings("unchecked")
    public static synchronized void register() {
        if (registered) {
            return;
        }
        TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.Inputs.class, (tf, op, gradients) -> {
            Operand<TFloat32> lossGradient = (Operand<TFloat32>) gradients.get(0);
            Operand<TFloat32> backprop = (Operand<TFloat32>) ((SparseSoftmaxCrossEntropyWithLogits<?>) op.getOutputs()).backprop();
            Operand<TFloat32> logitsGradient = tf.math.mul(tf.expandDims(lossGradient, tf.constant(-1)), backprop);
            return List.of(logitsGradient, tf.zerosLike(op.labels));
        });
        registered = true;
    }
}
