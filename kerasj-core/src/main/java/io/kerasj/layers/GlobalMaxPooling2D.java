package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code GlobalMaxPooling2D}: the maximum of each channel over the image. */
public final class GlobalMaxPooling2D extends GlobalPooling2D {

    /** Without keepdims: {@code [channels]} out. */
    public GlobalMaxPooling2D() {
        this(false);
    }

    /** @param keepdims Keras's {@code keepdims}: {@code [1, 1, channels]} out */
    public GlobalMaxPooling2D(boolean keepdims) {
        super(keepdims);
    }

    @Override
    protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> input) {
        return tf.max(input, tf.constant(spatialAxes()), org.tensorflow.op.core.Max.keepDims(keepdims()));
    }
}
