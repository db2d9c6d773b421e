package io.kerasj.layers;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code AveragePooling2D} (TensorFlow's {@code AvgPool}: with {@code same} padding the border windows
 * average only the values inside the image, as Keras's).
 */
public final class AveragePooling2D extends Pooling2D {

    /** Keras's defaults: pool_size 2, strides = pool_size, padding {@code valid}. */
    public AveragePooling2D() {
        this(2);
    }

    /** @param poolSize the window, one or two ints; strides = pool_size, padding {@code valid} */
    public AveragePooling2D(int... poolSize) {
        this(poolSize, null, "valid");
    }

    /**
     * @param poolSize the window, one or two ints
     * @param strides the step, one or two ints, or null for the pool size
     * @param padding {@code valid} or {@code same}
     */
    public AveragePooling2D(int[] poolSize, int[] strides, String padding) {
        super(poolSize, strides, padding);
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(context.tf().nn.avgPool(input, Arrays.stream(window()).boxed().toList(),
                Arrays.stream(step()).boxed().toList(), paddingName()));
    }
}
