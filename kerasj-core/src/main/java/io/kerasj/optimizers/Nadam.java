package io.kerasj.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's {@code Nadam}: Adam with Nesterov momentum and Dozat's momentum-cache schedule
 * {@code u_t = beta_1 (1 - 0.5 · 0.96^t)}. Per step, with t the 1-based step:
 * {@code P *= u_t} (the running product, kept from step to step);
 * {@code m += (g - m)(1 - beta_1); v += (g² - v)(1 - beta_2)};
 * {@code m̂ = u_{t+1} m / (1 - P u_{t+1}) + (1 - u_t) g / (1 - P)}; {@code v̂ = v / (1 - beta_2^t)};
 * {@code w -= lr m̂ / (sqrt(v̂) + epsilon)}.
 *
 * <p>Keras keeps {@code P} in one float32 variable and multiplies it once per step; each weight here keeps its own
 * scalar copy, updated by the same float32 operations, so every copy equals Keras's. Keras's Nadam casts the betas
 * to float32 before {@code 1 - beta} (unlike its Adam, which subtracts in float64), and so does this class.
 *
 * @param learningRate the step size (Keras default 0.001)
 * @param beta1 decay of the first moment (0.9)
 * @param beta2 decay of the second moment (0.999)
 * @param epsilon numerical stability term (1e-7)
 * @param clipping Keras's {@code clipnorm}, {@code clipvalue} or {@code global_clipnorm} ({@link GradientClipping#NONE}: none)
 */
public record Nadam(double learningRate, double beta1, double beta2, double epsilon,
        GradientClipping clipping) implements Optimizer {

    /**
     * Without gradient clipping.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param beta1 decay of the first moment (0.9)
     * @param beta2 decay of the second moment (0.999)
     * @param epsilon numerical stability term (1e-7)
     */
    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, GradientClipping.NONE);
    }
    private static final int MOMENTUM = 0;
    private static final int VELOCITY = 1;
    private static final int PRODUCT = 2;
    private static final int SLOTS = 3;

    /** Keras's defaults: learning rate 0.001, betas 0.9 and 0.999, epsilon 1e-7. */
    public Nadam() {
        this(0.001);
    }

    /** @param learningRate the step size, with Keras's other defaults */
    public Nadam(double learningRate) {
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
    public Nadam {
        clipping = clipping == null ? GradientClipping.NONE : clipping;
        new Adam(learningRate, beta1, beta2, epsilon); // the same checks as Adam's
    }

    @Override
    public String name() {
        return "Nadam";
    }

    @Override
    public int slotsPerWeight() {
        return SLOTS;
    }

    @Override
    public long[] slotShape(int slot, long[] weightShape) {
        return slot == PRODUCT ? new long[0] : weightShape.clone();
    }

    @Override
    public float initialSlotValue(int slot) {
        return slot == PRODUCT ? 1f : 0f;
    }

    @Override
    public List<Operand<TFloat32>> update(Ops tf, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> gradients,
                                          List<Operand<TFloat32>> slots, Operand<TFloat32> iteration, Operand<TFloat32> lr) {
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> b1 = tf.constant((float) beta1);
        Operand<TFloat32> b2 = tf.constant((float) beta2);
        Operand<TFloat32> localStep = tf.math.add(iteration, one);
        Operand<TFloat32> nextStep = tf.math.add(iteration, tf.constant(2f));
        Operand<TFloat32> uT = momentumCache(tf, b1, localStep);
        Operand<TFloat32> uNext = momentumCache(tf, b1, nextStep);
        Operand<TFloat32> oneMinusB1 = tf.math.sub(one, b1);
        Operand<TFloat32> oneMinusB2 = tf.math.sub(one, b2);
        Operand<TFloat32> oneMinusB2Power = tf.math.sub(one, tf.math.pow(b2, localStep));
        Operand<TFloat32> eps = tf.constant((float) epsilon);
        List<Operand<TFloat32>> newWeights = new ArrayList<>();
        List<Operand<TFloat32>> newSlots = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Operand<TFloat32> g = gradients.get(i);
            int at = SLOTS * i;
            // Keras's _backend_update_step: u_product * beta_1 * (1 - 0.5 * 0.96^(iterations + 1)), left to right.
            Operand<TFloat32> product = tf.math.mul(tf.math.mul(slots.get(at + PRODUCT), b1),
                    tf.math.sub(one, tf.math.mul(tf.constant(0.5f), tf.math.pow(tf.constant(0.96f), localStep))));
            Operand<TFloat32> productNext = tf.math.mul(product, uNext);
            Operand<TFloat32> m = tf.math.add(slots.get(at + MOMENTUM), tf.math.mul(tf.math.sub(g, slots.get(at + MOMENTUM)), oneMinusB1));
            Operand<TFloat32> v = tf.math.add(slots.get(at + VELOCITY),
                    tf.math.mul(tf.math.sub(tf.math.square(g), slots.get(at + VELOCITY)), oneMinusB2));
            Operand<TFloat32> mHat = tf.math.add(
                    tf.math.div(tf.math.mul(uNext, m), tf.math.sub(one, productNext)),
                    tf.math.div(tf.math.mul(tf.math.sub(one, uT), g), tf.math.sub(one, product)));
            Operand<TFloat32> vHat = tf.math.div(v, oneMinusB2Power);
            Operand<TFloat32> step = tf.math.div(tf.math.mul(mHat, lr), tf.math.add(tf.math.sqrt(vHat), eps));
            newWeights.add(tf.math.sub(weights.get(i), step));
            newSlots.add(m);
            newSlots.add(v);
            newSlots.add(product);
        }
        newWeights.addAll(newSlots);
        return newWeights;
    }

    /** {@code beta_1 · (1 - 0.5 · 0.96^step)}, Keras's {@code u_t}. */
    private static Operand<TFloat32> momentumCache(Ops tf, Operand<TFloat32> b1, Operand<TFloat32> step) {
        return tf.math.mul(b1, tf.math.sub(tf.constant(1f), tf.math.mul(tf.constant(0.5f), tf.math.pow(tf.constant(0.96f), step))));
    }

    @Override
    public Nadam withClipping(GradientClipping clipping) {
        return new Nadam(learningRate, beta1, beta2, epsilon, clipping);
    }
}
