package io.kerasj.models;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a training step returns, Keras 3's {@code train_step} logs: the batch's loss, which {@code fit} reports as
 * {@code loss} (and stops on, as Keras's {@code TerminateOnNaN} would, when it is not finite). The compiled metrics
 * report what {@link TrainStep#updateMetrics} gave them.
 */
public final class StepLogs {
    private final Operand<TFloat32> loss;

    private StepLogs(Operand<TFloat32> loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /**
     * @param loss the scalar loss of the batch, computed in the step
     * @return the logs
     */
    public static StepLogs of(Operand<TFloat32> loss) {
        return new StepLogs(loss);
    }

    /** @return the batch's loss */
    public Operand<TFloat32> loss() {
        return loss;
    }
}
