package io.kerasj.engine;

import io.kerasj.models.Sequential;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import java.util.Random;

/** Small, fixed problems to train on in tests: three Gaussian blobs in 4 dimensions. */
public final class SmallProblems {
    public static final int FEATURES = 4;
    public static final int CLASSES = 3;

    public final FloatSamples x;
    public final int[] y;

    private SmallProblems(FloatSamples x, int[] y) {
        this.x = x;
        this.y = y;
    }

    public static SmallProblems blobs(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * FEATURES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES;
            for (int f = 0; f < FEATURES; f++) {
                float centre = f == labels[i] ? 2f : 0f;
                values[i * FEATURES + f] = centre + (float) random.nextGaussian() * 0.7f;
            }
        }
        return new SmallProblems(FloatSamples.of(values, FEATURES), labels);
    }

    public static Sequential mlp(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Flatten(FEATURES));
        model.add(new Dense(16, "relu"));
        model.add(new Dense(CLASSES, "softmax"));
        return model;
    }
}
