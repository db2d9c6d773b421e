package io.kerasj.applications;

import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.AveragePooling2D;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.layers.ZeroPadding2D;
import io.kerasj.models.Model;

/**
 * Keras's {@code keras.applications.DenseNet121}, {@code DenseNet169} and {@code DenseNet201}, with Keras's layer
 * names, arguments and checks: {@code DenseNet.denseNet121().weights(null).inputShape(32, 32, 3).build()}. Default
 * input 224x224, at least 32x32.
 */
public final class DenseNet extends ApplicationBuilder<DenseNet> {
    private static final double EPSILON = 1.001e-5;
    private static final int GROWTH_RATE = 32;

    private final int depth;
    private final int[] blocks;

    private DenseNet(int depth, int... blocks) {
        this.depth = depth;
        this.blocks = blocks;
    }

    /** @return a DenseNet121 builder, Keras's defaults */
    public static DenseNet denseNet121() {
        return new DenseNet(121, 6, 12, 24, 16);
    }

    /** @return a DenseNet169 builder */
    public static DenseNet denseNet169() {
        return new DenseNet(169, 6, 12, 32, 32);
    }

    /** @return a DenseNet201 builder */
    public static DenseNet denseNet201() {
        return new DenseNet(201, 6, 12, 48, 32);
    }

    @Override
    public Model build() {
        KerasArgumentChecks.weightsAndClasses(this,
                "The `weights` argument should be either `None` (random initialization), `imagenet` (pre-training on ImageNet),"
                        + " or the path to the weights file to be loaded.",
                "If using `weights` as `\"imagenet\"` with `include_top` as true, `classes` should be 1000");
        KerasTensor input = imageInput(obtainInputShape(224, 32, includeTop()));
        KerasTensor x = new ZeroPadding2D(new int[][]{{3, 3}, {3, 3}}).apply(input);
        x = new Conv2D(64, 7).strides(2).useBias(false).name("conv1_conv").apply(x);
        x = relu("conv1_relu", bn("conv1_bn", x));
        x = new ZeroPadding2D(new int[][]{{1, 1}, {1, 1}}).apply(x);
        x = new MaxPooling2D(new int[]{3}, new int[]{2}, "valid").name("pool1").apply(x);
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 1; i <= blocks[stage]; i++) {
                x = convBlock(x, "conv" + (stage + 2) + "_block" + i);
            }
            if (stage < 3) {
                x = transitionBlock(x, "pool" + (stage + 2));
            }
        }
        x = relu("relu", bn("bn", x));
        x = includeTop() ? averagedPredictions(x, "avg_pool") : pooled(x, "avg_pool", "max_pool");
        return finish(input, x, name() != null ? name() : "densenet" + depth, () -> ClassicImagenetWeights.denseNet(depth, includeTop()));
    }

    /** Keras's {@code conv_block}: BN, ReLU, 1x1 conv to 4k, BN, ReLU, 3x3 conv to k, concatenated to the input. */
    private static KerasTensor convBlock(KerasTensor x, String name) {
        KerasTensor x1 = relu(name + "_0_relu", bn(name + "_0_bn", x));
        x1 = new Conv2D(4 * GROWTH_RATE, 1).useBias(false).name(name + "_1_conv").apply(x1);
        x1 = relu(name + "_1_relu", bn(name + "_1_bn", x1));
        x1 = new Conv2D(GROWTH_RATE, 3).padding("same").useBias(false).name(name + "_2_conv").apply(x1);
        return new Concatenate(-1).name(name + "_concat").apply(x, x1);
    }

    /** Keras's {@code transition_block} with reduction 0.5: BN, ReLU, 1x1 conv to half the channels, 2x2 average pool. */
    private static KerasTensor transitionBlock(KerasTensor x, String name) {
        x = relu(name + "_relu", bn(name + "_bn", x));
        long[] shape = x.shape();
        int channels = (int) (shape[shape.length - 1] * 0.5);
        x = new Conv2D(channels, 1).useBias(false).name(name + "_conv").apply(x);
        return new AveragePooling2D(new int[]{2}, new int[]{2}, "valid").name(name + "_pool").apply(x);
    }

    private static KerasTensor bn(String name, KerasTensor x) {
        return new BatchNormalization(0.99, EPSILON, name).apply(x);
    }

    private static KerasTensor relu(String name, KerasTensor x) {
        return new ActivationLayer("relu").name(name).apply(x);
    }
}
