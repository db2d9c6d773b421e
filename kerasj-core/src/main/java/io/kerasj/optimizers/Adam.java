package io.kerasj.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Adam}: {@code m += (g - m)(1-b1); v += (g² - v)(1-b2);
 * w -= lr · sqrt(1-b2^t)/(1-b1^t) · m / (sqrt(v) + eps)} with t the 1-based step, in float32 with the same
 * operations in the same order as Keras 3's {@code Adam.update_step}.
 *
 * @param learningRate the step size (Keras default 0.001)
 * @param beta1 decay of the first moment (0.9)
 * @param beta2 decay of the second moment (0.999)
 * @param epsilon numerical stability term (1e-7)
 * @param clipping Keras's {@code clipnorm}, {@code clipvalue} or {@code global_clipnorm} ({@link GradientClipping#NONE}: none)
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon,
        GradientClipping clipping) implements Optimizer {

    /**
     * Without gradient clipping.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param beta1 decay of the first moment (0.9)
     * @param beta2 decay of the second moment (0.999)
     * @param epsilon numerical stability term (1e-7)
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, GradientClipping.NONE);
    }

    /** Keras's defaults. */
    public Adam() {
        this(0.001, 0.9, 0.999, 1e-7);
    }

    /** @param learningRate the step size */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /**
     * Checks the arguments.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param beta1 decay of the first moment (0.9)
     * @param beta2 decay of the second moment (0.999)
     * @param epsilon numerical stability term (1e-7)
     * @param clipping the gradient clipping, or null for none
     */
    public Adam {
        clipping = clipping == null ? GradientClipping.NONE : clipping;
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate: expected a positive number, found " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta_1, beta_2: expected values in [0, 1), found " + beta1 + ", " + beta2);
        }
    }

    @Override
    public String name() {
        return "Adam";
    }

    @Override
    public int slotsPerWeight() {
        return 2;
    }

    @Override
    public List<Operand<TFloat32>> update(Ops tf, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> gradients,
                                          List<Operand<TFloat32>> slots, Operand<TFloat32> iteration, Operand<TFloat32> lr) {
        Operand<TFloat32> t = tf.math.add(iteration, tf.constant(1f));
        Operand<TFloat32> b1 = tf.constant((float) beta1);
        Operand<TFloat32> b2 = tf.constant((float) beta2);
        Operand<TFloat32> one = tf.constant(1f);
        // Keras computes 1 - beta in float64 and rounds the result (0.1f, 0.001f); 1f - (float) beta would be
        // 0.100000024f and 0.00099998713f, which makes every step about 6e-6 larger (issue 10).
        Operand<TFloat32> oneMinusB1 = tf.constant((float) (1 - beta1));
        Operand<TFloat32> oneMinusB2 = tf.constant((float) (1 - beta2));
        Operand<TFloat32> alpha = tf.math.mul(lr,
                tf.math.div(tf.math.sqrt(tf.math.sub(one, tf.math.pow(b2, t))), tf.math.sub(one, tf.math.pow(b1, t))));
        List<Operand<TFloat32>> newWeights = new ArrayList<>();
        List<Operand<TFloat32>> newSlots = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Operand<TFloat32> g = gradients.get(i);
            Operand<TFloat32> m = tf.math.add(slots.get(2 * i), tf.math.mul(tf.math.sub(g, slots.get(2 * i)), oneMinusB1));
            Operand<TFloat32> v = tf.math.add(slots.get(2 * i + 1), tf.math.mul(tf.math.sub(tf.math.square(g), slots.get(2 * i + 1)), oneMinusB2));
            Operand<TFloat32> step = tf.math.div(tf.math.mul(alpha, m), tf.math.add(tf.math.sqrt(v), tf.constant((float) epsilon)));
            newWeights.add(tf.math.sub(weights.get(i), step));
            newSlots.add(m);
            newSlots.add(v);
        }
        newWeights.addAll(newSlots);
        return newWeights;
    }

    @Override
    public Adam withClipping(GradientClipping clipping) {
        return new Adam(learningRate, beta1, beta2, epsilon, clipping);
    }
}
