package io.kerasj.callbacks;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code TerminateOnNaN}: stops training when a batch's loss is NaN or infinite, printing
 * {@code Batch N: Invalid loss, terminating training}. {@code fit} always adds it: the in-graph loop stops at the
 * first non-finite loss and keeps the weights from before that step.
 */
public final class TerminateOnNaN implements Callback {
    private PrintStream out = System.out;
    private TrainingModel model;

    /** Keras's {@code TerminateOnNaN()}: the message goes to standard output. */
    public TerminateOnNaN() {
    }

    /**
     * @param out where the message goes
     * @deprecated use {@code new TerminateOnNaN().output(out)}
     */
    @Deprecated
    public TerminateOnNaN(PrintStream out) {
        output(out);
    }

    /**
     * @param out where the message goes (default standard output)
     * @return this
     */
    public TerminateOnNaN output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        return this;
    }

    @Override
    public void setModel(TrainingModel model) {
        this.model = model;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            out.println();
            out.println("Batch " + batch + ": Invalid loss, terminating training");
            if (model != null) {
                model.stopTraining();
            }
        }
    }
}
