package io.kerasj.applications;

import io.kerasj.layers.Add;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.DepthwiseConv2D;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.ReLU;
import io.kerasj.layers.ZeroPadding2D;
import io.kerasj.models.Model;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keras's {@code keras.applications.MobileNetV2} (Sandler et al., 2018), with Keras 3.15's arguments, defaults, checks
 * and layer names, so that Keras's weight files load:
 * {@code MobileNetV2.builder().inputShape(96, 96, 3).alpha(0.35).includeTop(false).weights(null).pooling("avg").build()}.
 * It expects inputs scaled to [-1, 1] ({@link #preprocessInput}).
 */
public final class MobileNetV2 extends ApplicationBuilder<MobileNetV2> {
    private static final Set<Long> IMAGENET_SIZES = Set.of(96L, 128L, 160L, 192L, 224L);
    private static final Set<Double> IMAGENET_ALPHAS = Set.of(0.35, 0.5, 0.75, 1.0, 1.3, 1.4);

    private double alpha = 1.0;

    private MobileNetV2() {
    }

    /** @return a builder with Keras's defaults (alpha 1.0, the top, ImageNet weights) */
    public static MobileNetV2 builder() {
        return new MobileNetV2();
    }

    /**
     * @param alpha the width multiplier: each layer's filters times alpha (0.35, 0.5, 0.75, 1.0, 1.3, 1.4 with ImageNet weights)
     * @return this builder
     */
    public MobileNetV2 alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /**
     * Keras's {@code mobilenet_v2.preprocess_input} ({@code mode="tf"}): pixels in [0, 255] to [-1, 1], in place.
     *
     * @param pixels the pixels
     * @return the same array
     */
    public static float[] preprocessInput(float[] pixels) {
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = pixels[i] / 127.5f - 1f;
        }
        return pixels;
    }

    @Override
    public Model build() {
        checkWeightsAndClasses();
        long[] given = inputShape();
        KerasTensor tensor = inputTensor();
        if (given != null && tensor != null && given.length == 3 && tensor.shape().length == 3 && tensor.shape()[1] != given[1]) {
            throw new IllegalArgumentException("input_tensor.shape[2] must equal input_shape[1]; Received `input_tensor.shape="
                    + tuple(tensor.shape()) + "`, `input_shape=" + tuple(given) + "`");
        }
        long[] sized = given != null ? given : tensor != null ? tensor.shape() : null;
        int defaultSize = sized != null && sized.length == 3 && sized[0] == sized[1] && IMAGENET_SIZES.contains(sized[0]) ? (int) sized[0] : 224;
        long[] shape = obtainInputShape(defaultSize, 32, includeTop());
        if (given == null && tensor != null && tensor.shape().length == 3) {
            shape = tensor.shape(); // KerasJ's shapes are static: the tensor's own
        }
        long rows = shape[0];
        if (imagenet()) {
            if (!IMAGENET_ALPHAS.contains(alpha)) {
                throw new IllegalArgumentException("If imagenet weights are being loaded, alpha must be one of `0.35`, `0.50`, `0.75`,"
                        + " `1.0`, `1.3` or `1.4` only; Received `alpha=" + alpha + "`");
            }
            if (shape[0] != shape[1] || !IMAGENET_SIZES.contains(shape[0])) {
                rows = 224;
                System.getLogger("io.kerasj.applications").log(System.Logger.Level.WARNING, "`input_shape` is undefined or non-square,"
                        + " or `rows` is not in [96, 128, 160, 192, 224]. Weights for input shape (224, 224) will be loaded as the default.");
            }
        }
        KerasTensor input = imageInput(shape);
        KerasTensor x = new Conv2D(makeDivisible(32 * alpha, 8), 3).strides(2, 2).padding("same").useBias(false).name("Conv1").apply(input);
        x = batchNorm("bn_Conv1", x);
        x = new ReLU(6.0, 0, 0).name("Conv1_relu").apply(x);
        int[][] blocks = { // filters, stride, expansion
            {16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6}, {64, 1, 6}, {64, 1, 6},
            {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6}, {320, 1, 6}};
        for (int id = 0; id < blocks.length; id++) {
            x = invertedResBlock(x, blocks[id][2], blocks[id][1], blocks[id][0], id);
        }
        int lastFilters = alpha > 1.0 ? makeDivisible(1280 * alpha, 8) : 1280;
        x = new Conv2D(lastFilters, 1).useBias(false).name("Conv_1").apply(x);
        x = batchNorm("Conv_1_bn", x);
        x = new ReLU(6.0, 0, 0).name("out_relu").apply(x);
        x = includeTop() ? averagedPredictions(x, null) : pooled(x, null, null);
        String modelName = name() != null ? name() : String.format(Locale.ROOT, "mobilenetv2_%.2f_%d", alpha, rows);
        long weightRows = rows;
        return finish(input, x, modelName, () -> ImagenetWeights.mobileNetV2(alpha, weightRows, includeTop()));
    }

    private KerasTensor invertedResBlock(KerasTensor inputs, int expansion, int stride, int filters, int blockId) {
        long inChannels = inputs.shape()[2];
        int pointwiseFilters = makeDivisible((int) (filters * alpha), 8);
        KerasTensor x = inputs;
        String prefix = "block_" + blockId + "_";
        if (blockId != 0) {
            x = new Conv2D((int) (expansion * inChannels), 1).padding("same").useBias(false).name(prefix + "expand").apply(x);
            x = batchNorm(prefix + "expand_BN", x);
            x = new ReLU(6.0, 0, 0).name(prefix + "expand_relu").apply(x);
        } else {
            prefix = "expanded_conv_";
        }
        if (stride == 2) {
            x = new ZeroPadding2D(correctPad(x, 3)).name(prefix + "pad").apply(x);
        }
        x = new DepthwiseConv2D(3).strides(stride, stride).useBias(false).padding(stride == 1 ? "same" : "valid")
                .name(prefix + "depthwise").apply(x);
        x = batchNorm(prefix + "depthwise_BN", x);
        x = new ReLU(6.0, 0, 0).name(prefix + "depthwise_relu").apply(x);
        x = new Conv2D(pointwiseFilters, 1).padding("same").useBias(false).name(prefix + "project").apply(x);
        x = batchNorm(prefix + "project_BN", x);
        if (inChannels == pointwiseFilters && stride == 1) {
            return new Add().name(prefix + "add").applyAll(List.of(inputs, x)).get(0);
        }
        return x;
    }

    private static KerasTensor batchNorm(String name, KerasTensor x) {
        return new BatchNormalization(0.999, 1e-3, name).apply(x);
    }

    /** Keras's {@code _make_divisible}: the nearest multiple of the divisor, at least it, never more than 10% below v. */
    static int makeDivisible(double v, int divisor) {
        int newV = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        if (newV < 0.9 * v) {
            newV += divisor;
        }
        return newV;
    }

    /** Keras's {@code imagenet_utils.correct_pad}: the padding before a stride-2 convolution, ((top, bottom), (left, right)). */
    static int[][] correctPad(KerasTensor input, int kernelSize) {
        long[] shape = input.shape();
        int adjustRows = (int) (1 - shape[0] % 2);
        int adjustCols = (int) (1 - shape[1] % 2);
        int correct = kernelSize / 2;
        return new int[][]{{correct - adjustRows, correct}, {correct - adjustCols, correct}};
    }
}
