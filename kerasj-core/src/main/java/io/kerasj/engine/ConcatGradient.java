package io.kerasj.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * The gradients of {@code ConcatV2} and of the older {@code Concat}, so that {@code Graph.addGradients} can
 * differentiate through a concatenation (tensorflow/java #156). Measured with TensorFlow Java 1.1.0: its native
 * runtime (TensorFlow 2.18) has a {@code ConcatV2} gradient, so TensorFlow keeps that one and refuses this
 * registration; it has none for {@code Concat}, which gets this one. Registering both keeps training working on a
 * runtime without the native one.
 *
 * <p>As TensorFlow's Python {@code _ConcatGradHelper}: each value's gradient is the slice of the upstream gradient
 * at that value's offset along the axis ({@code ConcatOffset} on the values' run-time shapes, so unknown batch
 * dimensions work), the axis taken modulo the rank so a negative one works. The axis input is an integer and gets a
 * zero gradient: TensorFlow Java's custom-gradient adapter needs an output for every input.
 */
public final class ConcatGradient {

    private static boolean registered;
    private static final Set<String> javaGradientOps = new TreeSet<>();

    private ConcatGradient() {
    }

    /**
     * Registers the gradients, once per JVM (TensorFlow refuses a second registration of one op type). Does nothing
     * where the runtime already has a gradient for the op.
     */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        if (TensorFlow.registerCustomGradient("ConcatV2", (tf, op, upstream) -> gradients(tf, op, upstream.get(0), false))) {
            javaGradientOps.add("ConcatV2");
        }
        if (TensorFlow.registerCustomGradient("Concat", (tf, op, upstream) -> gradients(tf, op, upstream.get(0), true))) {
            javaGradientOps.add("Concat");
        }
        registered = true;
    }

    /**
     * @return the op types whose gradient {@link #register()} supplied in Java; with TensorFlow Java 1.1.0 (native
     *     TensorFlow 2.18) that is {@code Concat} alone, the native runtime having its own {@code ConcatV2} gradient
     */
    public static synchronized Set<String> javaGradientOps() {
        return Set.copyOf(javaGradientOps);
    }

    /**
     * @param axisFirst true for {@code Concat (axis, values)}, false for {@code ConcatV2 (values, axis)}
     * @return one gradient per input of {@code op}, in its input order
     */
    private static List<Operand<?>> gradients(Ops tf, GraphOperation op, Output<?> upstream, boolean axisFirst) {
        int count = op.numInputs() - 1;
        int firstValue = axisFirst ? 1 : 0;
        Output<?> axis = op.input(axisFirst ? 0 : count);
        // Both ops take at least two values (attribute N >= 2), so ConcatOffset always has something to split.
        Operand<TInt32> intAxis = axis.type() == TInt32.class ? cast(axis) : tf.dtypes.cast(axis, TInt32.class);
        Operand<TInt32> nonNegativeAxis = tf.math.floorMod(intAxis, tf.rank(op.input(firstValue)));
        List<Operand<TInt32>> shapes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            shapes.add(tf.shape(op.input(firstValue + i)));
        }
        List<Output<TInt32>> offsets = tf.concatOffset(nonNegativeAxis, shapes).offset();
        List<Operand<?>> valueGradients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            valueGradients.add(tf.slice(upstreamAs(upstream), offsets.get(i), shapes.get(i)));
        }
        List<Operand<?>> all = new ArrayList<>(count + 1);
        if (axisFirst) {
            all.add(tf.zerosLike(axis));
        }
        all.addAll(valueGradients);
        if (!axisFirst) {
            all.add(tf.zerosLike(axis));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TInt32> cast(Output<?> output) {
        return (Operand<TInt32>) output;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TType> upstreamAs(Output<?> upstream) {
        return (Operand<TType>) upstream;
    }
}
