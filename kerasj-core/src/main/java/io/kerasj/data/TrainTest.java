package io.kerasj.data;

/**
 * What Keras's {@code load_data()} returns: {@code (x_train, y_train), (x_test, y_test)}.
 *
 * @param train the full training set
 * @param test the test set
 */
public record TrainTest(Dataset train, Dataset test) {

    /**
     * @param train the full training set
     * @param test the test set
     * @throws NullPointerException when either part is null
     */
    public TrainTest {
        java.util.Objects.requireNonNull(train, "train");
        java.util.Objects.requireNonNull(test, "test");
    }

    /**
     * The notebook's split: validation = the first {@code validationSize} training samples, train = the rest.
     *
     * @param validationSize samples held out for validation, in [0, train().count()]
     * @return the three parts
     */
    public Split split(int validationSize) {
        return Split.of(this, validationSize);
    }

    /**
     * @return both sets with grey-scale images given a channel axis, {@code (N, 28, 28, 1)}
     * @see Dataset#withChannelAxis()
     */
    public TrainTest withChannelAxis() {
        return new TrainTest(train.withChannelAxis(), test.withChannelAxis());
    }
}
