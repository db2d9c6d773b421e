package io.kerasj.models;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.History;
import io.kerasj.pipeline.Pipeline;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code fit} beyond the data, with Keras's defaults: batch size 32, shuffle every epoch,
 * verbose 1. A builder: each setter returns {@code this}.
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private ValidationData validation;
    private Pipeline validationPipeline;
    private int stepsPerEpoch;
    private int validationSteps;
    private double validationSplit;
    private boolean shuffle = true;
    private int verbose = 1;
    private int initialEpoch;
    private int stepsPerExecution;
    private PrintStream out = System.out;
    private Boolean dynamicDisplay;
    private final List<Callback> callbacks = new ArrayList<>();
    private History history;

    /** @return options with Keras's defaults and one epoch */
    public static FitOptions defaults() {
        return new FitOptions();
    }

    /**
     * @param epochs the epoch to stop after (Keras's {@code epochs}), at least {@code initialEpoch}
     * @return this
     */
    public FitOptions epochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs: expected a number >= 0, found " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /**
     * @param batchSize samples per gradient step
     * @return this
     */
    public FitOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size: expected a positive number, found " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * @param validation data evaluated after each epoch, or null
     * @return this
     */
    public FitOptions validation(ValidationData validation) {
        this.validation = validation;
        if (validation != null) {
            this.validationPipeline = null;
        }
        return this;
    }

    /**
     * Keras's {@code validation_data=dataset}: a pipeline of batched (x, y) elements, evaluated after each epoch on a
     * new pass (at most {@link #validationSteps(int)} batches of it when set). Replaces {@link #validation(ValidationData)}.
     *
     * @param data the validation batches, or null for none
     * @return this
     */
    public FitOptions validationData(Pipeline data) {
        this.validationPipeline = data;
        if (data != null) {
            this.validation = null;
        }
        return this;
    }

    /** @return the validation pipeline, or null */
    public Pipeline validationPipeline() {
        return validationPipeline;
    }

    /**
     * Keras's {@code steps_per_epoch}, for a pipeline: an epoch is this many batches, read from one pass that
     * continues across epochs (use {@code repeat()}); a pass that runs out first ends its epoch early with Keras's
     * warning and the next epoch starts a new pass. Without it (0), an epoch is one whole pass.
     *
     * @param steps batches per epoch, or 0 for one pass
     * @return this
     */
    public FitOptions stepsPerEpoch(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps_per_epoch: expected a number >= 0, found " + steps);
        }
        this.stepsPerEpoch = steps;
        return this;
    }

    /** @return batches per epoch, 0 for one whole pass */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /**
     * Keras's {@code validation_steps}: the most batches of a validation pipeline evaluated after each epoch.
     *
     * @param steps batches, or 0 for the whole pass
     * @return this
     */
    public FitOptions validationSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("validation_steps: expected a number >= 0, found " + steps);
        }
        this.validationSteps = steps;
        return this;
    }

    /** @return the most validation batches, 0 for the whole pass */
    public int validationSteps() {
        return validationSteps;
    }

    /**
     * @param shuffle whether to shuffle the training set before each epoch
     * @return this
     */
    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * @param verbose 0 silent, 1 progress bar, 2 one line per epoch
     * @return this
     */
    public FitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose: expected 0, 1 or 2, found " + verbose);
        }
        this.verbose = verbose;
        return this;
    }

    /**
     * @param initialEpoch the epoch to start at (to resume a run)
     * @return this
     */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("initial_epoch: expected a number >= 0, found " + initialEpoch);
        }
        this.initialEpoch = initialEpoch;
        return this;
    }

    /**
     * @param steps batches per native call (Keras's {@code steps_per_execution}); 0 chooses
     * @return this
     */
    public FitOptions stepsPerExecution(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps_per_execution: expected a number >= 0, found " + steps);
        }
        this.stepsPerExecution = steps;
        return this;
    }

    /**
     * @param out where the progress goes
     * @return this
     */
    public FitOptions output(PrintStream out) {
        this.out = out;
        return this;
    }

    /**
     * @param dynamic true to update the progress line in place, false to print it once per epoch; by default,
     *     in place only when the output is a terminal
     * @return this
     */
    public FitOptions dynamicDisplay(boolean dynamic) {
        this.dynamicDisplay = dynamic;
        return this;
    }

    /**
     * @param callback a callback to notify, after the History and before the progress logger
     * @return this
     */
    public FitOptions callback(Callback callback) {
        callbacks.add(callback);
        return this;
    }

    /**
     * @param history a History to continue (a resumed run's earlier epochs); by default a new one
     * @return this
     */
    public FitOptions history(History history) {
        this.history = history;
        return this;
    }

    /** @return the History to record into, or null for a new one */
    public History history() {
        return history;
    }

    /** @return the last epoch, exclusive */
    public int epochs() {
        return epochs;
    }

    /** @return samples per step */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Keras's {@code validation_split}: the last fraction of the training samples, taken before shuffling, is
     * held out and evaluated after each epoch.
     *
     * @param fraction in [0, 1); 0 for none
     * @return this
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation_split: expected a number in [0, 1), found " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** @return the fraction held out for validation, 0 for none */
    public double validationSplit() {
        return validationSplit;
    }

    /** @return the validation data, or null */
    public ValidationData validation() {
        return validation;
    }

    /** @return whether each epoch is shuffled */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the verbosity */
    public int verbose() {
        return verbose;
    }

    /** @return the first epoch */
    public int initialEpoch() {
        return initialEpoch;
    }

    /** @return batches per native call, 0 to choose */
    public int stepsPerExecution() {
        return stepsPerExecution;
    }

    /** @return the progress output */
    public PrintStream output() {
        return out;
    }

    /** @return true when the progress line is updated in place */
    public boolean dynamicDisplay() {
        return dynamicDisplay != null ? dynamicDisplay : out == System.out && System.console() != null;
    }

    /** @return the user's callbacks */
    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }
}
