package io.kerasj.applications;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first checks of the Applications whose messages differ from module to module in Keras (ResNet, VGG,
 * InceptionV3, DenseNet, Xception): {@code weights} is "imagenet", null or an existing file; with ImageNet weights
 * and the top, 1000 classes. Each builder passes the messages its Keras module raises.
 */
final class KerasArgumentChecks {
    private KerasArgumentChecks() {
    }

    /**
     * @param builder the builder's arguments
     * @param badWeights Keras's message for a bad {@code weights}; {@code %s} takes the value where Keras prints it
     * @param badClasses Keras's message for {@code classes != 1000} with ImageNet weights and the top; {@code %s} takes
     *     the value where Keras prints it
     */
    static void weightsAndClasses(ApplicationBuilder<?> builder, String badWeights, String badClasses) {
        Object weights = builder.weights();
        boolean file = weights instanceof Path p ? Files.exists(p)
                : weights instanceof String s && !s.equals(ApplicationBuilder.IMAGENET) && Files.exists(Path.of(s));
        if (!(weights == null || builder.imagenet() || file)) {
            throw new IllegalArgumentException(badWeights.replace("%s", String.valueOf(weights)));
        }
        if (builder.imagenet() && builder.includeTop() && builder.classes() != 1000) {
            throw new IllegalArgumentException(badClasses.replace("%s", String.valueOf(builder.classes())));
        }
    }
}
