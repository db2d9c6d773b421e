package io.kerasj.callbacks;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.models.ValidationData;
import java.util.Random;

/** Test fixture: three Gaussian blobs in 4 dimensions and a small MLP to train on them, on the real runtime. */
final class Blobs {
    static final int FEATURES = 4;
    static final int CLASSES = 3;

    final FloatSamples x;
    final int[] y;

    private Blobs(FloatSamples x, int[] y) {
        this.x = x;
        this.y = y;
    }

    /** @param spread the noise's standard deviation: larger overlaps the classes more */
    static Blobs of(int n, long seed, double spread) {
        Random random = new Random(seed);
        float[] values = new float[n * FEATURES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES;
            for (int f = 0; f < FEATURES; f++) {
                float centre = f == labels[i] ? 2f : 0f;
                values[i * FEATURES + f] = centre + (float) (random.nextGaussian() * spread);
            }
        }
        return new Blobs(FloatSamples.of(values, FEATURES), labels);
    }

    static Blobs of(int n, long seed) {
        return of(n, seed, 0.7);
    }

    ValidationData validation() {
        return new ValidationData(x, y);
    }

    /** A compiled MLP: SGD 0.01, sparse categorical cross-entropy, accuracy. */
    static Sequential mlp(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Flatten(FEATURES));
        model.add(new Dense(16, "relu"));
        model.add(new Dense(CLASSES, "softmax"));
        model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
        return model;
    }

    /** Quiet fit options with validation on {@code val}. */
    static FitOptions options(int epochs, Blobs val) {
        return FitOptions.defaults().epochs(epochs).verbose(0).validation(val.validation());
    }
}
