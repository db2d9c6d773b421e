package io.kerasj.runtime;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.models.ThreadSettings;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import java.nio.file.Path;

/**
 * What a library user's program does, run in a fresh JVM by {@link NativeRuntimeQuietTest}: builds, trains, predicts
 * and saves a model, then loads the SavedModel back and predicts with it. It prints nothing itself.
 */
public final class QuietProbe {

    private QuietProbe() {
    }

    /** Arguments: the folder to save the model into, then optionally {@code xla} to train with XLA JIT on. */
    public static void main(String[] args) {
        float[] pixels = new float[8 * 4];
        int[] labels = new int[8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37 % 11) / 11f;
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        FloatSamples x = FloatSamples.of(pixels, 2, 2);
        Path dir = Path.of(args[0]);
        try (var model = new Sequential(7)) {
            model.add(new Flatten(2, 2));
            model.add(new Dense(3, "softmax"));
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            if (args.length > 1 && args[1].equals("xla")) {
                model.threads(new ThreadSettings(1, 1, true));
            }
            model.fit(x, labels, FitOptions.defaults().epochs(1).verbose(0));
            model.predict(x);
            model.save(dir);
        }
        try (var loaded = KerasSavedModel.load(dir)) {
            loaded.predict(x);
        }
    }
}
