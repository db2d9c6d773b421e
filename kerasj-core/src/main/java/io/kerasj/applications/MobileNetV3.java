package io.kerasj.applications;

import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Add;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.DepthwiseConv2D;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.GlobalAveragePooling2D;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Multiply;
import io.kerasj.layers.Naming;
import io.kerasj.layers.ReLU;
import io.kerasj.layers.Rescaling;
import io.kerasj.layers.ZeroPadding2D;
import io.kerasj.models.Model;
import java.util.List;

/**
 * Keras's {@code mobilenet_v3.MobileNetV3} (Howard et al., 2019), shared by {@link MobileNetV3Small} and
 * {@link MobileNetV3Large}, with Keras 3.15's arguments, defaults, checks and layer names.
 *
 * <p>Keras writes the squeeze-and-excite gate's hard sigmoid as {@code ReLU(6.0)(x + 3.0) * (1.0 / 6.0)}: the
 * additions are graph operations, not layers, so {@code model.layers} holds only the ReLU. KerasJ has no operation
 * nodes, so that one layer is an {@code Activation("hard_sigmoid")} ({@code relu6(x + 3) / 6}, the same function)
 * bearing the ReLU's name: names, count and weights are Keras's, the class of those weightless layers differs.
 *
 * @param <B> the concrete builder
 */
public abstract class MobileNetV3<B extends MobileNetV3<B>> extends ApplicationBuilder<B> {
    private double alpha = 1.0;
    private boolean minimalistic;
    private double dropoutRate = 0.2;
    private boolean includePreprocessing = true;

    /** For the two variants. */
    MobileNetV3() {
    }

    /**
     * @param alpha the width multiplier (0.75 or 1.0 with ImageNet weights; 1.0 when minimalistic)
     * @return this builder
     */
    public B alpha(double alpha) {
        this.alpha = alpha;
        return self();
    }

    /**
     * @param minimalistic without squeeze-and-excite, hard-swish or 5x5 kernels; default false
     * @return this builder
     */
    public B minimalistic(boolean minimalistic) {
        this.minimalistic = minimalistic;
        return self();
    }

    /**
     * @param dropoutRate the dropout before the top's logits; default 0.2
     * @return this builder
     */
    public B dropoutRate(double dropoutRate) {
        this.dropoutRate = dropoutRate;
        return self();
    }

    /**
     * @param includePreprocessing whether a {@code Rescaling(1/127.5, -1)} takes pixels in [0, 255]; default true
     * @return this builder
     */
    public B includePreprocessing(boolean includePreprocessing) {
        this.includePreprocessing = includePreprocessing;
        return self();
    }

    /** @return "small" or "large" */
    abstract String modelType();

    /** @return the channels of the top's penultimate convolution (1024 small, 1280 large) */
    abstract int lastPointChannels();

    /** @return the network's Keras name, the default model name */
    abstract String defaultName();

    /**
     * @return each inverted residual block: expansion, filters (before alpha), kernel (0: the variant's), stride,
     *     squeeze-and-excite (1: the variant's ratio), activation (0: ReLU, 1: the variant's)
     */
    abstract double[][] blocks();

