package io.kerasj.callbacks;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Keras 3's {@code LearningRateScheduler}: at the start of each epoch sets the learning rate to
 * {@code schedule(epoch, current rate)}, in the model's variable, without recompiling. Like Keras, its presence puts
 * {@code learning_rate} into each epoch's logs, so the History records the rate each epoch trained with.
 */
public final class LearningRateScheduler implements Callback, LogsLearningRate {

    /** Keras's {@code schedule(epoch, lr)}. */
    @FunctionalInterface
    public interface Schedule {
        /**
         * @param epoch the zero-based epoch about to start
         * @param learningRate the current rate, as the float32 variable holds it
         * @return the rate for this epoch: positive and finite
         */
        double apply(int epoch, double learningRate);
    }

    private final Schedule schedule;
    private int verbose;
    private PrintStream out = System.out;
    private TrainingModel model;

    /** @param schedule Keras's {@code schedule}; quiet, as Keras's default {@code verbose=0} */
    public LearningRateScheduler(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * @param schedule the schedule
     * @param verbose 1 prints each setting, as Keras does
     * @param out where it prints
     * @deprecated use {@code new LearningRateScheduler(schedule).verbose(verbose).output(out)}
     */
    @Deprecated
    public LearningRateScheduler(Schedule schedule, int verbose, PrintStream out) {
        this(schedule);
        verbose(verbose).output(out);
    }

    /**
     * @param verbose Keras's {@code verbose}: 1 prints each setting, 0 (default) does not
     * @return this
     */
    public LearningRateScheduler verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /**
     * @param out where verbose messages go (default standard output)
     * @return this
     */
    public LearningRateScheduler output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        return this;
    }

    @Override
    public void setModel(TrainingModel model) {
        this.model = model;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        double rate = schedule.apply(epoch, (float) model.learningRate());
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("schedule: expected a positive, finite learning rate for epoch " + epoch + ", found " + rate);
        }
        model.setLearningRate(rate);
        if (verbose > 0) {
            out.println();
            out.println("Epoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to " + PyFormat.repr(rate) + ".");
        }
    }
}
