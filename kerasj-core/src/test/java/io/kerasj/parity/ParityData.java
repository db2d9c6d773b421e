package io.kerasj.parity;

import io.kerasj.data.DatasetException;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Dataset;
import io.kerasj.data.TrainTest;
import org.junit.jupiter.api.Assumptions;

/** Fashion-MNIST through KerasJ's own loader, loaded once per JVM, as the Python scripts read it (pixels / 255). */
final class ParityData {
    private static TrainTest data;

    private ParityData() {
    }

    /** @return the data, or skips the test where it cannot be found */
    static synchronized TrainTest data() {
        if (data == null) {
            try {
                data = FashionMnist.withDefaults(null).loadData();
            } catch (DatasetException e) {
                Assumptions.abort("Fashion-MNIST not available (apt-get install dataset-fashion-mnist, or set KERASJ_DATA): " + e.getMessage());
            }
        }
        return data;
    }

    static FloatSamples testImages() {
        return data().test().scaled();
    }

    static int[] testLabels() {
        return data().test().labels();
    }

    /** @return the training-file images at these indices, in this order, pixels / 255 */
    static FloatSamples trainImages(int[] indices) {
        Dataset train = data().train();
        int size = train.rows() * train.cols();
        float[] values = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            byte[] image = train.image(indices[i]);
            for (int p = 0; p < size; p++) {
                values[i * size + p] = (float) (image[p] & 0xFF) / 255.0f;
            }
        }
        return FloatSamples.of(values, train.rows(), train.cols());
    }

    /** @return the training-file labels at these indices */
    static int[] trainLabels(int[] indices) {
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = data().train().label(indices[i]);
        }
        return labels;
    }
}
