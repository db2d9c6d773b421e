package io.kerasj.engine;

import io.kerasj.runtime.NativeRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat64;

/**
 * The test problem {@code y = sum(w * concat([tanh(x1 * a1), x2 * x2 * a2, sin(x3 + a3)][:inputs], axis))} in float64,
 * with the parameters {@code a_i}, {@code w} as variables and the inputs {@code x_i} as placeholders whose first
 * dimension is unknown to the graph. {@code python-reference/concat_gradients.py} computes the same function.
 * Gradients come in the order {@code a_1..a_n, w, x_1..x_n}.
 */
final class ConcatProblem implements AutoCloseable {

    final int axis;
    /** The run-time shape of each input. */
    final long[][] inputShapes;
    /** The shape of each {@code a_i}: the input's shape without its first dimension. */
    final long[][] parameterShapes;
    final long[] concatShape;

    private final Graph graph = new Graph();
    private final Session session;
    private final List<Placeholder<TFloat64>> inputs = new ArrayList<>();
    private final List<Placeholder<TFloat64>> variableValues = new ArrayList<>();
    private final List<Assign<TFloat64>> assignments = new ArrayList<>();
    private final Operand<TFloat64> y;
    private final Output<?>[] gradients;

    /**
     * @param axis the concatenation axis, may be negative
     * @param inputShapes the run-time shape of each input (2 or 3 of them)
     */
    ConcatProblem(int axis, long[]... inputShapes) {
        this(false, axis, inputShapes);
    }

