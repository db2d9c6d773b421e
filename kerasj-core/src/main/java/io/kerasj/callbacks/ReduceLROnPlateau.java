package io.kerasj.callbacks;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Keras 3's {@code ReduceLROnPlateau}: multiplies the learning rate by {@code factor} once the monitored value has
 * not improved for {@code patience} epochs, then waits {@code cooldown} epochs before counting again; never below
 * {@code min_lr}. The rate changes in the model's variable, without recompiling. Like Keras, its presence puts
 * {@code learning_rate} (the rate the epoch trained with) into each epoch's logs, so the History records it.
 *
 * <p>Defaults as Keras: {@code monitor="val_loss"}, {@code factor=0.1}, {@code patience=10}, {@code verbose=0},
 * {@code mode="auto"}, {@code min_delta=1e-4}, {@code cooldown=0}, {@code min_lr=0}.
 */
public final class ReduceLROnPlateau implements Callback, LogsLearningRate {
    private String monitorKey = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private PrintStream out = System.out;

    private Monitor monitor;
    private TrainingModel model;
    private Double best;
    private int wait;
    private int cooldownCounter;

    /** With Keras's defaults. */
    public ReduceLROnPlateau() {
    }

    /**
     * @param key Keras's {@code monitor}
     * @return this
     */
    public ReduceLROnPlateau monitor(String key) {
        new Monitor(key, mode, minDelta); // checks it now
        this.monitorKey = key;
        return this;
    }

    /**
     * @param factor Keras's {@code factor}: the new rate is {@code rate * factor}, below 1
     * @return this
     */
    public ReduceLROnPlateau factor(double factor) {
        if (!(factor < 1.0) || !(factor >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" + factor);
        }
        this.factor = factor;
        return this;
    }

    /**
     * @param epochs Keras's {@code patience}
     * @return this
     */
    public ReduceLROnPlateau patience(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("patience: expected a number >= 0, found " + epochs);
        }
        this.patience = epochs;
        return this;
    }

    /**
     * @param verbose 1 prints each reduction, as Keras
     * @return this
     */
    public ReduceLROnPlateau verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /**
     * @param mode {@code auto}, {@code min} or {@code max}
     * @return this
     */
    public ReduceLROnPlateau mode(String mode) {
        new Monitor(monitorKey, mode, minDelta); // checks it now
        this.mode = mode;
        return this;
    }

    /**
     * @param minDelta Keras's {@code min_delta}
     * @return this
     */
    public ReduceLROnPlateau minDelta(double minDelta) {
        new Monitor(monitorKey, mode, minDelta); // checks it now
        this.minDelta = minDelta;
        return this;
    }

    /**
     * @param epochs Keras's {@code cooldown}
     * @return this
     */
    public ReduceLROnPlateau cooldown(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("cooldown: expected a number >= 0, found " + epochs);
        }
        this.cooldown = epochs;
        return this;
    }

    /**
     * @param minLr Keras's {@code min_lr}
     * @return this
     */
    public ReduceLROnPlateau minLr(double minLr) {
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("min_lr: expected a finite number >= 0, found " + minLr);
        }
        this.minLr = minLr;
        return this;
    }

    /**
     * @param out where verbose messages and warnings go
     * @return this
     */
    public ReduceLROnPlateau output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        return this;
    }

    @Override
    public void setModel(TrainingModel model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        monitor = new Monitor(monitorKey, mode, minDelta);
        best = null;
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = monitor.current(logs);
        if (current == null) {
            out.println("WARNING: " + monitor.missing("Learning rate reduction", logs));
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.isImprovement(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience && reduce(epoch)) {
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    private boolean reduce(int epoch) {
        double old = (float) model.learningRate(); // Keras reads the float32 variable
        if (!(old > (float) minLr)) {
            return false;
        }
        double next = Math.max(old * factor, minLr);
        model.setLearningRate(next);
        if (verbose > 0) {
            out.println();
            out.println("Epoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to " + PyFormat.repr(next) + ".");
        }
        return true;
    }
}
