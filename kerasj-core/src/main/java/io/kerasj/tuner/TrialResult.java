package io.kerasj.tuner;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A finished trial: what {@code trial.json} holds, and the trained model's {@code .keras} bytes while it travels to
 * the search that writes it.
 *
 * @param number the trial's number
 * @param hyperparameters the values it ran with, in the space's order
 * @param status completed or failed
 * @param executions each execution's History ({@code loss}, {@code val_loss}, ... per epoch)
 * @param metrics Keras Tuner's trial metrics: each execution's values at its best epoch, averaged over executions
 * @param score the objective's value in {@code metrics} (NaN when failed)
 * @param bestEpoch the best epoch (from 0) of the best execution, or -1
 * @param error why it failed, or null
 * @param seconds how long it ran
 * @param model the {@code .keras} file of the best execution at its best epoch, or null (failed, or read back)
 */
public record TrialResult(int number, Map<String, Object> hyperparameters, TrialStatus status,
                          List<Map<String, List<Double>>> executions, Map<String, Double> metrics, double score,
                          int bestEpoch, String error, double seconds, byte[] model) implements Serializable {

    /** @return the trial id, {@code 0003} */
    public String id() {
        return String.format("%04d", number);
    }

    /** @return true when it completed with a score */
    public boolean completed() {
        return status == TrialStatus.COMPLETED;
    }

    /**
     * @param number the trial's number
     * @param values its values
     * @param error why it failed
     * @param seconds how long it ran
     * @return a failed trial
     */
    public static TrialResult failed(int number, Map<String, Object> values, String error, double seconds) {
        return new TrialResult(number, values, TrialStatus.FAILED, List.of(), Map.of(), Double.NaN, -1, error, seconds, null);
    }

    /** @return the same trial without its model bytes */
    public TrialResult withoutModel() {
        return new TrialResult(number, hyperparameters, status, executions, metrics, score, bestEpoch, error, seconds, null);
    }
}