    /**
     * @param legacy true to build the older {@code Concat} op (axis first) rather than {@code ConcatV2}
     * @param axis the concatenation axis, may be negative
     * @param inputShapes the run-time shape of each input (2 or 3 of them)
     */
    ConcatProblem(boolean legacy, int axis, long[]... inputShapes) {
        NativeRuntime.ensureLoaded();
        ConcatGradient.register();
        this.axis = axis;
        this.inputShapes = inputShapes;
        int rank = inputShapes[0].length;
        int along = Math.floorMod(axis, rank);
        concatShape = inputShapes[0].clone();
        concatShape[along] = Arrays.stream(inputShapes).mapToLong(s -> s[along]).sum();
        parameterShapes = Arrays.stream(inputShapes).map(s -> Arrays.copyOfRange(s, 1, s.length)).toArray(long[][]::new);

        Ops tf = Ops.create(graph);
        List<Operand<TFloat64>> parts = new ArrayList<>();
        List<Operand<?>> differentiated = new ArrayList<>();
        for (int i = 0; i < inputShapes.length; i++) {
            long[] unknownBatch = inputShapes[i].clone();
            unknownBatch[0] = -1;
            Placeholder<TFloat64> x = tf.withName("x" + (i + 1)).placeholder(TFloat64.class, Placeholder.shape(Shape.of(unknownBatch)));
            inputs.add(x);
            Variable<TFloat64> a = variable(tf, "a" + (i + 1), parameterShapes[i]);
            differentiated.add(a);
            parts.add(switch (i) {
                case 0 -> tf.math.tanh(tf.math.mul(x, a));
                case 1 -> tf.math.mul(tf.math.mul(x, x), a);
                default -> tf.math.sin(tf.math.add(x, a));
            });
        }
        Variable<TFloat64> w = variable(tf, "w", concatShape);
        differentiated.add(w);
        differentiated.addAll(inputs);
        Operand<TFloat64> concat = legacy ? legacyConcat(tf, parts, axis) : tf.concat(parts, tf.constant(axis));
        int[] all = new int[rank];
        Arrays.setAll(all, d -> d);
        y = tf.reduceSum(tf.math.mul(w, concat), tf.constant(all));
        gradients = graph.addGradients(y.asOutput(), differentiated.stream().map(Operand::asOutput).toArray(Output[]::new));
        session = new Session(graph);
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat64> legacyConcat(Ops tf, List<Operand<TFloat64>> parts, int axis) {
        Output<?> output = tf.scope().opBuilder("Concat", "legacy_concat")
                .addInput(tf.constant(axis).asOutput())
                .addInputList(parts.stream().map(Operand::asOutput).toArray(Output[]::new))
                .build().output(0);
        return (Operand<TFloat64>) output;
    }

    private Variable<TFloat64> variable(Ops tf, String name, long[] shape) {
        Variable<TFloat64> v = tf.withName(name).variable(Shape.of(shape), TFloat64.class);
        Placeholder<TFloat64> value = tf.withName(name + "_value").placeholder(TFloat64.class, Placeholder.shape(Shape.of(shape)));
        variableValues.add(value);
        assignments.add(tf.assign(v, value));
        return v;
    }

    /** Seeded values in [-1, 1]: one array per parameter {@code a_i}, then {@code w}, then the inputs. */
    double[][] randomValues(long seed) {
        Random random = new Random(seed);
        List<long[]> shapes = shapes();
        double[][] values = new double[shapes.size()][];
        for (int k = 0; k < values.length; k++) {
            values[k] = new double[(int) Shape.of(shapes.get(k)).size()];
            for (int j = 0; j < values[k].length; j++) {
                values[k][j] = random.nextDouble() * 2 - 1;
            }
        }
        return values;
    }

    /** The shapes of the values, in the order of {@link #randomValues}. */
    List<long[]> shapes() {
        List<long[]> shapes = new ArrayList<>(Arrays.asList(parameterShapes));
        shapes.add(concatShape);
        shapes.addAll(Arrays.asList(inputShapes));
        return shapes;
    }

    /** {@code y} at the given values. */
    double value(double[][] values) {
        return evaluate(values, false)[0][0];
    }

    /** The gradients of {@code y} at the given values, as {@code addGradients} builds them. */
    double[][] gradients(double[][] values) {
        return evaluate(values, true);
    }

    private double[][] evaluate(double[][] values, boolean gradientsWanted) {
        List<long[]> shapes = shapes();
        List<TFloat64> fed = new ArrayList<>();
        try {
            Session.Runner assign = session.runner();
            for (int k = 0; k < variableValues.size(); k++) {
                TFloat64 t = TFloat64.tensorOf(Shape.of(shapes.get(k)), DataBuffers.of(values[k], true, false));
                fed.add(t);
                assign.feed(variableValues.get(k), t).addTarget(assignments.get(k));
            }
            assign.run();
            Session.Runner runner = session.runner();
            for (int i = 0; i < inputs.size(); i++) {
                int k = variableValues.size() + i;
                TFloat64 t = TFloat64.tensorOf(Shape.of(shapes.get(k)), DataBuffers.of(values[k], true, false));
                fed.add(t);
                runner.feed(inputs.get(i), t);
            }
            if (gradientsWanted) {
                Arrays.stream(gradients).forEach(runner::fetch);
            } else {
                runner.fetch(y);
            }
            try (Result result = runner.run()) {
                double[][] out = new double[result.size()][];
                for (int k = 0; k < out.length; k++) {
                    TFloat64 t = (TFloat64) result.get(k);
                    out[k] = new double[(int) t.size()];
                    t.asRawTensor().data().asDoubles().read(out[k]);
                }
                return out;
            }
        } finally {
            fed.forEach(TFloat64::close);
        }
    }

    /** Central finite differences of {@code y}, with step {@code h}, in the order of {@link #gradients}. */
    double[][] finiteDifferences(double[][] values, double h) {
        double[][] result = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            result[k] = new double[values[k].length];
            for (int j = 0; j < values[k].length; j++) {
                double saved = values[k][j];
                values[k][j] = saved + h;
                double plus = value(values);
                values[k][j] = saved - h;
                double minus = value(values);
                values[k][j] = saved;
                result[k][j] = (plus - minus) / (2 * h);
            }
        }
        return result;
    }

    /** The largest absolute difference between two sets of arrays of the same shapes. */
    static double maxDifference(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new AssertionError("expected " + a.length + " arrays, found " + b.length);
        }
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            if (a[k].length != b[k].length) {
                throw new AssertionError("array " + k + ": expected " + a[k].length + " values, found " + b[k].length);
            }
            for (int j = 0; j < a[k].length; j++) {
                max = Math.max(max, Math.abs(a[k][j] - b[k][j]));
            }
        }
        return max;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
