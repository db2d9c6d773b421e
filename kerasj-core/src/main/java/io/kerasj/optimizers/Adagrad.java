package io.kerasj.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's {@code Adagrad}: {@code a += g²; w -= lr · g / sqrt(a + epsilon)}, the accumulator {@code a} starting
 * at {@code initial_accumulator_value}, in float32 with Keras's operations in Keras's order.
 *
 * @param learningRate the step size (Keras default 0.001)
 * @param initialAccumulatorValue the accumulators' starting value (0.1)
 * @param epsilon numerical stability term (1e-7)
 * @param clipping Keras's {@code clipnorm}, {@code clipvalue} or {@code global_clipnorm} ({@link GradientClipping#NONE}: none)
 */
public record Adagrad(double learningRate, double initialAccumulatorValue, double epsilon,
        GradientClipping clipping) implements Optimizer {

    /**
     * Without gradient clipping.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param initialAccumulatorValue the accumulators' starting value (0.1)
     * @param epsilon numerical stability term (1e-7)
     */
    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        this(learningRate, initialAccumulatorValue, epsilon, GradientClipping.NONE);
    }

    /** Keras's defaults: learning rate 0.001, initial accumulator value 0.1, epsilon 1e-7. */
    public Adagrad() {
        this(0.001);
    }

    /** @param learningRate the step size, with Keras's other defaults */
    public Adagrad(double learningRate) {
        this(learningRate, 0.1, 1e-7);
    }

    /**
     * Checks the arguments.
     *
     * @param learningRate the step size (Keras default 0.001)
     * @param initialAccumulatorValue the accumulators' starting value (0.1)
     * @param epsilon numerical stability term (1e-7)
     * @param clipping the gradient clipping, or null for none
     */
    public Adagrad {
        clipping = clipping == null ? GradientClipping.NONE : clipping;
        Optimizer.requirePositive("learning_rate", learningRate);
        if (!(initialAccumulatorValue >= 0) || Double.isInfinite(initialAccumulatorValue)) {
            throw new IllegalArgumentException("initial_accumulator_value: expected a finite number >= 0, found " + initialAccumulatorValue);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon: expected a finite number >= 0, found " + epsilon);
        }
    }

    @Override
    public String name() {
        return "Adagrad";
    }

    @Override
    public int slotsPerWeight() {
        return 1;
    }

    @Override
    public float initialSlotValue(int slot) {
        return (float) initialAccumulatorValue;
    }

    @Override
    public List<Operand<TFloat32>> update(Ops tf, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> gradients,
                                          List<Operand<TFloat32>> slots, Operand<TFloat32> iteration, Operand<TFloat32> lr) {
        Operand<TFloat32> eps = tf.constant((float) epsilon);
        List<Operand<TFloat32>> newWeights = new ArrayList<>();
        List<Operand<TFloat32>> newSlots = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Operand<TFloat32> g = gradients.get(i);
            Operand<TFloat32> accumulator = tf.math.add(slots.get(i), tf.math.square(g));
            Operand<TFloat32> step = tf.math.div(tf.math.mul(lr, g), tf.math.sqrt(tf.math.add(accumulator, eps)));
            newWeights.add(tf.math.sub(weights.get(i), step));
            newSlots.add(accumulator);
        }
        newWeights.addAll(newSlots);
        return newWeights;
    }

    @Override
    public Adagrad withClipping(GradientClipping clipping) {
        return new Adagrad(learningRate, initialAccumulatorValue, epsilon, clipping);
    }
}
