package io.kerasj.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's {@code RMSprop}: {@code v = rho v + (1-rho) g²}; centered also keeps {@code a = rho a + (1-rho) g} and
 * divides by {@code sqrt(v - a² + eps)} instead of {@code sqrt(v + eps)}; {@code increment = lr g / sqrt(...)};
 * with momentum {@code m = momentum m + increment; w -= m}, else {@code w -= increment}.
 *
 * @param learningRate the step size (Keras default 0.001)
 * @param rho the decay of the mean square (0.9)
 * @param momentum the momentum, 0 for none (0)
 * @param epsilon numerical stability term (1e-7)
 * @param centered whether to divide by the variance rather than the mean square (false)
 * @param clipping Keras's {@code clipnorm}, {@code clipvalue} or {@code global_clipnorm} ({@link GradientClipping#NONE}: none)
 */
public record RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered,
        GradientClipping clipping) implements Optimizer {

    /**
     * Without gradient clipping.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param rho the decay of the mean square (0.9)
     * @param momentum the momentum, 0 for none (0)
     * @param epsilon numerical stability term (1e-7)
     * @param centered whether to divide by the variance rather than the mean square (false)
     */
    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        this(learningRate, rho, momentum, epsilon, centered, GradientClipping.NONE);
    }

    /** Keras's defaults: learning rate 0.001, rho 0.9, no momentum, epsilon 1e-7, not centered. */
    public RMSprop() {
        this(0.001);
    }

    /** @param learningRate the step size, with Keras's other defaults */
    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 0, 1e-7, false);
    }

    /**
     * Checks the arguments.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param rho the decay of the mean square (0.9)
     * @param momentum the momentum, 0 for none (0)
     * @param epsilon numerical stability term (1e-7)
     * @param centered whether to divide by the variance rather than the mean square (false)
     * @param clipping the gradient clipping, or null for none
     */
    public RMSprop {
        clipping = clipping == null ? GradientClipping.NONE : clipping;
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate: expected a positive number, found " + learningRate);
        }
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("rho: expected a value in [0, 1), found " + rho);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum: expected a value in [0, 1), found " + momentum);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon: expected a number >= 0, found " + epsilon);
        }
    }

    @Override
    public String name() {
        return "RMSprop";
    }

    @Override
    public int slotsPerWeight() {
        return 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0);
    }

    @Override
    public List<Operand<TFloat32>> update(Ops tf, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> gradients,
                                          List<Operand<TFloat32>> slots, Operand<TFloat32> iteration, Operand<TFloat32> lr) {
        int perWeight = slotsPerWeight();
        Operand<TFloat32> decay = tf.constant((float) rho);
        Operand<TFloat32> rest = tf.constant((float) (1 - rho));
        Operand<TFloat32> eps = tf.constant((float) epsilon);
        List<Operand<TFloat32>> newWeights = new ArrayList<>();
        List<Operand<TFloat32>> newSlots = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Operand<TFloat32> g = gradients.get(i);
            int slot = perWeight * i;
            Operand<TFloat32> velocity = tf.math.add(tf.math.mul(decay, slots.get(slot)), tf.math.mul(rest, tf.math.square(g)));
            newSlots.add(velocity);
            Operand<TFloat32> denominator;
            Operand<TFloat32> averageGradient = null;
            if (centered) {
                averageGradient = tf.math.add(tf.math.mul(decay, slots.get(slot + perWeight - 1)), tf.math.mul(rest, g));
                denominator = tf.math.add(tf.math.sub(velocity, tf.math.square(averageGradient)), eps);
            } else {
                denominator = tf.math.add(velocity, eps);
            }
            Operand<TFloat32> increment = tf.math.div(tf.math.mul(lr, g), tf.math.sqrt(denominator));
            if (momentum > 0) {
                Operand<TFloat32> m = tf.math.add(tf.math.mul(tf.constant((float) momentum), slots.get(slot + 1)), increment);
                newSlots.add(m);
                newWeights.add(tf.math.sub(weights.get(i), m));
            } else {
                newWeights.add(tf.math.sub(weights.get(i), increment));
            }
            if (centered) {
                newSlots.add(averageGradient);
            }
        }
        newWeights.addAll(newSlots);
        return newWeights;
    }

    @Override
    public RMSprop withClipping(GradientClipping clipping) {
        return new RMSprop(learningRate, rho, momentum, epsilon, centered, clipping);
    }
}
