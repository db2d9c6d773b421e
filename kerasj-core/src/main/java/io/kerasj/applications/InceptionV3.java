package io.kerasj.applications;

import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.AveragePooling2D;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.models.Model;

/**
 * Keras's {@code keras.applications.InceptionV3}, with Keras's layer names (its convolutions, batch normalizations
 * without {@code scale}, activations and pools are named by Keras's counters; the concatenations {@code mixed0} to
 * {@code mixed10}, {@code mixed9_0}, {@code mixed9_1}), arguments and checks. Default input 299x299, at least 75x75.
 */
public final class InceptionV3 extends ApplicationBuilder<InceptionV3> {
    /** The builder, Keras's defaults. */
    public InceptionV3() {
    }

    @Override
    public Model build() {
        KerasArgumentChecks.weightsAndClasses(this,
                "The `weights` argument should be either `None` (random initialization), `imagenet` (pre-training on ImageNet),"
                        + " or the path to the weights file to be loaded; Received: weights=%s",
                "If using `weights=\"imagenet\"` with `include_top=True`, `classes` should be 1000. Received classes=%s");
        KerasTensor input = imageInput(obtainInputShape(299, 75, includeTop()));
        KerasTensor x = convBn(input, 32, 3, 3, 2, "valid");
        x = convBn(x, 32, 3, 3, 1, "valid");
        x = convBn(x, 64, 3, 3);
        x = maxPool(x);
        x = convBn(x, 80, 1, 1, 1, "valid");
        x = convBn(x, 192, 3, 3, 1, "valid");
        x = maxPool(x);

        for (int i = 0; i < 3; i++) { // mixed 0, 1, 2: 35 x 35 x 256/288
            KerasTensor branch1x1 = convBn(x, 64, 1, 1);
            KerasTensor branch5x5 = convBn(convBn(x, 48, 1, 1), 64, 5, 5);
            KerasTensor branch3x3dbl = convBn(convBn(convBn(x, 64, 1, 1), 96, 3, 3), 96, 3, 3);
            KerasTensor branchPool = convBn(avgPool(x), i == 0 ? 32 : 64, 1, 1);
            x = concat("mixed" + i, branch1x1, branch5x5, branch3x3dbl, branchPool);
        }

        KerasTensor branch3x3 = convBn(x, 384, 3, 3, 2, "valid"); // mixed 3: 17 x 17 x 768
        KerasTensor branch3x3dbl = convBn(convBn(convBn(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, 2, "valid");
        KerasTensor branchPool = maxPool(x);
        x = concat("mixed3", branch3x3, branch3x3dbl, branchPool);

        int[] widths = {128, 160, 160, 192}; // mixed 4 to 7
        for (int i = 0; i < 4; i++) {
            int w = widths[i];
            KerasTensor branch1x1 = convBn(x, 192, 1, 1);
            KerasTensor branch7x7 = convBn(convBn(convBn(x, w, 1, 1), w, 1, 7), 192, 7, 1);
            KerasTensor branch7x7dbl = convBn(x, w, 1, 1);
            branch7x7dbl = convBn(branch7x7dbl, w, 7, 1);
            branch7x7dbl = convBn(branch7x7dbl, w, 1, 7);
            branch7x7dbl = convBn(branch7x7dbl, w, 7, 1);
            branch7x7dbl = convBn(branch7x7dbl, 192, 1, 7);
            KerasTensor pool = convBn(avgPool(x), 192, 1, 1);
            x = concat("mixed" + (4 + i), branch1x1, branch7x7, branch7x7dbl, pool);
        }

        branch3x3 = convBn(convBn(x, 192, 1, 1), 320, 3, 3, 2, "valid"); // mixed 8: 8 x 8 x 1280
        KerasTensor branch7x7x3 = convBn(x, 192, 1, 1);
        branch7x7x3 = convBn(branch7x7x3, 192, 1, 7);
        branch7x7x3 = convBn(branch7x7x3, 192, 7, 1);
        branch7x7x3 = convBn(branch7x7x3, 192, 3, 3, 2, "valid");
        branchPool = maxPool(x);
        x = concat("mixed8", branch3x3, branch7x7x3, branchPool);

        for (int i = 0; i < 2; i++) { // mixed 9, 10: 8 x 8 x 2048
            KerasTensor branch1x1 = convBn(x, 320, 1, 1);
            KerasTensor b3 = convBn(x, 384, 1, 1);
            KerasTensor b3a = convBn(b3, 384, 1, 3);
            KerasTensor b3b = convBn(b3, 384, 3, 1);
            b3 = concat("mixed9_" + i, b3a, b3b);
            KerasTensor dbl = convBn(convBn(x, 448, 1, 1), 384, 3, 3);
            KerasTensor dblA = convBn(dbl, 384, 1, 3);
            KerasTensor dblB = convBn(dbl, 384, 3, 1);
            dbl = new Concatenate(-1).apply(dblA, dblB);
            KerasTensor pool = convBn(avgPool(x), 192, 1, 1);
            x = concat("mixed" + (9 + i), branch1x1, b3, dbl, pool);
        }
        x = includeTop() ? averagedPredictions(x, "avg_pool") : pooled(x, null, null);
        return finish(input, x, name() != null ? name() : "inception_v3", () -> ClassicImagenetWeights.inceptionV3(includeTop()));
    }

    private static KerasTensor convBn(KerasTensor x, int filters, int rows, int cols) {
        return convBn(x, filters, rows, cols, 1, "same");
    }

    /** Keras's {@code conv2d_bn} without a name: Conv2D (no bias), BatchNormalization (no scale), ReLU. */
    private static KerasTensor convBn(KerasTensor x, int filters, int rows, int cols, int stride, String padding) {
        x = new Conv2D(filters, rows, cols).strides(stride).padding(padding).useBias(false).apply(x);
        x = new BatchNormalization().scale(false).apply(x);
        return new ActivationLayer("relu").apply(x);
    }

    private static KerasTensor maxPool(KerasTensor x) {
        return new MaxPooling2D(new int[]{3, 3}, new int[]{2, 2}, "valid").apply(x);
    }

    private static KerasTensor avgPool(KerasTensor x) {
        return new AveragePooling2D(new int[]{3, 3}, new int[]{1, 1}, "same").apply(x);
    }

    private static KerasTensor concat(String name, KerasTensor... inputs) {
        return new Concatenate(-1).name(name).apply(inputs);
    }
}
