package io.kerasj.layers;

import io.kerasj.runtime.NativeRuntime;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * An image layer called in training mode in a graph of its own, on a placeholder of unknown batch size, with a given
 * model seed: each {@link #run} is one training step of a session (stateful random ops draw anew each run).
 */
final class AugmentGraph implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> output;
    private final long[] sampleShape;

    /**
     * @param layer an unbuilt layer
     * @param seed the model's seed for the layer
     * @param training whether the layer trains
     * @param sampleShape (height, width, channels)
     */
    AugmentGraph(Layer layer, long seed, boolean training, long... sampleShape) {
        NativeRuntime.ensureLoaded();
        this.sampleShape = sampleShape;
        Ops tf = Ops.create(graph);
        input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, sampleShape[0], sampleShape[1], sampleShape[2])));
        layer.build(sampleShape);
        output = tf.identity(layer.call(new TrainingContext(tf, seed, training), input).output());
        session = new Session(graph);
    }

    /** @return the layer's output for a batch of images, flat */
    float[] run(float[] images) {
        long batch = images.length / (sampleShape[0] * sampleShape[1] * sampleShape[2]);
        try (TFloat32 fed = TFloat32.tensorOf(Shape.of(batch, sampleShape[0], sampleShape[1], sampleShape[2]), DataBuffers.of(images));
                Result result = session.runner().feed(input, fed).fetch(output).run()) {
            TFloat32 t = (TFloat32) result.get(0);
            float[] flat = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(flat);
            return flat;
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private record TrainingContext(Ops tf, long seed, boolean training) implements CallContext {
        @Override
        public Operand<TFloat32> read(WeightSpec weight) {
            throw new IllegalStateException("image layers have no weights");
        }

        @Override
        public void update(WeightSpec weight, Operand<TFloat32> value) {
            throw new IllegalStateException("image layers have no state");
        }

        @Override
        public List<LayerOutput> callAll(Layer sublayer, List<Operand<TFloat32>> inputs) {
            return sublayer.callAll(this, inputs);
        }
    }
}
