package io.kerasj.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's gradient clipping, the optimizer arguments {@code clipnorm}, {@code clipvalue} and {@code global_clipnorm}:
 * at most one is set, and a value of 0 clips nothing (Keras's {@code _clip_gradients}). The gradients are clipped
 * before the optimizer's update, with Keras 3's formulas on the TensorFlow backend ({@code tf.clip_by_norm},
 * {@code clip_by_global_norm}, {@code clip_by_value}).
 *
 * @param clipnorm each weight's gradient rescaled so that its L2 norm is at most this, or null
 * @param clipvalue each gradient element clipped to {@code [-clipvalue, clipvalue]}, or null
 * @param globalClipnorm all gradients rescaled together so that their joint L2 norm is at most this, or null
 */
public record GradientClipping(Double clipnorm, Double clipvalue, Double globalClipnorm) {

    /** No clipping. */
    public static final GradientClipping NONE = new GradientClipping(null, null, null);

    /**
     * Checks the arguments as Keras does.
     *
     * @param clipnorm a finite value at least 0, or null
     * @param clipvalue a finite value at least 0, or null
     * @param globalClipnorm a finite value at least 0, or null
     * @throws IllegalArgumentException when more than one is set, or one is negative or not finite
     */
    public GradientClipping {
        int set = 0;
        for (Double v : new Double[] {clipnorm, clipvalue, globalClipnorm}) {
            if (v != null) {
                set++;
                if (!(v >= 0) || v.isInfinite()) {
                    throw new IllegalArgumentException("clipnorm, clipvalue, global_clipnorm: expected a number at least 0, found " + v);
                }
            }
        }
        if (set > 1) {
            throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm="
                    + text(clipnorm) + ", clipvalue=" + text(clipvalue) + ", global_clipnorm=" + text(globalClipnorm));
        }
    }

    private static String text(Double v) {
        return v == null ? "None" : v.toString();
    }

    /** @return whether any clipping is set */
    public boolean isSet() {
        return clipnorm != null || clipvalue != null || globalClipnorm != null;
    }

    /**
     * Keras's {@code _clip_gradients}.
     *
     * @param tf the graph's ops
     * @param gradients each weight's gradient
     * @return the clipped gradients, in the same order (the same operands when nothing is clipped)
     */
    public List<Operand<TFloat32>> clip(Ops tf, List<Operand<TFloat32>> gradients) {
        if (clipnorm != null && clipnorm > 0) {
            List<Operand<TFloat32>> clipped = new ArrayList<>();
            gradients.forEach(g -> clipped.add(clipByNorm(tf, g, clipnorm.floatValue())));
            return clipped;
        }
        if (globalClipnorm != null && globalClipnorm > 0) {
            return clipByGlobalNorm(tf, gradients, globalClipnorm);
        }
        if (clipvalue != null && clipvalue > 0) {
            List<Operand<TFloat32>> clipped = new ArrayList<>();
            float v = clipvalue.floatValue();
            gradients.forEach(g -> clipped.add(tf.clipByValue(g, tf.constant(-v), tf.constant(v))));
            return clipped;
        }
        return gradients;
    }

    /** TensorFlow's {@code clip_by_norm}, with its two-tap {@code where} that keeps a zero gradient finite. */
    private static Operand<TFloat32> clipByNorm(Ops tf, Operand<TFloat32> g, float clipNorm) {
        Operand<TFloat32> l2sum = tf.reduceSum(tf.math.mul(g, g), allAxes(tf, g), ReduceSum.keepDims(true));
        Operand<org.tensorflow.types.TBool> positive = tf.math.greater(l2sum, tf.constant(0f));
        Operand<TFloat32> safe = tf.select(positive, l2sum, tf.onesLike(l2sum));
        Operand<TFloat32> l2norm = tf.select(positive, tf.math.sqrt(safe), l2sum);
        Operand<TFloat32> limit = tf.constant(clipNorm);
        return tf.math.div(tf.math.mul(g, limit), tf.math.maximum(l2norm, limit));
    }

    /**
     * {@code tf.linalg.global_norm}: the square root of the sum of the squares of every value of the tensors.
     *
     * @param tf the graph's ops
     * @param tensors gradients, say
     * @return a scalar
     */
    public static Operand<TFloat32> globalNorm(Ops tf, List<Operand<TFloat32>> tensors) {
        List<Operand<TFloat32>> squares = new ArrayList<>();
        tensors.forEach(t -> squares.add(tf.reduceSum(tf.math.square(t), allAxes(tf, t))));
        return tf.math.sqrt(tf.reduceSum(tf.stack(squares), tf.constant(0)));
    }

    /** Keras's {@code clip_by_global_norm}: a NaN scale when the norm is not finite, as Keras's. */
    private static List<Operand<TFloat32>> clipByGlobalNorm(Ops tf, List<Operand<TFloat32>> gradients, double clipNorm) {
        Operand<TFloat32> norm = globalNorm(tf, gradients);
        Operand<TFloat32> finiteScale = tf.math.mul(tf.constant((float) clipNorm),
                tf.math.minimum(tf.math.div(tf.constant(1f), norm), tf.constant((float) (1.0 / clipNorm))));
        Operand<TFloat32> scale = tf.math.add(finiteScale, tf.math.sub(norm, norm));
        List<Operand<TFloat32>> clipped = new ArrayList<>();
        gradients.forEach(g -> clipped.add(tf.math.mul(g, scale)));
        return clipped;
    }

    private static Operand<TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
        return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
    }
}
