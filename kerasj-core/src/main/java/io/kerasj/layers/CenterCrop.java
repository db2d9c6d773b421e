package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code CenterCrop(height, width)}: the centred (height, width) window of each image (channels last), in
 * training and at inference; an image smaller than the target is cropped to the target's aspect ratio and resized
 * (bilinear), as Keras's {@code smart_resize}.
 */
public final class CenterCrop extends Layer {
    private final int height;
    private final int width;

    /**
     * @param height the output height
     * @param width the output width
     */
    public CenterCrop(int height, int width) {
        super(null);
        this.height = ImageOps.positive("height", height);
        this.width = ImageOps.positive("width", width);
    }

    /** @return the output height */
    public int height() {
        return height;
    }

    /** @return the output width */
    public int width() {
        return width;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        ImageOps.requireImage("CenterCrop", inputShape);
        return new long[] {height, width, inputShape[2]};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        long[] in = inputShape();
        long dh = in[0] - height;
        long dw = in[1] - width;
        if (dh >= 0 && dw >= 0) {
            return LayerOutput.of(ImageOps.crop(context.tf(), input, dh / 2, dw / 2, height, width));
        }
        return LayerOutput.of(ImageOps.cropToAspectAndResize(context.tf(), input, in, height, width, false));
    }
}
