package io.kerasj.layers;

import io.kerasj.runtime.NativeRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A merge layer called in a graph of its own on placeholders of unknown batch size, with
 * {@code f = sum(output * weights)} and its gradient for each input from {@code Graph.addGradients}.
 */
final class MergeGraph implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final List<Placeholder<TFloat32>> inputs = new ArrayList<>();
    private final List<long[]> batchShapes;
    private final Operand<TFloat32> output;
    private final Placeholder<TFloat32> weights;
    private final Operand<TFloat32> f;
    private final Output<?>[] gradients;
    final long[] outputShape;
    private final String description;

    /**
     * @param layer an unbuilt merge layer
     * @param batch the batch size fed
     * @param shapes the per-sample input shapes
     */
    MergeGraph(Layer layer, int batch, long[]... shapes) {
        NativeRuntime.ensureLoaded();
        description = layer.className() + " of " + Arrays.stream(shapes).map(Arrays::toString).toList();
        Ops tf = Ops.create(graph);
        batchShapes = new ArrayList<>();
        for (long[] shape : shapes) {
            long[] unknown = new long[shape.length + 1];
            unknown[0] = -1;
            System.arraycopy(shape, 0, unknown, 1, shape.length);
            inputs.add(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(unknown))));
            long[] fed = unknown.clone();
            fed[0] = batch;
            batchShapes.add(fed);
        }
        outputShape = layer.build(Arrays.asList(shapes)).get(0);
        output = layer.call(new GraphCallContext(tf), new ArrayList<Operand<TFloat32>>(inputs)).output();
        long[] outputBatchShape = new long[outputShape.length + 1];
        outputBatchShape[0] = batch;
        System.arraycopy(outputShape, 0, outputBatchShape, 1, outputShape.length);
        weights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(outputBatchShape)));
        Operand<TFloat32> product = tf.math.mul(output, weights);
        f = tf.reduceSum(product, tf.range(tf.constant(0), tf.rank(product), tf.constant(1)));
        gradients = graph.addGradients(f.asOutput(), inputs.stream().map(Operand::asOutput).toArray(Output[]::new));
        session = new Session(graph);
    }

    /** @return the output's shape as the graph knows it, {@code -1} for the batch */
    long[] staticOutputShape() {
        return output.shape().asArray();
    }

    /** @return the layer's output for the given inputs, flat */
    float[] forward(float[]... values) {
        return run(values, null).get(0);
    }

    /** @return {@code f} at the given inputs and weights */
    float f(float[] weightValues, float[]... values) {
        return run(values, weightValues).get(1)[0];
    }

    /** @return the gradient of {@code f} for each input, flat */
    List<float[]> gradients(float[] weightValues, float[]... values) {
        List<float[]> all = run(values, weightValues);
        return all.subList(2, all.size());
    }

    private List<float[]> run(float[][] values, float[] weightValues) {
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (int i = 0; i < inputs.size(); i++) {
                fed.add(TFloat32.tensorOf(Shape.of(batchShapes.get(i)), DataBuffers.of(values[i])));
                runner.feed(inputs.get(i), fed.get(i));
            }
            runner.fetch(output);
            if (weightValues != null) {
                long[] shape = new long[outputShape.length + 1];
                shape[0] = batchShapes.get(0)[0];
                System.arraycopy(outputShape, 0, shape, 1, outputShape.length);
                fed.add(TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(weightValues)));
                runner.feed(weights, fed.get(fed.size() - 1));
                runner.fetch(f);
                for (Output<?> g : gradients) {
                    runner.fetch(g);
                }
            }
            List<float[]> out = new ArrayList<>();
            try (Result result = runner.run()) {
                for (int i = 0; i < result.size(); i++) {
                    TFloat32 t = (TFloat32) result.get(i);
                    float[] flat = new float[(int) t.size()];
                    t.asRawTensor().data().asFloats().read(flat);
                    out.add(flat);
                }
            }
            return out;
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
