package io.kerasj.tuner;

import io.kerasj.data.Dataset;

/**
 * What every trial trains on: the training rows and the validation rows its objective is measured on
 * ({@code search(x, y, validation_data=...)}).
 *
 * @param train the training rows
 * @param validation the validation rows, or null (then the objective must be a training metric)
 */
public record TrialData(Dataset train, Dataset validation) {
    /** Checks that there are training rows. */
    public TrialData {
        if (train == null || train.count() == 0) {
            throw new IllegalArgumentException("train: expected at least one row");
        }
    }
}
