package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's {@code GlobalMaxPooling2D}: the maximum of each channel over the image. */
public final class GlobalMaxPooling2D extends GlobalPooling2D {

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(context.tf().max(input, context.tf().constant(spatialAxes())));
    }
}
