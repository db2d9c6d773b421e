package io.kerasj.optimizers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras optimizer written as a pure update rule, so it can run inside an in-graph training loop where
 * TensorFlow's own optimizers cannot (design.md): it takes the weights, their gradients and its slots
 * (momenta, moments) and returns the new values of both.
 */
public interface Optimizer {

    /** @return Keras's name for it, e.g. {@code SGD} */
    String name();

    /** @return the learning rate training starts with; the model keeps the current one in a graph variable */
    double learningRate();

    /** @return how many slot tensors it keeps per weight (0 for plain SGD) */
    int slotsPerWeight();

    /**
     * @param slot a slot index in {@code [0, slotsPerWeight())}
     * @param weightShape the shape of the weight the slot belongs to
     * @return the slot's shape: the weight's by default; a scalar ({@code new long[0]}) for a value the rule keeps
     *     per step rather than per element, such as Nadam's momentum-cache product
     */
    default long[] slotShape(int slot, long[] weightShape) {
        return weightShape.clone();
    }

    /**
     * @param slot a slot index in {@code [0, slotsPerWeight())}
     * @return the value the slot starts from, in a fresh optimizer (Keras's initializer of that variable): 0 by
     *     default, Adagrad's {@code initial_accumulator_value}, 1 for Nadam's momentum-cache product
     */
    default float initialSlotValue(int slot) {
        return 0f;
    }

    /**
     * Computes one update.
     *
     * @param tf the graph's ops
     * @param weights current weights
     * @param gradients the loss's gradients for each weight
     * @param slots current slots, {@link #slotsPerWeight()} per weight, grouped by weight
     * @param iteration the number of updates done before this one (float scalar)
     * @param learningRate the current learning rate (float scalar), read from the model's variable so that a
     *     callback can change it between steps without recompiling
     * @return the new weights followed by the new slots, in the same order
     */
    List<Operand<TFloat32>> update(Ops tf, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> gradients,
                                   List<Operand<TFloat32>> slots, Operand<TFloat32> iteration, Operand<TFloat32> learningRate);

    /**
     * @return Keras's {@code clipnorm}, {@code clipvalue} or {@code global_clipnorm}, applied to the gradients before
     *     {@link #update}; none by default
     */
    default GradientClipping clipping() {
        return GradientClipping.NONE;
    }

    /**
     * @param clipping the gradient clipping
     * @return this optimizer with that clipping instead of its own
     * @throws UnsupportedOperationException for an optimizer that cannot be copied (KerasJ's own all can)
     */
    default Optimizer withClipping(GradientClipping clipping) {
        throw new UnsupportedOperationException("optimizer " + name() + " takes no gradient clipping");
    }

    /**
     * Keras's {@code clipnorm}: {@code new Adam(1e-3).withClipnorm(1.0)} rescales each weight's gradient so that its
     * L2 norm is at most 1.
     *
     * @param clipnorm the largest norm of each gradient (0: no clipping)
     * @return a copy of this optimizer that clips
     * @throws IllegalArgumentException when {@code clipvalue} or {@code global_clipnorm} is already set (Keras allows one)
     */
    default Optimizer withClipnorm(double clipnorm) {
        return withClipping(new GradientClipping(clipnorm, clipping().clipvalue(), clipping().globalClipnorm()));
    }

    /**
     * Keras's {@code clipvalue}: each gradient element clipped to {@code [-clipvalue, clipvalue]}.
     *
     * @param clipvalue the bound (0: no clipping)
     * @return a copy of this optimizer that clips
     * @throws IllegalArgumentException when {@code clipnorm} or {@code global_clipnorm} is already set
     */
    default Optimizer withClipvalue(double clipvalue) {
        return withClipping(new GradientClipping(clipping().clipnorm(), clipvalue, clipping().globalClipnorm()));
    }

    /**
     * Keras's {@code global_clipnorm}: all gradients rescaled together so that their joint L2 norm is at most this.
     *
     * @param globalClipnorm the largest joint norm (0: no clipping)
     * @return a copy of this optimizer that clips
     * @throws IllegalArgumentException when {@code clipnorm} or {@code clipvalue} is already set
     */
    default Optimizer withGlobalClipnorm(double globalClipnorm) {
        return withClipping(new GradientClipping(clipping().clipnorm(), clipping().clipvalue(), globalClipnorm));
    }

    /**
     * Keras's {@code keras.optimizers.get(name)}: the name is case-insensitive, as Keras lower-cases it.
     *
     * @param name a Keras optimizer name: {@code sgd}, {@code adam}, {@code adamw}, {@code rmsprop},
     *     {@code adagrad} or {@code nadam}
     * @return the optimizer with Keras's defaults
     * @throws IllegalArgumentException for an unknown name
     */
    static Optimizer of(String name) {
        return switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> new SGD();
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "rmsprop" -> new RMSprop();
            case "adagrad" -> new Adagrad();
            case "nadam" -> new Nadam();
            default -> throw new IllegalArgumentException("optimizer: expected one of sgd, adam, adamw, rmsprop, adagrad, nadam, found '"
                    + name + "'");
        };
    }

    /**
     * @param name the argument's Keras name
     * @param value its value
     * @throws IllegalArgumentException unless {@code value} is positive and finite
     */
    static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": expected a positive number, found " + value);
        }
    }
}
