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
