package io.kerasj.data;

/**
 * The notebook's three-way split of a dataset: {@code X_valid, X_train = X_train_full[:5000], X_train_full[5000:]}
 * plus the untouched test set.
 *
 * @param validation the first {@code validationSize} samples of the full training set
 * @param train the remaining samples of the full training set
 * @param test the test set
 */
public record Split(Dataset validation, Dataset train, Dataset test) {

    /** The notebook's validation size. */
    public static final int DEFAULT_VALIDATION_SIZE = 5000;

    /**
     * @param data the full training set and the test set
     * @param validationSize samples held out for validation, in [0, data.train().count()]
     * @return validation = first {@code validationSize} training samples, train = the rest, test unchanged
     * @throws IllegalArgumentException when {@code validationSize} is out of range
     */
    public static Split of(TrainTest data, int validationSize) {
        int n = data.train().count();
        if (validationSize < 0 || validationSize > n) {
            throw new IllegalArgumentException("validationSize: expected a value in [0, " + n + "], found " + validationSize);
        }
        return new Split(data.train().slice(0, validationSize), data.train().slice(validationSize, n), data.test());
    }

    /**
     * @return the three parts with grey-scale images given a channel axis, {@code (N, 28, 28, 1)}
     * @see Dataset#withChannelAxis()
     */
    public Split withChannelAxis() {
        return new Split(validation.withChannelAxis(), train.withChannelAxis(), test.withChannelAxis());
    }
}
