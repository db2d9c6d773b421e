package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code GlobalAveragePooling2D}: the mean of each channel over the image. */
public final class GlobalAveragePooling2D extends GlobalPooling2D {

    /** Without keepdims: {@code [channels]} out. */
    public GlobalAveragePooling2D() {
        this(false);
    }

    /** @param keepdims Keras's {@code keepdims}: {@code [1, 1, channels]} out */
    public GlobalAveragePooling2D(boolean keepdims) {
        super(keepdims);
    }

    @Override
    protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> input) {
        return tf.math.mean(input, tf.constant(spatialAxes()), org.tensorflow.op.math.Mean.keepDims(keepdims()));
    }
}
