package io.kerasj.data;

/**
 * What Keras's {@code load_data()} returns: {@code (x_train, y_train), (x_test, y_test)}.
 *
 * @param train the full training set (60,000 images for Fashion-MNIST)
 * @param test the test set (10,000 images for Fashion-MNIST)
 */
public record TrainTest(LabeledImages train, LabeledImages test) {

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
     * The notebook's split: validation = the first {@code validationSize} training images, train = the rest.
     *
     * @param validationSize images held out for validation, in [0, train().count()]
     * @return the three parts
     */
    public Split split(int validationSize) {
        return Split.of(this, validationSize);
    }
}
