package io.kerasj.applications;

/**
 * Keras's {@code keras.applications.MobileNetV3Small}: {@code MobileNetV3Small.builder().inputShape(96, 96, 3)
 * .includeTop(false).weights(null).pooling("avg").build()}. It takes pixels in [0, 255] (its first layer rescales them
 * unless {@code includePreprocessing(false)}).
 */
public final class MobileNetV3Small extends MobileNetV3<MobileNetV3Small> {
    private static final double[][] BLOCKS = { // expansion, filters, kernel (0: variant's), stride, se, activation (1: variant's)
        {1, 16, 3, 2, 1, 0}, {72.0 / 16, 24, 3, 2, 0, 0}, {88.0 / 24, 24, 3, 1, 0, 0}, {4, 40, 0, 2, 1, 1}, {6, 40, 0, 1, 1, 1},
        {6, 40, 0, 1, 1, 1}, {3, 48, 0, 1, 1, 1}, {3, 48, 0, 1, 1, 1}, {6, 96, 0, 2, 1, 1}, {6, 96, 0, 1, 1, 1}, {6, 96, 0, 1, 1, 1}};

    private MobileNetV3Small() {
    }

    /** @return a builder with Keras's defaults (alpha 1.0, the top, ImageNet weights, dropout 0.2, preprocessing) */
    public static MobileNetV3Small builder() {
        return new MobileNetV3Small();
    }

    @Override
    String modelType() {
        return "small";
    }

    @Override
    int lastPointChannels() {
        return 1024;
    }

    @Override
    String defaultName() {
        return "MobileNetV3Small";
    }

    @Override
    double[][] blocks() {
        return BLOCKS;
    }
}
