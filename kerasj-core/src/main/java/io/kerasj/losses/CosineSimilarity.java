package io.kerasj.losses;

import io.kerasj.layers.LayerOutput;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code cosine_similarity} loss: {@code -sum(l2_normalize(y_true) l2_normalize(y_pred))} along
 * {@code axis}, each normalized as Keras does ({@code x min(rsqrt(sum x²), 1e7)}), so -1 for the same direction.
 *
 * @param axis the axis along which the similarity is taken (Keras default -1); not the batch axis
 */
public record CosineSimilarity(int axis) implements Loss {

    /** Keras's default: the last axis. */
    public CosineSimilarity() {
        this(-1);
    }

    /**
     * Checks the arguments.
     *
     * @param axis the axis along which the similarity is taken (Keras default -1); not the batch axis
     */
    public CosineSimilarity {
        if (axis == 0) {
            throw new IllegalArgumentException("axis: expected an axis other than the batch axis 0, found 0");
        }
    }

    @Override
    public String name() {
        return "cosine_similarity";
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        Operand<TFloat32> output = normalize(tf, yPred.output());
        Operand<TFloat32> target = normalize(tf, Loss.floats(tf, yTrue));
        return tf.math.neg(tf.reduceSum(tf.math.mul(target, output), tf.constant(axis)));
    }

    private Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> squareSum = tf.reduceSum(tf.math.square(x), tf.constant(axis), org.tensorflow.op.core.ReduceSum.keepDims(true));
        Operand<TFloat32> inverseNorm = tf.math.minimum(tf.math.rsqrt(squareSum), tf.constant(1e7f));
        return tf.math.mul(x, inverseNorm);
    }
}
