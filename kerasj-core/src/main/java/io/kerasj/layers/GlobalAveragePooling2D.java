package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's {@code GlobalAveragePooling2D}: the mean of each channel over the image. */
public final class GlobalAveragePooling2D extends GlobalPooling2D {

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(context.tf().math.mean(input, context.tf().constant(spatialAxes())));
    }
}
