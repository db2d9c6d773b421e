package io.kerasj.applications;

/**
 * Keras's {@code keras.applications.MobileNetV3Large}: the same code as {@link MobileNetV3Small} with Keras's larger
 * stack. It takes pixels in [0, 255] (its first layer rescales them unless {@code includePreprocessing(false)}).
 */
public final class MobileNetV3Large extends MobileNetV3<MobileNetV3Large> {
    private static final double[][] BLOCKS = { // expansion, filters, kernel (0: variant's), stride, se, activation (1: variant's)
        {1, 16, 3, 1, 0, 0}, {4, 24, 3, 2, 0, 0}, {3, 24, 3, 1, 0, 0}, {3, 40, 0, 2, 1, 0}, {3, 40, 0, 1, 1, 0}, {3, 40, 0, 1, 1, 0},
        {6, 80, 3, 2, 0, 1}, {2.5, 80, 3, 1, 0, 1}, {2.3, 80, 3, 1, 0, 1}, {2.3, 80, 3, 1, 0, 1}, {6, 112, 3, 1, 1, 1},
        {6, 112, 3, 1, 1, 1}, {6, 160, 0, 2, 1, 1}, {6, 160, 0, 1, 1, 1}, {6, 160, 0, 1, 1, 1}};

    private MobileNetV3Large() {
    }

    /** @return a builder with Keras's defaults (alpha 1.0, the top, ImageNet weights, dropout 0.2, preprocessing) */
    public static MobileNetV3Large builder() {
        return new MobileNetV3Large();
    }

    @Override
    String modelType() {
        return "large";
    }

    @Override
    int lastPointChannels() {
        return 1280;
    }

    @Override
    String defaultName() {
        return "MobileNetV3Large";
    }

    @Override
    double[][] blocks() {
        return BLOCKS;
    }
}
