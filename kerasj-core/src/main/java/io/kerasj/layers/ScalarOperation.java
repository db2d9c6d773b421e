package io.kerasj.layers;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras 3 operation between a tensor and a Python number, as a functional model records {@code x + 3.0} or
 * {@code x * (1 / 6)} on a symbolic tensor ({@code keras.src.ops.numpy.Add} called with {@code (x, 3.0)}; MobileNetV3's
 * hard sigmoid): the number is kept in the saved node's arguments, not in the config. {@code summary()} shows the
 * operation's class ({@code Add}).
 */
public final class ScalarOperation extends Layer {
    /** The operations, by Keras's class name in {@code keras.src.ops.numpy}. */
    public enum Kind {
        /** {@code x + c}. */
        ADD("Add"),
        /** {@code x - c}. */
        SUBTRACT("Subtract"),
        /** {@code x * c}. */
        MULTIPLY("Multiply"),
        /** {@code x / c} ({@code ops.true_divide}). */
        TRUE_DIVIDE("TrueDivide");

        private final String kerasClassName;

        Kind(String kerasClassName) {
            this.kerasClassName = kerasClassName;
        }

        /** @return the Keras class name */
        public String kerasClassName() {
            return kerasClassName;
        }
    }

    private final Kind kind;
    private final float constant;
    private final boolean constantFirst;

    /**
     * @param kind the operation
     * @param constant the number (as float32, the tensor's dtype, as Keras casts it)
     * @param constantFirst whether the number is the first argument ({@code 3.0 - x})
     * @param name the layer's name, or null
     */
    public ScalarOperation(Kind kind, double constant, boolean constantFirst, String name) {
        super(name);
        if (!Double.isFinite(constant)) {
            throw new IllegalArgumentException("constant: expected a finite number, found " + constant);
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.constant = (float) constant;
        this.constantFirst = constantFirst;
    }

    @Override
    public String className() {
        return kind.kerasClassName();
    }

    /** @return the operation */
    public Kind kind() {
        return kind;
    }

    /** @return the number */
    public float constant() {
        return constant;
    }

    /** @return whether the number is the first argument */
    public boolean constantFirst() {
        return constantFirst;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> c = tf.constant(constant);
        Operand<TFloat32> a = constantFirst ? c : input;
        Operand<TFloat32> b = constantFirst ? input : c;
        return LayerOutput.of(switch (kind) {
            case ADD -> tf.math.add(a, b);
            case SUBTRACT -> tf.math.sub(a, b);
            case MULTIPLY -> tf.math.mul(a, b);
            case TRUE_DIVIDE -> tf.math.div(a, b);
        });
    }
}
