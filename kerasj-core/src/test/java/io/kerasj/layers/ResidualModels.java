package io.kerasj.layers;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.models.Model;
import java.util.List;
import java.util.Random;

/** The residual model the sublayer tests share with python-reference/sublayers.py, and its data. */
public final class ResidualModels {
    /** Keras 3.15's {@code [w.path for w in model.weights]} for the twin in {@code python-reference/sublayers.py}. */
    public static final List<String> KERAS_PATHS = List.of("residual_block/alpha", "residual_block/scale",
            "residual_block/conv2d/kernel", "residual_block/conv2d/bias", "residual_block/conv2d_1/kernel",
            "residual_block/conv2d_1/bias", "residual_block/batch_normalization/gamma", "residual_block/batch_normalization/beta",
            "residual_block/batch_normalization/moving_mean", "residual_block/batch_normalization/moving_variance",
            "dense/kernel", "dense/bias");

    private ResidualModels() {
    }

    /**
     * @param seed the model's seed
     * @return input (6, 6, 4) -> ResidualBlock(4) -> GlobalAveragePooling2D -> Dense(2), as the Python twin
     */
    public static Model model(long seed) {
        Input input = new Input(new long[] {6, 6, 4});
        KerasTensor block = new ResidualBlock(4).apply(input);
        KerasTensor pooled = new GlobalAveragePooling2D().apply(block);
        return new Model(input, new Dense(2).apply(pooled)).seed(seed);
    }

    /** @return n seeded normal samples of shape (6, 6, 4) */
    public static FloatSamples images(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * 6 * 6 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(values, 6, 6, 4);
    }

    /** @return n seeded normal targets of the given width */
    public static Targets targets(int n, int width, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Targets.of(values, width);
    }
}
