package io.kerasj.savedmodel;

import io.kerasj.data.DatasetException;
import io.kerasj.data.FashionMnist;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.data.TrainTest;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture: Fashion-MNIST through the project's own loader ({@code FashionMnist.withDefaults(null).loadData()}),
 * loaded once per test JVM; skips the test when the data cannot be found or downloaded.
 */
final class TestData {
    private static TrainTest data;

    private TestData() {
    }

    /** @return the training and test sets, or skips the test */
    static synchronized TrainTest data() {
        if (data == null) {
            try {
                data = FashionMnist.withDefaults(null).loadData();
            } catch (DatasetException e) {
                Assumptions.abort("Fashion-MNIST not available (apt-get install dataset-fashion-mnist, or set KERASJ_DATA): "
                        + e.getMessage());
            }
        }
        return data;
    }

    /** @return the 10,000 test images, pixels / 255 */
    static FloatSamples testImages() {
        return data().test().scaled();
    }

    /** @return the 10,000 test labels */
    static int[] testLabels() {
        return data().test().labels();
    }

    /** @return the notebook's split: the first 5,000 training images for validation, the other 55,000 to train */
    static Split split() {
        return data().split(Split.DEFAULT_VALIDATION_SIZE);
    }
}
