package io.kerasj.datasets;

import io.kerasj.data.TrainTest;

/**
 * Where a dataset comes from: Fashion-MNIST, IDX files in a folder, a Keras {@code .npz} file, NumPy file pairs.
 * {@link #loadData()} is Keras's {@code load_data()}.
 */
public interface DatasetSource {

    /**
     * Finds, reads and checks the data.
     *
     * @return the training and test sets, {@code (x_train, y_train), (x_test, y_test)}
     * @throws DatasetException when the data is missing, unreadable, corrupt or inconsistent, naming the file
     */
    TrainTest loadData();
}
