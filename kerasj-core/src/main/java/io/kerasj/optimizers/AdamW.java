package io.kerasj.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's {@code AdamW}: Adam with decoupled weight decay. Before each Adam step every trainable weight is
 * shrunk as Keras's {@code _apply_weight_decay} does, {@code w -= w · weight_decay · lr}, with the current learning
 * rate; then the {@link Adam} update runs on the decayed weights. Like Keras, it decays every weight, biases too.
 *
 * @param learningRate the step size (Keras default 0.001)
 * @param weightDecay the decay rate (0.004)
 * @param beta1 decay of the first moment (0.9)
 * @param beta2 decay of the second moment (0.999)
 * @param epsilon numerical stability term (1e-7)
 * @param clipping Keras's {@code clipnorm}, {@code clipvalue} or {@code global_clipnorm} ({@link GradientClipping#NONE}: none)
 */
public record AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon,
        GradientClipping clipping) implements Optimizer {

    /**
     * Without gradient clipping.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param weightDecay the decay rate (0.004)
     * @param beta1 decay of the first moment (0.9)
     * @param beta2 decay of the second moment (0.999)
     * @param epsilon numerical stability term (1e-7)
     */
    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon) {
        this(learningRate, weightDecay, beta1, beta2, epsilon, GradientClipping.NONE);
    }

    /** Keras's defaults: learning rate 0.001, weight decay 0.004, betas 0.9 and 0.999, epsilon 1e-7. */
    public AdamW() {
        this(0.001);
    }

    /** @param learningRate the step size, with Keras's other defaults */
    public AdamW(double learningRate) {
        this(learningRate, 0.004);
    }

    /**
     * @param learningRate the step size
     * @param weightDecay the decay rate, with Keras's other defaults
     */
    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, 0.9, 0.999, 1e-7);
    }

    /**
     * Checks the arguments.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param weightDecay the decay rate (0.004)
     * @param beta1 decay of the first moment (0.9)
     * @param beta2 decay of the second moment (0.999)
     * @param epsilon numerical stability term (1e-7)
     * @param clipping the gradient clipping, or null for none
     */
    public AdamW {
        clipping = clipping == null ? GradientClipping.NONE : clipping;
        new Adam(learningRate, beta1, beta2, epsilon); // the same checks as Adam's
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight_decay: expected a finite number >= 0, found " + weightDecay);
        }
    }

    @Override
    public String name() {
        return "AdamW";
    }

    @Override
    public int slotsPerWeight() {
        return 2;
    }

    @Override
    public List<Operand<TFloat32>> update(Ops tf, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> gradients,
                                          List<Operand<TFloat32>> slots, Operand<TFloat32> iteration, Operand<TFloat32> lr) {
        Operand<TFloat32> decay = tf.constant((float) weightDecay);
        List<Operand<TFloat32>> decayed = new ArrayList<>();
        for (Operand<TFloat32> w : weights) {
            decayed.add(tf.math.sub(w, tf.math.mul(tf.math.mul(w, decay), lr)));
        }
        return new Adam(learningRate, beta1, beta2, epsilon).update(tf, decayed, gradients, slots, iteration, lr);
    }

    @Override
    public AdamW withClipping(GradientClipping clipping) {
        return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, clipping);
    }
}
