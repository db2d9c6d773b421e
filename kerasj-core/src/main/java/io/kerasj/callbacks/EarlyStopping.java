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
 * {@link #stoppedEpoch()} records the epoch. Mode {@link Mode#AUTO} picks max when the monitor's name contains
 * {@code "acc"} (so {@code accuracy}, {@code val_accuracy}), else min. With a baseline, {@code best} starts at the
 * baseline, so training stops after {@code patience} epochs that do not beat it.
 *
 * <p>Restoring: as in TF 2.3 (and unlike Keras 2.11+, which also restores at the end of a run that was not
 * stopped), the best weights are restored only when this callback stops training. When no epoch ever improved on
 * the baseline there are no best weights and nothing is restored (TF 2.3 would fail there).
 *
 * <p>A missing monitor key is a warning, as Keras logs one (through {@link System.Logger} unless an error stream is
 * given), and the epoch is skipped.
 */
public final class EarlyStopping implements Callback {

    /** How improvement is judged. */
    public enum Mode {
        /** Lower is better. */
        MIN,
        /** Higher is better. */
        MAX,
        /** {@link #MAX} when the monitor's name contains {@code "acc"}, else {@link #MIN}. */
        AUTO
    }

    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final boolean maximize;
    private final boolean restoreBestWeights;
    private final Double baseline;
    private final int verbose;
    private final PrintStream out;
    private final PrintStream err;

    private TrainingModel model;
    private int wait;
    private int stoppedEpoch;
    private double best;
    private List<float[]> bestWeights;

    /** Monitors {@code val_loss} with patience 0, as Keras's defaults. */
    public EarlyStopping() {
        this("val_loss", 0, 0, Mode.AUTO, false, null);
    }

    /**
     * @param monitor the logs key to watch, e.g. {@code val_loss}
     * @param patience epochs without improvement before stopping
     */
    public EarlyStopping(String monitor, int patience) {
        this(monitor, 0, patience, Mode.AUTO, false, null);
    }

    /**
     * @param monitor the logs key to watch, e.g. {@code val_loss}
     * @param minDelta the smallest change that counts as an improvement (its sign is ignored)
     * @param patience epochs without improvement before stopping
     * @param mode how improvement is judged
     * @param restoreBestWeights whether to put back the best epoch's weights when stopping
     * @param baseline the value to beat, or null
     */
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
     *     {@code io.kerasj.callbacks}, which the application routes (as Keras logs them with {@code warnings.warn})
     * @throws IllegalArgumentException if patience is negative
     */
    public EarlyStopping(String monitor, double minDelta, int patience, Mode mode, boolean restoreBestWeights,
            Double baseline, int verbose, PrintStream out, PrintStream err) {
        if (patience < 0) {
            throw new IllegalArgumentException("expected patience >= 0, found " + patience);
        }
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.minDelta = Math.abs(minDelta);
        this.patience = patience;
        Mode m = Objects.requireNonNull(mode, "mode");
        this.maximize = m == Mode.MAX || (m == Mode.AUTO && monitor.contains("acc"));
        this.restoreBestWeights = restoreBestWeights;
        this.baseline = baseline;
        this.verbose = verbose;
        this.out = Objects.requireNonNull(out, "out");
        this.err = err;
        reset();
    }

    /** @return the monitored logs key */
    public String monitor() {
        return monitor;
    }

    /** @return true when higher values are better (mode max, or auto with "acc" in the name) */
    public boolean maximizes() {
        return maximize;
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
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            String warning = "Early stopping conditioned on metric `" + monitor
                    + "` which is not available. Available metrics are: "
                    + (logs == null ? "" : String.join(",", logs.keySet()));
            if (err == null) {
                System.getLogger("io.kerasj.callbacks").log(System.Logger.Level.WARNING, warning);
            } else {
                err.println("WARNING: " + warning);
            }
            return;
        }
        if (improves(current)) {
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

    private boolean improves(double current) {
        return maximize ? current - minDelta > best : current + minDelta < best;
    }

    private void reset() {
        wait = 0;
        stoppedEpoch = 0;
        bestWeights = null;
        if (baseline != null) {
            best = baseline;
        } else {
            best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
    }
}
