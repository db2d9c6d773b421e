package io.kerasj.constraints;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/** What the norm constraints share: Keras's {@code sqrt(sum(square(w), axis, keepdims=True))} and its epsilon. */
final class Norms {
    /** Keras's {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    private Norms() {
    }

    static Operand<TFloat32> of(Ops tf, Operand<TFloat32> w, int[] axes) {
        return tf.math.sqrt(tf.reduceSum(tf.math.square(w), tf.constant(axes), ReduceSum.keepDims(true)));
    }

    /** @return {@code w * (desired / (epsilon + norms))}, Keras's rescaling */
    static Operand<TFloat32> rescale(Ops tf, Operand<TFloat32> w, Operand<TFloat32> desired, Operand<TFloat32> norms) {
        return tf.math.mul(w, tf.math.div(desired, tf.math.add(tf.constant(EPSILON), norms)));
    }

    /** @return the axes as Keras's config records them: one integer, or a list */
    static Object config(int[] axes) {
        return axes.length == 1 ? (Object) axes[0] : List.of(java.util.Arrays.stream(axes).boxed().toArray(Integer[]::new));
    }

    static int[] check(int[] axes) {
        if (axes == null || axes.length == 0) {
            throw new IllegalArgumentException("axis: expected at least one axis");
        }
        return axes.clone();
    }
}
