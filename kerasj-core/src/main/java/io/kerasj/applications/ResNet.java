package io.kerasj.applications;

import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Add;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.layers.ZeroPadding2D;
import io.kerasj.models.Model;

/**
 * Keras's {@code keras.applications.ResNet50}, {@code ResNet101}, {@code ResNet152} ({@code resnet.py}) and
 * {@code ResNet50V2}, {@code ResNet101V2}, {@code ResNet152V2} ({@code resnet_v2.py}), with Keras's layer names,
 * arguments and checks: {@code ResNet.resNet50().includeTop(false).weights(path).build()}. Default input 224x224,
 * at least 32x32.
 */
public final class ResNet extends ApplicationBuilder<ResNet> {
    private static final double EPSILON = 1.001e-5;

    private final int[] blocks;
    private final boolean preact;
    private final String kerasName;

    private ResNet(String kerasName, boolean preact, int... blocks) {
        this.kerasName = kerasName;
        this.preact = preact;
        this.blocks = blocks;
    }

    /** @return a ResNet50 builder, Keras's defaults */
    public static ResNet resNet50() {
        return new ResNet("resnet50", false, 3, 4, 6, 3);
    }

    /** @return a ResNet101 builder */
    public static ResNet resNet101() {
        return new ResNet("resnet101", false, 3, 4, 23, 3);
    }

    /** @return a ResNet152 builder */
    public static ResNet resNet152() {
        return new ResNet("resnet152", false, 3, 8, 36, 3);
    }

    /** @return a ResNet50V2 builder (pre-activation) */
    public static ResNet resNet50V2() {
        return new ResNet("resnet50v2", true, 3, 4, 6, 3);
    }

    /** @return a ResNet101V2 builder */
    public static ResNet resNet101V2() {
        return new ResNet("resnet101v2", true, 3, 4, 23, 3);
    }

    /** @return a ResNet152V2 builder */
    public static ResNet resNet152V2() {
        return new ResNet("resnet152v2", true, 3, 8, 36, 3);
    }

    @Override
    public Model build() {
        KerasArgumentChecks.weightsAndClasses(this,
                "The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet),"
                        + " or the path to the weights file to be loaded.  Received: weights=%s",
                "If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=%s");
        KerasTensor input = imageInput(obtainInputShape(224, 32, includeTop()));
        KerasTensor x = new ZeroPadding2D(new int[][]{{3, 3}, {3, 3}}).name("conv1_pad").apply(input);
        x = new Conv2D(64, 7).strides(2).useBias(true).name("conv1_conv").apply(x);
        if (!preact) {
            x = bn("conv1_bn", x);
            x = relu("conv1_relu", x);
        }
        x = new ZeroPadding2D(new int[][]{{1, 1}, {1, 1}}).name("pool1_pad").apply(x);
        x = new MaxPooling2D(new int[]{3}, new int[]{2}, "valid").name("pool1_pool").apply(x);
        int[] filters = {64, 128, 256, 512};
        for (int stack = 0; stack < 4; stack++) {
            String name = "conv" + (stack + 2);
            x = preact ? stackV2(x, filters[stack], blocks[stack], stack == 3 ? 1 : 2, name)
                    : stackV1(x, filters[stack], blocks[stack], stack == 0 ? 1 : 2, name);
        }
        if (preact) {
            x = bn("post_bn", x);
            x = relu("post_relu", x);
        }
        x = includeTop() ? averagedPredictions(x, "avg_pool") : pooled(x, "avg_pool", "max_pool");
        return finish(input, x, name() != null ? name() : kerasName, () -> ClassicImagenetWeights.resNet(kerasName, includeTop()));
    }

    private static KerasTensor stackV1(KerasTensor x, int filters, int blocks, int stride1, String name) {
        x = blockV1(x, filters, stride1, true, name + "_block1");
        for (int i = 2; i <= blocks; i++) {
            x = blockV1(x, filters, 1, false, name + "_block" + i);
        }
        return x;
    }

    private static KerasTensor blockV1(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
        KerasTensor shortcut = x;
        if (convShortcut) {
            shortcut = new Conv2D(4 * filters, 1).strides(stride).name(name + "_0_conv").apply(x);
            shortcut = bn(name + "_0_bn", shortcut);
        }
        x = new Conv2D(filters, 1).strides(stride).name(name + "_1_conv").apply(x);
        x = relu(name + "_1_relu", bn(name + "_1_bn", x));
        x = new Conv2D(filters, 3).padding("same").name(name + "_2_conv").apply(x);
        x = relu(name + "_2_relu", bn(name + "_2_bn", x));
        x = new Conv2D(4 * filters, 1).name(name + "_3_conv").apply(x);
        x = bn(name + "_3_bn", x);
        x = new Add().name(name + "_add").apply(shortcut, x);
        return relu(name + "_out", x);
    }

    private static KerasTensor stackV2(KerasTensor x, int filters, int blocks, int stride1, String name) {
        x = blockV2(x, filters, 1, true, name + "_block1");
        for (int i = 2; i < blocks; i++) {
            x = blockV2(x, filters, 1, false, name + "_block" + i);
        }
        return blockV2(x, filters, stride1, false, name + "_block" + blocks);
    }

    private static KerasTensor blockV2(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
        KerasTensor preact = relu(name + "_preact_relu", bn(name + "_preact_bn", x));
        KerasTensor shortcut;
        if (convShortcut) {
            shortcut = new Conv2D(4 * filters, 1).strides(stride).name(name + "_0_conv").apply(preact);
        } else {
            shortcut = stride > 1 ? new MaxPooling2D(new int[]{1}, new int[]{stride}, "valid").apply(x) : x;
        }
        x = new Conv2D(filters, 1).strides(1).useBias(false).name(name + "_1_conv").apply(preact);
        x = relu(name + "_1_relu", bn(name + "_1_bn", x));
        x = new ZeroPadding2D(new int[][]{{1, 1}, {1, 1}}).name(name + "_2_pad").apply(x);
        x = new Conv2D(filters, 3).strides(stride).useBias(false).name(name + "_2_conv").apply(x);
        x = relu(name + "_2_relu", bn(name + "_2_bn", x));
        x = new Conv2D(4 * filters, 1).name(name + "_3_conv").apply(x);
        return new Add().name(name + "_out").apply(shortcut, x);
    }

    private static KerasTensor bn(String name, KerasTensor x) {
        return new BatchNormalization(0.99, EPSILON, name).apply(x);
    }

    private static KerasTensor relu(String name, KerasTensor x) {
        return new ActivationLayer("relu").name(name).apply(x);
    }
}
