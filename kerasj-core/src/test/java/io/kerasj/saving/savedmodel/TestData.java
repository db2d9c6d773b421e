package io.kerasj.saving.savedmodel;

import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Split;
import io.kerasj.data.TrainTest;
import io.kerasj.testing.FashionMnistData;

/**
 * Test fixture: Fashion-MNIST found through the project's own lookup ({@link FashionMnistData}) and loaded with its
 * loader, once per test JVM; skips the test, saying why, when there is no local copy.
 */
public final class TestData {
    private static TrainTest data;

    private TestData() {
    }

    /** @return the training and test sets, or skips the test */
    public static synchronized TrainTest data() {
        if (data == null) {
            data = FashionMnist.load(FashionMnistData.dir()); // skips, saying why, where there is no local copy
        }
        return data;
    }

    /** @return the 10,000 test images, pixels / 255 */
    public static FloatSamples testImages() {
        return data().test().scaled();
    }

    /** @return the 10,000 test labels */
    public static int[] testLabels() {
        return data().test().labels();
    }

    /** @return the notebook's split: the first 5,000 training images for validation, the other 55,000 to train */
    public static Split split() {
        return data().split(Split.DEFAULT_VALIDATION_SIZE);
    }
}
