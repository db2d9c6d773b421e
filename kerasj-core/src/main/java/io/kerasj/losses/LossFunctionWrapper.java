package io.kerasj.losses;

import io.kerasj.saving.ObjectRegistration;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code LossFunctionWrapper}: a {@link LossFunction} as a loss, reduced as {@code sum_over_batch_size}.
 * {@code compile} makes one for a function it is given; a {@code .keras} file keeps the function by its registered
 * name, as Keras does.
 */
public final class LossFunctionWrapper extends AbstractLoss {
    private final LossFunction function;

    /**
     * @param function the function
     * @param name the loss's name
     */
    public LossFunctionWrapper(LossFunction function, String name) {
        super(name);
        this.function = Objects.requireNonNull(function, "function");
    }

    /**
     * A registered function's wrapper, named as Keras names it (the function's name: the registered name's last part).
     *
     * @param function the function
     * @return the loss
     */
    public static LossFunctionWrapper of(LossFunction function) {
        return new LossFunctionWrapper(function, shortName(function));
    }

    /**
     * @param function a function
     * @return the name after the package of its registered name, or {@code "custom_function"} when it is not registered
     */
    public static String shortName(Object function) {
        String registered = ObjectRegistration.getRegisteredName(function).orElse(">custom_function");
        return registered.substring(registered.indexOf('>') + 1);
    }

    /** @return the function */
    public LossFunction function() {
        return function;
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
        return function.call(tf, yTrue, yPred);
    }
}