    @Override
    public Model build() {
        checkWeightsAndClasses();
        long[] given = inputShape();
        KerasTensor tensor = inputTensor();
        if (given != null && tensor != null && given.length == 3 && tensor.shape().length == 3 && tensor.shape()[1] != given[1]) {
            throw new IllegalArgumentException("input_shape[1] must equal input_tensor.shape[2].  Received input_shape=" + tuple(given)
                    + ", input_tensor.shape=" + tuple(tensor.shape()));
        }
        long[] shape = given != null ? given : tensor != null ? tensor.shape() : new long[]{224, 224, 3};
        if (shape.length != 3) {
            throw new IllegalArgumentException("`input_shape` must be a tuple of three integers.");
        }
        if (shape[0] < 32 || shape[1] < 32) {
            throw new IllegalArgumentException("Input size must be at least 32x32; Received `input_shape=" + tuple(shape) + "`");
        }
        if (imagenet()) {
            if (!minimalistic && alpha != 0.75 && alpha != 1.0 || minimalistic && alpha != 1.0) {
                throw new IllegalArgumentException("If imagenet weights are being loaded, alpha can be one of `0.75`, `1.0` for non"
                        + " minimalistic or `1.0` for minimalistic only.");
            }
            if (shape[0] != shape[1] || shape[0] != 224) {
                System.getLogger("io.kerasj.applications").log(System.Logger.Level.WARNING, "`input_shape` is undefined or non-square,"
                        + " or `rows` is not 224. Weights for input shape (224, 224) will be loaded as the default.");
            }
        }
        KerasTensor input = imageInput(shape);
        int kernel = minimalistic ? 3 : 5;
        boolean se = !minimalistic;
        KerasTensor x = input;
        if (includePreprocessing) {
            x = new Rescaling(1.0 / 127.5, -1.0).apply(x);
        }
        x = new Conv2D(16, 3).strides(2, 2).padding("same").useBias(false).name("conv").apply(x);
        x = batchNorm("conv_bn", x);
        x = activation(x, true);
        for (int id = 0; id < blocks().length; id++) {
            double[] b = blocks()[id];
            x = invertedResBlock(x, b[0], depth(b[1] * alpha), b[2] == 0 ? kernel : (int) b[2], (int) b[3], se && b[4] == 1,
                    b[5] == 1, id);
        }
        int lastConv = depth(x.shape()[2] * 6.0);
        int lastPoint = alpha > 1.0 ? depth(lastPointChannels() * alpha) : lastPointChannels();
        x = new Conv2D(lastConv, 1).padding("same").useBias(false).name("conv_1").apply(x);
        x = batchNorm("conv_1_bn", x);
        x = activation(x, true);
        if (includeTop()) {
            x = new GlobalAveragePooling2D(true).apply(x);
            x = new Conv2D(lastPoint, 1).padding("same").useBias(true).name("conv_2").apply(x);
            x = activation(x, true);
            if (dropoutRate > 0) {
                x = new Dropout(dropoutRate).apply(x);
            }
            x = new Conv2D(classes(), 1).padding("same").name("logits").apply(x);
            x = new Flatten().apply(x);
            validateClassifierActivation();
            x = new ActivationLayer(classifierActivation()).name("predictions").apply(x);
        } else {
            x = pooled(x, "avg_pool", "max_pool");
        }
        String modelName = name() != null ? name() : defaultName();
        return finish(input, x, modelName, () -> ImagenetWeights.mobileNetV3(modelType().equals("large"), minimalistic, alpha, includeTop()));
    }

    /** Keras's {@code relu} (an unnamed ReLU) or the variant's activation (hard-swish, or ReLU when minimalistic). */
    private KerasTensor activation(KerasTensor x, boolean variants) {
        if (!variants || minimalistic) {
            return new ReLU().apply(x);
        }
        return new ActivationLayer("hard_swish").apply(x);
    }

    private KerasTensor invertedResBlock(KerasTensor x, double expansion, int filters, int kernelSize, int stride, boolean se,
                                         boolean variantActivation, int blockId) {
        KerasTensor shortcut = x;
        String prefix = "expanded_conv_";
        long inFilters = x.shape()[2];
        if (blockId != 0) {
            prefix = "expanded_conv_" + blockId + "_";
            x = new Conv2D(depth(inFilters * expansion), 1).padding("same").useBias(false).name(prefix + "expand").apply(x);
            x = batchNorm(prefix + "expand_bn", x);
            x = activation(x, variantActivation);
        }
        if (stride == 2) {
            x = new ZeroPadding2D(MobileNetV2.correctPad(x, kernelSize)).name(prefix + "depthwise_pad").apply(x);
        }
        x = new DepthwiseConv2D(kernelSize).strides(stride, stride).padding(stride == 1 ? "same" : "valid").useBias(false)
                .name(prefix + "depthwise").apply(x);
        x = batchNorm(prefix + "depthwise_bn", x);
        x = activation(x, variantActivation);
        if (se) {
            x = seBlock(x, depth(inFilters * expansion), prefix);
        }
        x = new Conv2D(filters, 1).padding("same").useBias(false).name(prefix + "project").apply(x);
        x = batchNorm(prefix + "project_bn", x);
        if (stride == 1 && inFilters == filters) {
            x = new Add().name(prefix + "add").applyAll(List.of(shortcut, x)).get(0);
        }
        return x;
    }

    private static KerasTensor seBlock(KerasTensor inputs, int filters, String prefix) {
        KerasTensor x = new GlobalAveragePooling2D(true).name(prefix + "squeeze_excite_avg_pool").apply(inputs);
        x = new Conv2D(depth(filters * 0.25), 1).padding("same").name(prefix + "squeeze_excite_conv").apply(x);
        x = new ReLU().name(prefix + "squeeze_excite_relu").apply(x);
        x = new Conv2D(filters, 1).padding("same").name(prefix + "squeeze_excite_conv_1").apply(x);
        x = new ActivationLayer("hard_sigmoid").name(Naming.autoName("ReLU")).apply(x); // see the class comment
        return new Multiply().name(prefix + "squeeze_excite_mul").applyAll(List.of(inputs, x)).get(0);
    }

    private static KerasTensor batchNorm(String name, KerasTensor x) {
        return new BatchNormalization(0.999, 1e-3, name).apply(x);
    }

    /** Keras's {@code _depth}: {@link MobileNetV2#makeDivisible} by 8. */
    static int depth(double v) {
        return MobileNetV2.makeDivisible(v, 8);
    }
}
