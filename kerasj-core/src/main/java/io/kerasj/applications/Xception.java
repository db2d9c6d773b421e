package io.kerasj.applications;

import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Add;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.layers.SeparableConv2D;
import io.kerasj.models.Model;

/**
 * Keras's {@code keras.applications.Xception}, with Keras's layer names (the residual convolutions, their batch
 * normalizations and the additions are named by Keras's counters: {@code conv2d}, {@code batch_normalization},
 * {@code add}, ...), arguments and checks. Default input 299x299, at least 71x71.
 */
public final class Xception extends ApplicationBuilder<Xception> {
    /** The builder, Keras's defaults. */
    public Xception() {
    }

    @Override
    public Model build() {
        KerasArgumentChecks.weightsAndClasses(this,
                "The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet),"
                        + " or the path to the weights file to be loaded.",
                "If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=%s");
        KerasTensor input = imageInput(obtainInputShape(299, 71, includeTop()));
        KerasTensor x = new Conv2D(32, 3).strides(2).useBias(false).name("block1_conv1").apply(input);
        x = relu("block1_conv1_act", bn("block1_conv1_bn", x));
        x = new Conv2D(64, 3).useBias(false).name("block1_conv2").apply(x);
        x = relu("block1_conv2_act", bn("block1_conv2_bn", x));

        KerasTensor residual = residual(x, 128);
        x = sepconv("block2_sepconv1", 128, x);
        x = bn("block2_sepconv1_bn", x);
        x = relu("block2_sepconv2_act", x);
        x = sepconv("block2_sepconv2", 128, x);
        x = bn("block2_sepconv2_bn", x);
        x = pool("block2_pool", x);
        x = new Add().apply(x, residual);

        x = entryBlock(x, 3, 256, 256);
        x = entryBlock(x, 4, 728, 728);
        for (int i = 0; i < 8; i++) {
            residual = x;
            String prefix = "block" + (i + 5);
            for (int s = 1; s <= 3; s++) {
                x = relu(prefix + "_sepconv" + s + "_act", x);
                x = sepconv(prefix + "_sepconv" + s, 728, x);
                x = bn(prefix + "_sepconv" + s + "_bn", x);
            }
            x = new Add().apply(x, residual);
        }
        x = entryBlock(x, 13, 728, 1024);

        x = sepconv("block14_sepconv1", 1536, x);
        x = relu("block14_sepconv1_act", bn("block14_sepconv1_bn", x));
        x = sepconv("block14_sepconv2", 2048, x);
        x = relu("block14_sepconv2_act", bn("block14_sepconv2_bn", x));
        x = includeTop() ? averagedPredictions(x, "avg_pool") : pooled(x, null, null);
        return finish(input, x, name() != null ? name() : "xception", () -> ClassicImagenetWeights.xception(includeTop()));
    }

    /** Blocks 3, 4 and 13: a strided 1x1 residual, two separable convolutions, a strided pool, the sum. */
    private static KerasTensor entryBlock(KerasTensor x, int block, int filters1, int filters2) {
        KerasTensor residual = residual(x, filters2);
        String prefix = "block" + block;
        x = relu(prefix + "_sepconv1_act", x);
        x = bn(prefix + "_sepconv1_bn", sepconv(prefix + "_sepconv1", filters1, x));
        x = relu(prefix + "_sepconv2_act", x);
        x = bn(prefix + "_sepconv2_bn", sepconv(prefix + "_sepconv2", filters2, x));
        x = pool(prefix + "_pool", x);
        return new Add().apply(x, residual);
    }

    private static KerasTensor residual(KerasTensor x, int filters) {
        KerasTensor r = new Conv2D(filters, 1).strides(2).padding("same").useBias(false).apply(x);
        return new BatchNormalization().apply(r);
    }

    private static KerasTensor sepconv(String name, int filters, KerasTensor x) {
        return new SeparableConv2D(filters, 3).padding("same").useBias(false).name(name).apply(x);
    }

    private static KerasTensor pool(String name, KerasTensor x) {
        return new MaxPooling2D(new int[]{3, 3}, new int[]{2, 2}, "same").name(name).apply(x);
    }

    private static KerasTensor bn(String name, KerasTensor x) {
        return new BatchNormalization(0.99, 1e-3, name).apply(x);
    }

    private static KerasTensor relu(String name, KerasTensor x) {
        return new ActivationLayer("relu").name(name).apply(x);
    }
}
