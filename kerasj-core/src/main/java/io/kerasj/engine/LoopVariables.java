package io.kerasj.engine;

import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The layout of the training loop's variables: the named scalars and tensors ({@link Slot}), one running-sum vector
 * per metric, then the state (trainable weights, non-trainable weights, optimizer slots) and the same state as it
 * was before the last step. Every read and write of a loop variable goes through a name here, never a bare index.
 */
final class LoopVariables {
    /** The loop variables that every program has, in their order at the head of the loop. */
    enum Slot {
        /** the next step's index (int32) */
        STEP,
        /** the step to stop before (int32) */
        END,
        /** the number of uploaded samples (int32) */
        COUNT,
        /** the batch size (int32) */
        BATCH,
        /** the chunk's running sum of the loss times the batch sizes (float32) */
        LOSS_SUM,
        /** false once a step's loss was not finite (bool) */
        FINITE,
        /** the epoch's sample order (int32 vector) */
        PERMUTATION,
        /** the handle of the uploaded samples */
        X,
        /** the handle of the uploaded targets */
        Y,
        /** the optimizer's step count (float32) */
        ITERATION,
        /** the learning rate, read once per chunk (float32) */
        LEARNING_RATE
    }

    private final int metrics;
    private final int extraData;
    private final int stateSize;

    /**
     * @param metrics the number of compiled metrics
     * @param stateSize the number of state tensors (weights and optimizer slots)
     */
    LoopVariables(int metrics, int stateSize) {
        this(metrics, 0, stateSize);
    }

    /**
     * @param metrics the number of compiled metrics
     * @param extraData the number of data handles beyond {@link Slot#X} and {@link Slot#Y}: the second and later
     *     inputs', then the second and later outputs' targets
     * @param stateSize the number of state tensors (weights and optimizer slots)
     */
    LoopVariables(int metrics, int extraData, int stateSize) {
        this.metrics = metrics;
        this.extraData = extraData;
        this.stateSize = stateSize;
    }

    /** @return the index of extra data handle {@code k} */
    int data(int k) {
        return Slot.values().length + metrics + k;
    }

    int extraData() {
        return extraData;
    }

    /** @return how many loop variables there are */
    int size() {
        return firstState() + 2 * stateSize;
    }

    int stateSize() {
        return stateSize;
    }

    int index(Slot slot) {
        return slot.ordinal();
    }

    /** @return the index of metric {@code m}'s running sums */
    int metric(int m) {
        return Slot.values().length + m;
    }

    /** @return the index of state tensor {@code i} */
    int state(int i) {
        return firstState() + i;
    }

    /** @return the index of state tensor {@code i} as it was before the last step */
    int stateBefore(int i) {
        return firstState() + stateSize + i;
    }

    private int firstState() {
        return Slot.values().length + metrics + extraData;
    }

    @SuppressWarnings("unchecked")
    Operand<TInt32> ints(Output<?>[] values, Slot slot) {
        return (Operand<TInt32>) values[index(slot)];
    }

    @SuppressWarnings("unchecked")
    Operand<TFloat32> floats(Output<?>[] values, Slot slot) {
        return (Operand<TFloat32>) values[index(slot)];
    }

    @SuppressWarnings("unchecked")
    Operand<TBool> bool(Output<?>[] values, Slot slot) {
        return (Operand<TBool>) values[index(slot)];
    }

    @SuppressWarnings("unchecked")
    Operand<TFloat32> metricSums(Output<?>[] values, int m) {
        return (Operand<TFloat32>) values[metric(m)];
    }

    @SuppressWarnings("unchecked")
    Operand<TFloat32> state(Output<?>[] values, int i) {
        return (Operand<TFloat32>) values[state(i)];
    }

    @SuppressWarnings("unchecked")
    Operand<TFloat32> stateBefore(Output<?>[] values, int i) {
        return (Operand<TFloat32>) values[stateBefore(i)];
    }

    /** Sets loop variable {@code slot} of {@code values}. */
    void set(Output<?>[] values, Slot slot, Operand<?> value) {
        values[index(slot)] = value.asOutput();
    }

    /** Passes loop variable {@code slot} through the body unchanged. */
    void keep(Output<?>[] in, Output<?>[] out, Slot slot) {
        out[index(slot)] = in[index(slot)];
    }
}
