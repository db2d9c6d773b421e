package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Resizing(height, width, interpolation="bilinear", crop_to_aspect_ratio=False)}: resizes images
 * (channels last) to (height, width), in training and at inference; with {@code crop_to_aspect_ratio}, first crops the
 * largest centred window of the target's aspect ratio.
 */
public final class Resizing extends Layer {
    private final int height;
    private final int width;
    private final String interpolation;
    private final boolean cropToAspectRatio;

    /**
     * @param height the output height
     * @param width the output width
     */
    public Resizing(int height, int width) {
        this(height, width, "bilinear", false);
    }

    /**
     * @param height the output height
     * @param width the output width
     * @param interpolation {@code "bilinear"} or {@code "nearest"}
     * @param cropToAspectRatio crop to the target's aspect ratio before resizing
     */
    public Resizing(int height, int width, String interpolation, boolean cropToAspectRatio) {
        super(null);
        this.height = ImageOps.positive("height", height);
        this.width = ImageOps.positive("width", width);
        if (!"bilinear".equals(interpolation) && !"nearest".equals(interpolation)) {
            throw new IllegalArgumentException("interpolation: expected 'bilinear' or 'nearest', found " + interpolation);
        }
        this.interpolation = interpolation;
        this.cropToAspectRatio = cropToAspectRatio;
    }

    /** @return the output height */
    public int height() {
        return height;
    }

    /** @return the output width */
    public int width() {
        return width;
    }

    /** @return {@code "bilinear"} or {@code "nearest"} */
    public String interpolation() {
        return interpolation;
    }

    /** @return whether images are cropped to the target's aspect ratio first */
    public boolean cropToAspectRatio() {
        return cropToAspectRatio;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        ImageOps.requireImage("Resizing", inputShape);
        return new long[] {height, width, inputShape[2]};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        boolean nearest = "nearest".equals(interpolation);
        return LayerOutput.of(cropToAspectRatio
                ? ImageOps.cropToAspectAndResize(context.tf(), input, inputShape(), height, width, nearest)
                : ImageOps.resize(context.tf(), input, height, width, nearest));
    }
}
