package io.kerasj.layers;

import io.kerasj.runtime.NativeRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Keras's first symbolic call of a layer ({@code compute_output_spec}): its {@code call} run once in a scratch graph
 * on inputs of unknown batch size, which builds each sublayer at its first call from the static shape it gets, as
 * Keras builds the sublayers a {@code build} left alone, and gives the static output shapes. Weights read as zeros;
 * nothing trains and nothing is kept but the sublayers' builds.
 */
final class SublayerTrace implements CallContext {
    private final Ops tf;
    private final Layer layer;

    private SublayerTrace(Ops tf, Layer layer) {
        this.tf = tf;
        this.layer = layer;
    }

    /**
     * @param layer a layer whose shapes and own weights are set, some of its sublayers not built yet
     * @param inputShapes its per-sample input shapes
     * @return its per-sample output shapes, as the traced call gives them
     * @throws IllegalStateException when a shape the trace needs is not known statically
     */
    static List<long[]> outputShapes(Layer layer, List<long[]> inputShapes) {
        NativeRuntime.ensureLoaded();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            List<Operand<TFloat32>> inputs = new ArrayList<>();
            for (long[] shape : inputShapes) {
                long[] batched = new long[shape.length + 1];
                batched[0] = -1;
                System.arraycopy(shape, 0, batched, 1, shape.length);
                inputs.add(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batched))));
            }
            List<long[]> out = new ArrayList<>();
            for (LayerOutput output : layer.callAll(new SublayerTrace(tf, layer), inputs)) {
                out.add(perSample(layer, output.output()));
            }
            return out;
        }
    }

    private static long[] perSample(Layer layer, Operand<TFloat32> operand) {
        Shape shape = operand.shape();
        if (shape.isUnknown() || shape.numDimensions() < 1) {
            throw new IllegalStateException("layer " + layer.name() + ": the shape of a traced output is not known; build its sublayers in build()");
        }
        long[] dims = Arrays.copyOfRange(shape.asArray(), 1, shape.numDimensions());
        if (Arrays.stream(dims).anyMatch(d -> d < 0)) {
            throw new IllegalStateException("layer " + layer.name() + ": a traced output has the shape " + shape
                    + ", not known statically; build its sublayers in build()");
        }
        return dims;
    }

    @Override
    public Ops tf() {
        return tf;
    }

    @Override
    public boolean training() {
        return false;
    }

    @Override
    public Operand<TFloat32> read(WeightSpec weight) {
        return tf.fill(tf.constant(weight.shape()), tf.constant(0f));
    }

    @Override
    public void update(WeightSpec weight, Operand<TFloat32> value) {
        throw new IllegalStateException("layer " + layer.name() + ": no weight is updated while tracing");
    }

    @Override
    public long seed() {
        return 0;
    }

    /** Builds the sublayer for the static shapes of its inputs at its first call, then traces its call. */
    @Override
    public List<LayerOutput> callAll(Layer sublayer, List<Operand<TFloat32>> inputs) {
        if (!layer.sublayers().contains(sublayer)) {
            throw new IllegalArgumentException("layer " + layer.name() + ": " + sublayer.name()
                    + " is not one of its sublayers (a layer held in one of its fields)");
        }
        if (!sublayer.isBuilt()) {
            List<long[]> shapes = new ArrayList<>();
            for (Operand<TFloat32> input : inputs) {
                shapes.add(perSample(sublayer, input));
            }
            sublayer.build(shapes);
        }
        return sublayer.callAll(new SublayerTrace(tf, sublayer), inputs);
    }
}
