package io.kerasj.applications;

import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.models.Model;

/**
 * Keras's {@code keras.applications.VGG16} and {@code VGG19}, with Keras's layer names, arguments and checks:
 * {@code Vgg.vgg16().weights(null).inputShape(32, 32, 3).includeTop(false).build()}. Default input 224x224, at least
 * 32x32; the top ({@code flatten}, {@code fc1}, {@code fc2}, {@code predictions}) fixes the input size.
 */
public final class Vgg extends ApplicationBuilder<Vgg> {
    private final int depth;
    private final int[] convsPerBlock;

    private Vgg(int depth, int... convsPerBlock) {
        this.depth = depth;
        this.convsPerBlock = convsPerBlock;
    }

    /** @return a VGG16 builder, Keras's defaults */
    public static Vgg vgg16() {
        return new Vgg(16, 2, 2, 3, 3, 3);
    }

    /** @return a VGG19 builder, Keras's defaults */
    public static Vgg vgg19() {
        return new Vgg(19, 2, 2, 4, 4, 4);
    }

    @Override
    public Model build() {
        KerasArgumentChecks.weightsAndClasses(this,
                "The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet),"
                        + " or the path to the weights file to be loaded.  Received: weights=%s",
                "If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=%s");
        KerasTensor input = imageInput(obtainInputShape(224, 32, includeTop()));
        int[] filters = {64, 128, 256, 512, 512};
        KerasTensor x = input;
        for (int block = 1; block <= 5; block++) {
            for (int conv = 1; conv <= convsPerBlock[block - 1]; conv++) {
                x = new Conv2D(filters[block - 1], 3).activation("relu").padding("same").name("block" + block + "_conv" + conv).apply(x);
            }
            x = new MaxPooling2D(new int[]{2, 2}, new int[]{2, 2}, "valid").name("block" + block + "_pool").apply(x);
        }
        if (includeTop()) {
            x = new Flatten().name("flatten").apply(x);
            x = new Dense(4096, "relu").name("fc1").apply(x);
            x = new Dense(4096, "relu").name("fc2").apply(x);
            validateClassifierActivation();
            x = new Dense(classes(), classifierActivation()).name("predictions").apply(x);
        } else {
            x = pooled(x, null, null);
        }
        return finish(input, x, name() != null ? name() : "vgg" + depth, () -> ClassicImagenetWeights.vgg(depth, includeTop()));
    }
}
