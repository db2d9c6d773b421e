package io.kerasj.applications;

import io.kerasj.initializers.Initializer;
import io.kerasj.initializers.VarianceScaling;
import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Add;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.DepthwiseConv2D;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.GlobalAveragePooling2D;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Multiply;
import io.kerasj.layers.Normalization;
import io.kerasj.layers.Reshape;
import io.kerasj.layers.Rescaling;
import io.kerasj.layers.ZeroPadding2D;
import io.kerasj.models.Model;
import java.util.List;

/**
 * Keras's {@code keras.applications.EfficientNetB0} to {@code B7} (Tan and Le, 2019): one network scaled by width,
 * depth and input size, with Keras 3.15's arguments, defaults, checks, initializers and layer names:
 * {@code EfficientNet.b0().inputShape(64, 64, 3).includeTop(false).weights(null).build()}. It takes pixels in
 * [0, 255]: its first layers rescale and normalise them (the {@code Normalization}'s mean and variance are weights,
 * which Keras's files hold).
 */
public final class EfficientNet extends ApplicationBuilder<EfficientNet> {
    private static final Initializer CONV_KERNEL_INITIALIZER = new VarianceScaling(2.0, "fan_out", "truncated_normal");
    private static final Initializer DENSE_KERNEL_INITIALIZER = new VarianceScaling(1.0 / 3.0, "fan_out", "uniform");
    private static final double[] IMAGENET_STDDEV_RGB = {0.229, 0.224, 0.225};
    /** Keras's {@code DEFAULT_BLOCKS_ARGS}: kernel, repeats, filters in, filters out, expand ratio, strides (id_skip, se 0.25). */
    private static final int[][] BLOCKS = {
        {3, 1, 32, 16, 1, 1}, {3, 2, 16, 24, 6, 2}, {5, 2, 24, 40, 6, 2}, {3, 3, 40, 80, 6, 2}, {5, 3, 80, 112, 6, 1},
        {5, 4, 112, 192, 6, 2}, {3, 1, 192, 320, 6, 1}};
    private static final double DROP_CONNECT_RATE = 0.2;

    private final String variant;
    private final double widthCoefficient;
    private final double depthCoefficient;
    private final int defaultSize;
    private final double dropoutRate;

    private EfficientNet(String variant, double widthCoefficient, double depthCoefficient, int defaultSize, double dropoutRate) {
        this.variant = variant;
        this.widthCoefficient = widthCoefficient;
        this.depthCoefficient = depthCoefficient;
        this.defaultSize = defaultSize;
        this.dropoutRate = dropoutRate;
    }

    /** @return Keras's {@code EfficientNetB0}: 224x224, 5.3M parameters with the top */
    public static EfficientNet b0() {
        return new EfficientNet("b0", 1.0, 1.0, 224, 0.2);
    }

    /** @return Keras's {@code EfficientNetB1} (240x240) */
    public static EfficientNet b1() {
        return new EfficientNet("b1", 1.0, 1.1, 240, 0.2);
    }

    /** @return Keras's {@code EfficientNetB2} (260x260) */
    public static EfficientNet b2() {
        return new EfficientNet("b2", 1.1, 1.2, 260, 0.3);
    }

    /** @return Keras's {@code EfficientNetB3} (300x300) */
    public static EfficientNet b3() {
        return new EfficientNet("b3", 1.2, 1.4, 300, 0.3);
    }

    /** @return Keras's {@code EfficientNetB4} (380x380) */
    public static EfficientNet b4() {
        return new EfficientNet("b4", 1.4, 1.8, 380, 0.4);
    }

    /** @return Keras's {@code EfficientNetB5} (456x456) */
    public static EfficientNet b5() {
        return new EfficientNet("b5", 1.6, 2.2, 456, 0.4);
    }

    /** @return Keras's {@code EfficientNetB6} (528x528) */
    public static EfficientNet b6() {
        return new EfficientNet("b6", 1.8, 2.6, 528, 0.5);
    }

    /** @return Keras's {@code EfficientNetB7} (600x600) */
    public static EfficientNet b7() {
        return new EfficientNet("b7", 2.0, 3.1, 600, 0.5);
    }

