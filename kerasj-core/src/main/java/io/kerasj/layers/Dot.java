package io.kerasj.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Dot(axes, normalize=False)}: the dot product of two inputs along one axis of each, sample by sample
 * (Keras's {@code batch_dot}). Axes count the batch axis as 0, which cannot be one of them; an int {@code axes} is the
 * same axis of both ({@code -1}: the last of each). The output is the first input's other axes, then the second's
 * ({@code [1]} when none remain). With {@code normalize}, each input is first L2-normalized along its axis (Keras's
 * {@code ops.normalize}: {@code x * min(rsqrt(sum(x^2)), 1 / epsilon)}, epsilon 1e-7), so the output is the cosine
 * similarity. {@code new Dot(1).apply(a, b)}, {@code new Dot(1, 2).normalize(true)}, or {@link Merge#dot}.
 */
public final class Dot extends MergeLayer {
    /** Keras's {@code backend.epsilon()}, the normalization's lower bound on the norm. */
    private static final float EPSILON = 1e-7f;

    private final int[] axes;
    private boolean normalize;

    /** @param axes the axis of both inputs to take the product along, counting the batch axis as 0 */
    public Dot(int axes) {
        super(null);
        this.axes = new int[] {axes};
    }

    /**
     * @param axis1 the axis of the first input, counting the batch axis as 0
     * @param axis2 the axis of the second input
     */
    public Dot(int axis1, int axis2) {
        super(null);
        this.axes = new int[] {axis1, axis2};
    }

    /**
     * Keras's {@code normalize}: L2-normalizes both inputs along their axes first (cosine similarity).
     *
     * @param normalize true to normalize
     * @return this layer
     * @throws IllegalStateException once the layer is built
     */
    public Dot normalize(boolean normalize) {
        requireUnbuilt();
        this.normalize = normalize;
        return this;
    }

    /** @return Keras's {@code axes}: one int for both inputs, or one per input */
    public int[] axes() {
        return axes.clone();
    }

    /** @return Keras's {@code normalize} */
    public boolean normalize() {
        return normalize;
    }

    /** @return 1, so that a call on another count than two gets Keras's own message from {@link #outputShape} */
    @Override
    protected int minimumInputs() {
        return 1;
    }

    @Override
    protected long[] outputShape(List<long[]> inputShapes) {
        if (inputShapes.size() != 2) {
            throw new IllegalArgumentException("A `Dot` layer should be called on a list of 2 inputs. Received: input_shape="
                    + Shapes.batchTuples(inputShapes));
        }
        long[] x = inputShapes.get(0);
        long[] y = inputShapes.get(1);
        if (x.length < 1 || y.length < 1) {
            throw new IllegalArgumentException("Cannot do batch_dot on inputs with rank < 2. Received inputs with shapes "
                    + Shapes.batchTuple(x) + " and " + Shapes.batchTuple(y) + ".");
        }
        int[] along = batchAxes(x.length + 1, y.length + 1);
        if (x[along[0] - 1] != y[along[1] - 1]) {
            int[] shown = axes.length == 1 ? along : axes;
            throw new IllegalArgumentException("Incompatible input shapes: axis values " + x[along[0] - 1] + " (at axis " + shown[0]
                    + ") != " + y[along[1] - 1] + " (at axis " + shown[1] + "). Full input shapes: " + Shapes.batchTuple(x) + ", "
                    + Shapes.batchTuple(y));
        }
        long[] output = concat(without(x, along[0] - 1), without(y, along[1] - 1));
        return output.length == 0 ? new long[] {1} : output;
    }

    /**
     * The axes as positive indices into the batch shapes, as Keras resolves them: a negative int modulo each rank, a
     * negative pair entry from the end.
     */
    private int[] batchAxes(int xRank, int yRank) {
        int[] ranks = {xRank, yRank};
        int[] along = new int[2];
        for (int i = 0; i < 2; i++) {
            int a = axes.length == 1 ? axes[0] : axes[i];
            if (axes.length == 1 && a < 0) {
                a = Math.floorMod(a, ranks[i]);
            } else if (a >= ranks[i] || a < -ranks[i]) {
                throw new IllegalArgumentException("layer " + name() + " (Dot): axis " + a + " is out of range for input " + i
                        + " of rank " + ranks[i] + " (with the batch axis)");
            } else if (a < 0) {
                a += ranks[i];
            }
            along[i] = a;
        }
        if (along[0] == 0 || along[1] == 0) {
            throw new IllegalArgumentException("Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy "
                    + "batch dimension to your inputs using keras.ops.expand_dims(x, 0)");
        }
        return along;
    }

    @Override
    public LayerOutput call(CallContext context, List<Operand<TFloat32>> inputs) {
        Ops tf = context.tf();
        long[] xShape = inputShapes().get(0);
        long[] yShape = inputShapes().get(1);
        int[] along = batchAxes(xShape.length + 1, yShape.length + 1);
        Operand<TFloat32> x = inputs.get(0);
        Operand<TFloat32> y = inputs.get(1);
        if (normalize) {
            x = l2Normalize(tf, x, along[0]);
            y = l2Normalize(tf, y, along[1]);
        }
        long depth = xShape[along[0] - 1];
        // x as [batch, rows, depth] and y as [batch, depth, columns]: one batched matrix product
        Operand<TFloat32> rows = tf.reshape(moved(tf, x, xShape.length + 1, along[0], xShape.length),
                tf.constant(new long[] {-1, Layer.product(without(xShape, along[0] - 1)), depth}));
        Operand<TFloat32> columns = tf.reshape(moved(tf, y, yShape.length + 1, along[1], 1),
                tf.constant(new long[] {-1, depth, Layer.product(without(yShape, along[1] - 1))}));
        Operand<TFloat32> product = tf.train.batchMatMul(rows, columns, TFloat32.class);
        return LayerOutput.of(tf.reshape(product, tf.constant(concat(new long[] {-1}, outputShape()))));
    }

    /** Keras's {@code normalize(x, axis)} for order 2: {@code x * min(rsqrt(sum(x^2, axis)), 1 / epsilon)}. */
    private static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x, int axis) {
        Operand<TFloat32> squareSum = tf.reduceSum(tf.math.square(x), tf.constant(axis), ReduceSum.keepDims(true));
        return tf.math.mul(x, tf.math.minimum(tf.math.rsqrt(squareSum), tf.constant(1 / EPSILON)));
    }

    /** Transposes {@code x} so that its axis {@code from} comes to position {@code to}, the others keeping their order. */
    private static Operand<TFloat32> moved(Ops tf, Operand<TFloat32> x, int rank, int from, int to) {
        if (from == to) {
            return x;
        }
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (d != from) {
                order.add(d);
            }
        }
        order.add(to, from);
        return tf.linalg.transpose(x, tf.constant(order.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** @return the output's values times the length of the product's axis */
    @Override
    public long multiplyAdds() {
        if (!isBuilt()) {
            return 0;
        }
        long[] x = inputShapes().get(0);
        int along = batchAxes(x.length + 1, inputShapes().get(1).length + 1)[0];
        return Layer.product(outputShape()) * x[along - 1];
    }

    private static long[] without(long[] shape, int index) {
        long[] out = new long[shape.length - 1];
        System.arraycopy(shape, 0, out, 0, index);
        System.arraycopy(shape, index + 1, out, index, shape.length - index - 1);
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
