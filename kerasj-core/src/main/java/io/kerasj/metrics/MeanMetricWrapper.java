package io.kerasj.metrics;

import io.kerasj.layers.LayerOutput;
import io.kerasj.losses.LossFunction;
import io.kerasj.losses.LossFunctionWrapper;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code MeanMetricWrapper}: the running mean of a function's per-sample values,
 * {@code new MeanMetricWrapper((tf, yTrue, yPred) -> ..., "abs_err")}. A function given to {@code compile}'s metrics
 * becomes one named after the function (its registered name's last part), as Keras names it. A {@code .keras} file
 * keeps the function by its registered name: as the bare function when {@code compile} got one, else as a
 * {@code MeanMetricWrapper} object with {@code fn}, as Keras writes each.
 *
 * <p>A function returning one value per batch (a scalar) has it counted for every sample of the batch; Keras's
 * {@code Mean} would count it once per batch, which differs when batches differ in size.
 */
public final class MeanMetricWrapper extends MeanMetric {
    private final LossFunction function;
    private final boolean bareFunction;

    /**
     * @param function the function of {@code (yTrue, yPred)}, one value per sample
     * @param name the name the History shows
     */
    public MeanMetricWrapper(LossFunction function, String name) {
        this(function, name, false);
    }

    private MeanMetricWrapper(LossFunction function, String name, boolean bareFunction) {
        super(name);
        this.function = Objects.requireNonNull(function, "function");
        this.bareFunction = bareFunction;
    }

    /**
     * What Keras's {@code compile} makes of a function in {@code metrics}.
     *
     * @param function a (registered) function
     * @return its wrapper, named after it
     */
    public static MeanMetricWrapper of(LossFunction function) {
        return new MeanMetricWrapper(function, LossFunctionWrapper.shortName(function), true);
    }

    /** @return the function */
    public LossFunction function() {
        return function;
    }

    /** @return true when it stands for a bare function given to {@code compile} (saved as that function) */
    public boolean isBareFunction() {
        return bareFunction;
    }

    @Override
    public Operand<TFloat32> values(Ops tf, Operand<? extends TNumber> yTrue, LayerOutput yPred) {
        return LossFunction.perSample(function, tf, yTrue, yPred.output());
    }
}
