package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code MaxPooling2D}. Built as TensorFlow's {@code MaxPool} op, as Keras's graphs have it:
 * TensorFlow Java's {@code nn.maxPool} emits {@code MaxPoolV2}, which takes its window as tensors.
 */
public final class MaxPooling2D extends Pooling2D {

    /** Keras's defaults: pool_size 2, strides = pool_size, padding {@code valid}. */
    public MaxPooling2D() {
        this(2);
    }

    /** @param poolSize the window, one or two ints; strides = pool_size, padding {@code valid} */
    public MaxPooling2D(int... poolSize) {
        this(poolSize, null, "valid");
    }

    /**
     * @param poolSize the window, one or two ints
     * @param strides the step, one or two ints, or null for the pool size
     * @param padding {@code valid} or {@code same}
     */
    public MaxPooling2D(int[] poolSize, int[] strides, String padding) {
        super(poolSize, strides, padding);
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> output = tf.scope().opBuilder("MaxPool", "MaxPool")
                .addInput(input.asOutput())
                .setAttr("ksize", window())
                .setAttr("strides", step())
                .setAttr("padding", paddingName())
                .build()
                .output(0);
        return LayerOutput.of(output);
    }
}
