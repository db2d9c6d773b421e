package io.kerasj.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code OrthogonalRegularizer}: {@code factor * 0.5 * sum(|P - diag(P)|) / (n (n - 1) / 2)}, where
 * {@code P} holds the dot products of the L2-normalized rows ({@code mode="rows"}) or columns of a rank-2 weight.
 *
 * @param factor the factor (Keras default 0.01; kept as float32, as Keras's tensor)
 * @param mode {@code rows} or {@code columns}
 */
public record OrthogonalRegularizer(double factor, String mode) implements Regularizer {

    private static final float EPSILON = 1e-7f;

    /** Keras's defaults: {@code factor=0.01, mode="rows"}. */
    public OrthogonalRegularizer() {
        this(0.01, "rows");
    }

    /**
     * Checks the arguments; the factor is rounded to float32, as Keras keeps it.
     *
     * @param factor the factor, finite and at least 0
     * @param mode {@code rows} or {@code columns}
     */
    public OrthogonalRegularizer {
        Regularizer.nonNegative("factor", factor);
        factor = (float) factor;
        if (!"rows".equals(mode) && !"columns".equals(mode)) {
            throw new IllegalArgumentException("Invalid value for argument `mode`. Expected one of {\"rows\", \"columns\"}. Received: mode="
                    + mode);
        }
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x) {
        Shape shape = x.shape();
        if (shape.numDimensions() != 2 || shape.hasUnknownDimension()) {
            throw new IllegalArgumentException("Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=" + shape);
        }
        boolean rows = mode.equals("rows");
        int axis = rows ? 1 : 0;
        Operand<TFloat32> squareSum = tf.reduceSum(tf.math.square(x), tf.constant(axis), org.tensorflow.op.core.ReduceSum.keepDims(true));
        Operand<TFloat32> inverseNorm = tf.math.minimum(tf.math.rsqrt(squareSum), tf.constant(1f / EPSILON));
        Operand<TFloat32> normalized = tf.math.mul(x, inverseNorm);
        Operand<TFloat32> product = rows
                ? tf.linalg.matMul(normalized, normalized, org.tensorflow.op.linalg.MatMul.transposeB(true))
                : tf.linalg.matMul(normalized, normalized, org.tensorflow.op.linalg.MatMul.transposeA(true));
        int size = (int) shape.get(rows ? 0 : 1);
        float[] offDiagonal = new float[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                offDiagonal[i * size + j] = i == j ? 0f : 1f;
            }
        }
        Operand<TFloat32> mask = tf.constant(Shape.of(size, size), DataBuffers.of(offDiagonal));
        double pairs = size * (size - 1.0) / 2.0;
        Operand<TFloat32> total = Penalties.sumAll(tf, tf.math.abs(tf.math.mul(product, mask)));
        return tf.math.div(tf.math.mul(tf.math.mul(tf.constant((float) factor), tf.constant(0.5f)), total), tf.constant((float) pairs));
    }

    @Override
    public String className() {
        return "OrthogonalRegularizer";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("factor", factor);
        config.put("mode", mode);
        return config;
    }
}