    @Override
    public Model build() {
        checkWeightsAndClasses();
        long[] shape = obtainInputShape(defaultSize, 32, includeTop());
        KerasTensor input = imageInput(shape);
        KerasTensor x = new Rescaling(1.0 / 255.0).apply(input);
        x = new Normalization().apply(x);
        if (imagenet()) {
            float[] scale = new float[3];
            for (int c = 0; c < 3; c++) {
                scale[c] = (float) (1.0 / Math.sqrt(IMAGENET_STDDEV_RGB[c]));
            }
            x = new Rescaling(scale, new float[]{0, 0, 0}).apply(x);
        }
        x = new ZeroPadding2D(MobileNetV2.correctPad(x, 3)).name("stem_conv_pad").apply(x);
        x = new Conv2D(roundFilters(32), 3).strides(2, 2).padding("valid").useBias(false)
                .kernelInitializer(CONV_KERNEL_INITIALIZER).name("stem_conv").apply(x);
        x = new BatchNormalization().name("stem_bn").apply(x);
        x = new ActivationLayer("swish").name("stem_activation").apply(x);
        int total = 0;
        for (int[] args : BLOCKS) {
            total += roundRepeats(args[1]);
        }
        int b = 0;
        for (int i = 0; i < BLOCKS.length; i++) {
            int[] args = BLOCKS[i];
            int filtersIn = roundFilters(args[2]);
            int filtersOut = roundFilters(args[3]);
            int strides = args[5];
            for (int j = 0; j < roundRepeats(args[1]); j++) {
                if (j > 0) {
                    strides = 1;
                    filtersIn = filtersOut;
                }
                x = block(x, DROP_CONNECT_RATE * b / total, "block" + (i + 1) + (char) ('a' + j) + "_", filtersIn, filtersOut,
                        args[0], strides, args[4]);
                b++;
            }
        }
        x = new Conv2D(roundFilters(1280), 1).padding("same").useBias(false).kernelInitializer(CONV_KERNEL_INITIALIZER)
                .name("top_conv").apply(x);
        x = new BatchNormalization().name("top_bn").apply(x);
        x = new ActivationLayer("swish").name("top_activation").apply(x);
        if (includeTop()) {
            x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
            if (dropoutRate > 0) {
                x = new Dropout(dropoutRate, "top_dropout").apply(x);
            }
            validateClassifierActivation();
            x = new Dense(classes(), classifierActivation()).kernelInitializer(DENSE_KERNEL_INITIALIZER).name("predictions").apply(x);
        } else {
            x = pooled(x, "avg_pool", "max_pool");
        }
        String modelName = name() != null ? name() : "efficientnet" + variant;
        return finish(input, x, modelName, () -> ImagenetWeights.efficientNet(variant, modelName, includeTop()));
    }

    /** Keras's {@code block}: an inverted residual block with squeeze-and-excite and drop-connect. */
    private static KerasTensor block(KerasTensor inputs, double dropRate, String name, int filtersIn, int filtersOut, int kernelSize,
                                     int strides, int expandRatio) {
        int filters = filtersIn * expandRatio;
        KerasTensor x = inputs;
        if (expandRatio != 1) {
            x = new Conv2D(filters, 1).padding("same").useBias(false).kernelInitializer(CONV_KERNEL_INITIALIZER)
                    .name(name + "expand_conv").apply(x);
            x = new BatchNormalization().name(name + "expand_bn").apply(x);
            x = new ActivationLayer("swish").name(name + "expand_activation").apply(x);
        }
        String pad = "same";
        if (strides == 2) {
            x = new ZeroPadding2D(MobileNetV2.correctPad(x, kernelSize)).name(name + "dwconv_pad").apply(x);
            pad = "valid";
        }
        x = new DepthwiseConv2D(kernelSize).strides(strides, strides).padding(pad).useBias(false)
                .kernelInitializer(CONV_KERNEL_INITIALIZER).name(name + "dwconv").apply(x);
        x = new BatchNormalization().name(name + "bn").apply(x);
        x = new ActivationLayer("swish").name(name + "activation").apply(x);
        int filtersSe = Math.max(1, (int) (filtersIn * 0.25));
        KerasTensor se = new GlobalAveragePooling2D().name(name + "se_squeeze").apply(x);
        se = new Reshape(1L, 1L, filters).name(name + "se_reshape").apply(se);
        se = new Conv2D(filtersSe, 1).padding("same").activation("swish").kernelInitializer(CONV_KERNEL_INITIALIZER)
                .name(name + "se_reduce").apply(se);
        se = new Conv2D(filters, 1).padding("same").activation("sigmoid").kernelInitializer(CONV_KERNEL_INITIALIZER)
                .name(name + "se_expand").apply(se);
        x = new Multiply().name(name + "se_excite").applyAll(List.of(x, se)).get(0);
        x = new Conv2D(filtersOut, 1).padding("same").useBias(false).kernelInitializer(CONV_KERNEL_INITIALIZER)
                .name(name + "project_conv").apply(x);
        x = new BatchNormalization().name(name + "project_bn").apply(x);
        if (strides == 1 && filtersIn == filtersOut) {
            if (dropRate > 0) {
                x = new Dropout(dropRate, new long[]{Dropout.BATCH, 1, 1, 1}, null, name + "drop").apply(x);
            }
            x = new Add().name(name + "add").applyAll(List.of(x, inputs)).get(0);
        }
        return x;
    }

    /** Keras's {@code round_filters}: filters times the width coefficient, to a multiple of 8. */
    private int roundFilters(int filters) {
        double scaled = filters * widthCoefficient;
        int newFilters = Math.max(8, (int) (scaled + 4.0) / 8 * 8);
        if (newFilters < 0.9 * scaled) {
            newFilters += 8;
        }
        return newFilters;
    }

    /** Keras's {@code round_repeats}: repeats times the depth coefficient, rounded up. */
    private int roundRepeats(int repeats) {
        return (int) Math.ceil(depthCoefficient * repeats);
    }
}
