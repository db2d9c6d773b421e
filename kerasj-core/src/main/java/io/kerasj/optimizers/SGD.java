package io.kerasj.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code SGD}: {@code w -= lr * g}; with momentum {@code v = m * v - lr * g; w += v}; with Nesterov
 * {@code w += m * v - lr * g}.
 *
 * @param learningRate the step size (Keras default 0.01)
 * @param momentum the momentum, 0 for none
 * @param nesterov whether to use Nesterov momentum
 * @param clipping Keras's {@code clipnorm}, {@code clipvalue} or {@code global_clipnorm} ({@link GradientClipping#NONE}: none)
 */
public record SGD(double learningRate, double momentum, boolean nesterov,
        GradientClipping clipping) implements Optimizer {

    /**
     * Without gradient clipping.
     *
     * @param learningRate the step size (Keras default 0.01)
     * @param momentum the momentum, 0 for none
     * @param nesterov whether to use Nesterov momentum
     */
    public SGD(double learningRate, double momentum, boolean nesterov) {
        this(learningRate, momentum, nesterov, GradientClipping.NONE);
    }

    /** Keras's defaults: learning rate 0.01, no momentum. */
    public SGD() {
        this(0.01, 0, false);
    }

    /** @param learningRate the step size */
    public SGD(double learningRate) {
        this(learningRate, 0, false);
    }

    /**
     * Checks the arguments.
     *
     * @param learningRate the step size (Keras default 0.01)
     * @param momentum the momentum, 0 for none
     * @param nesterov whether to use Nesterov momentum
     * @param clipping the gradient clipping, or null for none
     */
    public SGD {
        clipping = clipping == null ? GradientClipping.NONE : clipping;
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate: expected a positive number, found " + learningRate);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum: expected a value in [0, 1], found " + momentum);
        }
    }

    @Override
    public String name() {
        return "SGD";
    }

    @Override
    public int slotsPerWeight() {
        return momentum == 0 ? 0 : 1;
    }

    @Override
    public List<Operand<TFloat32>> update(Ops tf, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> gradients,
                                          List<Operand<TFloat32>> slots, Operand<TFloat32> iteration, Operand<TFloat32> lr) {
        List<Operand<TFloat32>> newWeights = new ArrayList<>();
        List<Operand<TFloat32>> newSlots = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Operand<TFloat32> step = tf.math.mul(lr, gradients.get(i));
            if (momentum == 0) {
                newWeights.add(tf.math.sub(weights.get(i), step));
                continue;
            }
            Operand<TFloat32> m = tf.constant((float) momentum);
            Operand<TFloat32> velocity = tf.math.sub(tf.math.mul(m, slots.get(i)), step);
            Operand<TFloat32> delta = nesterov ? tf.math.sub(tf.math.mul(m, velocity), step) : velocity;
            newWeights.add(tf.math.add(weights.get(i), delta));
            newSlots.add(velocity);
        }
        newWeights.addAll(newSlots);
        return newWeights;
    }

    @Override
    public SGD withClipping(GradientClipping clipping) {
        return new SGD(learningRate, momentum, nesterov, clipping);
    }
}
