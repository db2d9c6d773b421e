package io.kerasj.callbacks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Stops training when a monitored metric has stopped improving, as TF 2.3's {@code keras.callbacks.EarlyStopping}.
 *
 * <p>At each epoch end, the value {@code current} improves when {@code current + minDelta < best} (mode min) or
 * {@code current - minDelta > best} (mode max); then {@code best = current} and {@code wait = 0}. Otherwise
 * {@code wait} grows, and when {@code wait >= patience} training stops ({@link TrainingModel#stopTraining()}) and
 * {@link #stoppedEpoch()} records the epoch. Mode {@code auto} judges as Keras 3's {@code MonitorCallback}: max for
 * accuracy-like names ({@code accuracy}, {@code val_auc}, {@code precision}, {@code recall}), else min. With a
 * baseline, {@code best} starts at the baseline, so training stops after {@code patience} epochs that do not beat it.
 * Epochs before {@code startFromEpoch} are not judged (Keras's warm-up).
 *
 * <p>Built as every callback: the constructor with Keras's defaults ({@code monitor="val_loss"}, {@code patience=0}),
 * then setters by Keras's argument names:
 * {@code new EarlyStopping().monitor("val_accuracy").patience(3).restoreBestWeights(true)}.
 *
 * <p>Restoring: as in TF 2.3 (and unlike Keras 2.11+, which also restores at the end of a run that was not
 * stopped), the best weights are restored only when this callback stops training. When no epoch ever improved on
 * the baseline there are no best weights and nothing is restored (TF 2.3 would fail there).
 *
 * <p>A missing monitor key is a warning, as Keras logs one (through {@link System.Logger} unless an error stream is
 * given), and the epoch is skipped.
 */
public final class EarlyStopping implements Callback {

    /**
     * How improvement is judged.
     *
     * @deprecated use {@link EarlyStopping#mode(String)} with Keras's {@code "auto"}, {@code "min"} or {@code "max"}
     */
    @Deprecated
    public enum Mode {
        /** Lower is better. */
        MIN,
        /** Higher is better. */
        MAX,
        /** Max for accuracy-like monitors, else min. */
        AUTO
    }

    private String monitorKey = "val_loss";
    private double minDelta;
    private int patience;
    private String mode = "auto";
    private boolean restoreBestWeights;
    private Double baseline;
    private int startFromEpoch;
    private int verbose;
    private PrintStream out = System.out;
    private PrintStream err;

    private Monitor monitor = new Monitor(monitorKey, mode, minDelta);
    private TrainingModel model;
    private int wait;
    private int stoppedEpoch;
    private double best;
    private List<float[]> bestWeights;

    /** Keras's defaults: monitors {@code val_loss} with patience 0. */
    public EarlyStopping() {
        reset();
    }

    /**
     * @param monitor the logs key to watch, e.g. {@code val_loss}
     * @param patience epochs without improvement before stopping
     * @deprecated use {@code new EarlyStopping().monitor(monitor).patience(patience)}
     */
    @Deprecated
    public EarlyStopping(String monitor, int patience) {
        this();
        monitor(monitor).patience(patience);
    }

    /**
     * @param monitor the logs key to watch, e.g. {@code val_loss}
     * @param minDelta the smallest change that counts as an improvement (its sign is ignored)
     * @param patience epochs without improvement before stopping
     * @param mode how improvement is judged
     * @param restoreBestWeights whether to put back the best epoch's weights when stopping
     * @param baseline the value to beat, or null
     * @deprecated use the setters: {@code new EarlyStopping().monitor(...).minDelta(...).patience(...)...}
     */
    @Deprecated
    public EarlyStopping(String monitor, double minDelta, int patience, Mode mode, boolean restoreBestWeights,
            Double baseline) {
        this(monitor, minDelta, patience, mode, restoreBestWeights, baseline, 0, System.out, null);
    }

    /**
     * @param monitor the logs key to watch, e.g. {@code val_loss}
     * @param minDelta the smallest change that counts as an improvement (its sign is ignored)
     * @param patience epochs without improvement before stopping
     * @param mode how improvement is judged
     * @param restoreBestWeights whether to put back the best epoch's weights when stopping
     * @param baseline the value to beat, or null
     * @param verbose 1 prints Keras's messages ({@code Epoch 00005: early stopping}) to {@code out}, 0 does not
     * @param out where verbose messages go
     * @param err where warnings go (a missing monitor key), or null for {@link System.Logger}
     *     {@code io.kerasj.callbacks}, which the application routes
     * @deprecated use the setters: {@code new EarlyStopping().monitor(...).minDelta(...).patience(...)...}
     */
    @Deprecated
    public EarlyStopping(String monitor, double minDelta, int patience, Mode mode, boolean restoreBestWeights,
            Double baseline, int verbose, PrintStream out, PrintStream err) {
        this();
        monitor(monitor).minDelta(minDelta).patience(patience)
                .mode(Objects.requireNonNull(mode, "mode").name().toLowerCase(Locale.ROOT))
                .restoreBestWeights(restoreBestWeights).verbose(verbose).output(out).warnings(err);
        if (baseline != null) {
            baseline(baseline);
        }
    }

    /**
     * @param key Keras's {@code monitor}: the logs key to watch (default {@code val_loss})
     * @return this
     */
    public EarlyStopping monitor(String key) {
        return judge(key, mode, minDelta);
    }

    /**
     * @param minDelta Keras's {@code min_delta}: the least change that counts as an improvement, its sign ignored
     *     (default 0)
     * @return this
     */
    public EarlyStopping minDelta(double minDelta) {
        return judge(monitorKey, mode, minDelta);
    }

    /**
     * @param mode Keras's {@code mode}: {@code "auto"} (default), {@code "min"} or {@code "max"}
     * @return this
     */
    public EarlyStopping mode(String mode) {
        return judge(monitorKey, mode, minDelta);
    }

    private EarlyStopping judge(String key, String mode, double minDelta) {
        this.monitor = new Monitor(key, mode, minDelta); // checks the three now
        this.monitorKey = key;
        this.mode = mode;
        this.minDelta = minDelta;
        reset();
        return this;
    }

    /**
     * @param epochs Keras's {@code patience}: epochs without improvement before stopping (default 0)
     * @return this
     */
    public EarlyStopping patience(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("expected patience >= 0, found " + epochs);
        }
        this.patience = epochs;
        return this;
    }

    /**
     * @param verbose Keras's {@code verbose}: 1 prints {@code Epoch 00005: early stopping}, 0 (default) does not
     * @return this
     */
    public EarlyStopping verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /**
     * @param value Keras's {@code baseline}: the value to beat (default none)
     * @return this
     */
    public EarlyStopping baseline(double value) {
        this.baseline = value;
        reset();
        return this;
    }

    /**
     * @param restore Keras's {@code restore_best_weights}: put back the best epoch's weights when stopping
     *     (default false)
     * @return this
     */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /**
     * @param epoch Keras's {@code start_from_epoch}: epochs before this one are not judged (default 0)
     * @return this
     */
    public EarlyStopping startFromEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("start_from_epoch: expected a number >= 0, found " + epoch);
        }
        this.startFromEpoch = epoch;
        return this;
    }

    /**
     * @param out where verbose messages go (default standard output)
     * @return this
     */
    public EarlyStopping output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        return this;
    }

    /**
     * @param err where warnings go, e.g. a missing monitor key; null (the default) logs them through
     *     {@link System.Logger} {@code io.kerasj.callbacks}, which the application routes
     * @return this
     */
    public EarlyStopping warnings(PrintStream err) {
        this.err = err;
        return this;
    }

    /** @return the monitored logs key */
    public String monitor() {
        return monitorKey;
    }

    /** @return true when higher values are better (mode max, or auto with an accuracy-like monitor) */
    public boolean maximizes() {
        return monitor.maximize();
    }

    /** @return epochs since the last improvement */
    public int waitCount() {
        return wait;
    }

    /** @return the zero-based epoch at which training was stopped, 0 if it was not (as Keras) */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** @return the best value seen so far (the baseline or ±infinity before any improvement) */
    public double best() {
        return best;
    }

    /** {@inheritDoc} */
    @Override
    public void setModel(TrainingModel model) {
        this.model = model;
    }

    /** {@inheritDoc} Resets the state, so an instance can be reused. */
    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        reset();
    }

    /** {@inheritDoc} Compares the monitored value with the best and stops training when patience runs out. */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = logs == null ? null : monitor.current(logs);
        if (current == null) {
            String warning = "Early stopping conditioned on metric `" + monitorKey
                    + "` which is not available. Available metrics are: "
                    + (logs == null ? "" : String.join(",", logs.keySet()));
            if (err == null) {
                System.getLogger("io.kerasj.callbacks").log(System.Logger.Level.WARNING, warning);
            } else {
                err.println("WARNING: " + warning);
            }
            return;
        }
        if (epoch < startFromEpoch) {
            return;
        }
        if (monitor.isImprovement(current, best)) {
            best = current;
            wait = 0;
            if (restoreBestWeights && model != null) {
                bestWeights = model.getWeights();
            }
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = epoch;
            if (model != null) {
                model.stopTraining();
                if (restoreBestWeights && bestWeights != null) {
                    if (verbose > 0) {
                        out.println("Restoring model weights from the end of the best epoch.");
                    }
                    model.setWeights(bestWeights);
                }
            }
        }
    }

    /** {@inheritDoc} With verbose, prints {@code Epoch 00005: early stopping} when training was stopped. */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            out.println(String.format(Locale.ROOT, "Epoch %05d: early stopping", stoppedEpoch + 1));
        }
    }

    private void reset() {
        wait = 0;
        stoppedEpoch = 0;
        bestWeights = null;
        if (baseline != null) {
            best = baseline;
        } else {
            best = monitor.maximize() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
    }
}
