package io.kerasj.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A training floor written with raw TensorFlow Java ops only, sharing no code with KerasJ's engine, so that
 * {@code kerasj bench} can see a cost the engine's own step carries (its {@code TrainingFloor} runs the engine's
 * program, so such a cost sits on both sides of fit / floor). The same model as the series' {@code mlp} or
 * {@code cnn}, Glorot-uniform kernels from its own random numbers and zero biases, softmax cross-entropy from the
 * logits (TensorFlow's fused op, whose gradient the native runtime has, with the labels one-hot), accuracy from
 * the softmax, SGD (learning rate 0.01) or Adam (Keras's defaults), batches of 32 in a shuffled order drawn per
 * epoch, the training set uploaded once into resource variables and a whole epoch in one {@code Session.run}
 * (an in-graph while loop), one intra-op and one inter-op thread unless told otherwise.
 */
final class IndependentFloor implements AutoCloseable {
    private static final int CLASSES = 10;
    private static final int BATCH = 32;
    private static final float SGD_RATE = 0.01f;
    private static final float ADAM_RATE = 0.001f;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-7f;

    /** The models this floor can train. */
    enum Architecture {
        /** Flatten → Dense(300, relu) → Dense(100, relu) → Dense(10, softmax), SGD. */
        MLP,
        /** Conv2D(32, 3, same, relu) → MaxPool(2) → Conv2D(64, 3, same, relu) → MaxPool(2) → Dense(128, relu) → Dense(10, softmax), Adam. */
        CNN;

        /** @return the architecture of a series model's name, or null when this floor has none for it */
        static Architecture of(String model) {
            return switch (model) {
                case "mlp" -> MLP;
                case "cnn" -> CNN;
                default -> null;
            };
        }
    }

    private final Architecture architecture;
    private final Graph graph = new Graph();
    private final Session session;
    private final int count;
    private final int steps;
    private final Random random;
    private final Placeholder<TInt32> order;
    private final Placeholder<TFloat32> firstIteration;
    private int epochs;
    private final Output<?>[] loop;
    private final Op writeBack;
    private final List<long[]> shapes = new ArrayList<>();

    /**
     * Builds the graph, draws the first weights and uploads the training set.
     *
     * @param architecture the model
     * @param x the training images, flat {@code [count * 784]}, scaled to [0, 1]
     * @param y their labels
     * @param seed seeds the first weights and each epoch's order
     * @param intraOpThreads threads inside one op
     */
    IndependentFloor(Architecture architecture, float[] x, int[] y, long seed, int intraOpThreads) {
        if (x.length != (long) y.length * 784) {
            throw new IllegalArgumentException("expected 784 values per label, found " + x.length + " values for " + y.length + " labels");
        }
        this.architecture = architecture;
        this.count = y.length;
        this.steps = (count + BATCH - 1) / BATCH;
        this.random = new Random(seed);
        Ops tf = Ops.create(graph);
        session = new Session(graph, ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(1).build());

        if (architecture == Architecture.MLP) {
            shapes.addAll(List.of(new long[] {784, 300}, new long[] {300}, new long[] {300, 100}, new long[] {100},
                    new long[] {100, CLASSES}, new long[] {CLASSES}));
        } else {
            shapes.addAll(List.of(new long[] {3, 3, 1, 32}, new long[] {32}, new long[] {3, 3, 32, 64}, new long[] {64},
                    new long[] {7 * 7 * 64, 128}, new long[] {128}, new long[] {128, CLASSES}, new long[] {CLASSES}));
        }
        int slotsPerWeight = architecture == Architecture.CNN ? 2 : 0;
        List<Operand<?>> weightHandles = new ArrayList<>();
        List<Op> initialisers = new ArrayList<>();
        List<Placeholder<TFloat32>> initialFeeds = new ArrayList<>();
        for (int i = 0; i < shapes.size() * (1 + slotsPerWeight); i++) {
            long[] shape = shapes.get(i % shapes.size());
            Operand<?> handle = tf.withName("w" + i).varHandleOp(TFloat32.class, Shape.of(shape), VarHandleOp.sharedName("independent_w" + i));
            Placeholder<TFloat32> feed = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
            weightHandles.add(handle);
            initialFeeds.add(feed);
            initialisers.add(tf.assignVariableOp(handle, feed));
        }
        Operand<?> dataX = tf.varHandleOp(TFloat32.class, Shape.of(-1, 784), VarHandleOp.sharedName("independent_x"));
        Operand<?> dataY = tf.varHandleOp(TInt32.class, Shape.of(-1), VarHandleOp.sharedName("independent_y"));
        Placeholder<TFloat32> xFeed = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 784)));
        Placeholder<TInt32> yFeed = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        initialisers.add(tf.assignVariableOp(dataX, xFeed));
        initialisers.add(tf.assignVariableOp(dataY, yFeed));

        Session.Runner init = session.runner();
        List<TFloat32> tensors = new ArrayList<>();
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(count, 784), DataBuffers.of(x, true, false));
             TInt32 yt = TInt32.tensorOf(Shape.of(count), DataBuffers.of(y, true, false))) {
            for (int i = 0; i < initialFeeds.size(); i++) {
                long[] shape = shapes.get(i % shapes.size());
                boolean kernel = i < shapes.size() && shape.length > 1;
                TFloat32 t = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(kernel ? glorotUniform(shape) : new float[size(shape)], true, false));
                tensors.add(t);
                init.feed(initialFeeds.get(i), t);
            }
            init.feed(xFeed, xt).feed(yFeed, yt);
            initialisers.forEach(init::addTarget);
            init.run().close();
        } finally {
            tensors.forEach(TFloat32::close);
        }

        order = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(count)));
        firstIteration = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        // Loop variables: step, loss sum, correct sum, order, x, y, the weights, the optimizer's slots, then Adam's step count.
        List<Operand<?>> inputs = new ArrayList<>(List.of(tf.constant(0), tf.constant(0f), tf.constant(0f), order, dataX, dataY));
        for (Operand<?> handle : weightHandles) {
            inputs.add(tf.readVariableOp(handle, TFloat32.class));
        }
        if (slotsPerWeight > 0) {
            inputs.add(firstIteration);
        }
        int total = steps;
        loop = graph.whileLoop(inputs.stream().map(Operand::asOutput).toArray(Output[]::new),
                (g, in, out) -> out[0] = Ops.create(g).math.less(ints(in[0]), Ops.create(g).constant(total)).asOutput(),
                (g, in, out) -> body(g, in, out, slotsPerWeight),
                "independent_loop");
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < weightHandles.size(); i++) {
            assigns.add(tf.assignVariableOp(weightHandles.get(i), loop[6 + i]));
        }
        writeBack = tf.withControlDependencies(assigns).noOp();
    }

    private void body(Graph g, Output<?>[] in, Output<?>[] out, int slotsPerWeight) {
        Ops tf = Ops.create(g);
        Operand<TInt32> step = ints(in[0]);
        Operand<TInt32> begin = tf.math.mul(step, tf.constant(BATCH));
        Operand<TInt32> size = tf.math.minimum(tf.constant(BATCH), tf.math.sub(tf.constant(count), begin));
        Operand<TInt32> indices = tf.slice(ints(in[3]), tf.reshape(begin, tf.constant(new int[] {1})), tf.reshape(size, tf.constant(new int[] {1})));
        Operand<TFloat32> images = tf.resourceGather(in[4], indices, TFloat32.class);
        Operand<TInt32> labels = tf.resourceGather(in[5], indices, TInt32.class);
        int n = shapes.size();
        List<Operand<TFloat32>> weights = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            weights.add(floats(in[6 + i]));
        }
        Operand<TFloat32> logits = architecture == Architecture.MLP ? mlp(tf, images, weights) : cnn(tf, images, weights);
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(CLASSES), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> perSample = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
        Operand<TFloat32> loss = tf.math.mean(perSample, tf.constant(0));
        Operand<TInt32> predicted = tf.math.argMax(tf.nn.softmax(logits), tf.constant(1), TInt32.class);
        Operand<TFloat32> correct = tf.reduceSum(tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class), tf.constant(0));
        Output<?>[] gradients = g.addGradients(loss.asOutput(), weights.stream().map(Operand::asOutput).toArray(Output[]::new));

        out[0] = tf.math.add(step, tf.constant(1)).asOutput();
        out[1] = tf.math.add(floats(in[1]), tf.math.mul(loss, tf.dtypes.cast(size, TFloat32.class))).asOutput();
        out[2] = tf.math.add(floats(in[2]), correct).asOutput();
        out[3] = in[3];
        out[4] = in[4];
        out[5] = in[5];
        if (slotsPerWeight == 0) {
            Operand<TFloat32> rate = tf.constant(SGD_RATE);
            for (int i = 0; i < n; i++) {
                out[6 + i] = tf.math.sub(weights.get(i), tf.math.mul(rate, floats(gradients[i]))).asOutput();
            }
            return;
        }
        // Adam as Keras applies it: a bias-corrected rate, m += (g - m)(1 - b1), v += (g² - v)(1 - b2), w -= rate m / (√v + ε)
        int iteration = 6 + 3 * n;
        Operand<TFloat32> t = tf.math.add(floats(in[iteration]), tf.constant(1f));
        out[iteration] = t.asOutput();
        Operand<TFloat32> rate = tf.math.div(tf.math.mul(tf.constant(ADAM_RATE), tf.math.sqrt(tf.math.sub(tf.constant(1f),
                tf.math.pow(tf.constant(BETA2), t)))), tf.math.sub(tf.constant(1f), tf.math.pow(tf.constant(BETA1), t)));
        for (int i = 0; i < n; i++) {
            Operand<TFloat32> grad = floats(gradients[i]);
            Operand<TFloat32> m = floats(in[6 + n + i]);
            Operand<TFloat32> v = floats(in[6 + 2 * n + i]);
            Operand<TFloat32> m2 = tf.math.add(m, tf.math.mul(tf.math.sub(grad, m), tf.constant(1 - BETA1)));
            Operand<TFloat32> v2 = tf.math.add(v, tf.math.mul(tf.math.sub(tf.math.square(grad), v), tf.constant(1 - BETA2)));
            out[6 + i] = tf.math.sub(weights.get(i), tf.math.div(tf.math.mul(rate, m2), tf.math.add(tf.math.sqrt(v2), tf.constant(EPSILON)))).asOutput();
            out[6 + n + i] = m2.asOutput();
            out[6 + 2 * n + i] = v2.asOutput();
        }
    }

    private static Operand<TFloat32> mlp(Ops tf, Operand<TFloat32> images, List<Operand<TFloat32>> w) {
        Operand<TFloat32> h1 = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(images, w.get(0)), w.get(1)));
        Operand<TFloat32> h2 = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(h1, w.get(2)), w.get(3)));
        return tf.nn.biasAdd(tf.linalg.matMul(h2, w.get(4)), w.get(5));
    }

    private static Operand<TFloat32> cnn(Ops tf, Operand<TFloat32> images, List<Operand<TFloat32>> w) {
        List<Long> ones = List.of(1L, 1L, 1L, 1L);
        Operand<TInt32> window = tf.constant(new int[] {1, 2, 2, 1});
        Operand<TFloat32> x = tf.reshape(images, tf.constant(new int[] {-1, 28, 28, 1}));
        x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, w.get(0), ones, "SAME"), w.get(1)));
        x = tf.nn.maxPool(x, window, window, "VALID");
        x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, w.get(2), ones, "SAME"), w.get(3)));
        x = tf.nn.maxPool(x, window, window, "VALID");
        x = tf.reshape(x, tf.constant(new int[] {-1, 7 * 7 * 64}));
        x = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(x, w.get(4)), w.get(5)));
        return tf.nn.biasAdd(tf.linalg.matMul(x, w.get(6)), w.get(7));
    }

    /** Glorot uniform: U(-L, L), L = √(6 / (fan_in + fan_out)), fans as for a dense or a convolution kernel. */
    private float[] glorotUniform(long[] shape) {
        long receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        double limit = Math.sqrt(6.0 / (receptive * (shape[shape.length - 2] + shape[shape.length - 1])));
        float[] values = new float[size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return values;
    }

    private static int size(long[] shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return Math.toIntExact(size);
    }

    @SuppressWarnings("unchecked")
    private static Operand<TInt32> ints(Output<?> output) {
        return (Operand<TInt32>) output;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> floats(Output<?> output) {
        return (Operand<TFloat32>) output;
    }

    /** @return steps per epoch */
    int steps() {
        return steps;
    }

    /** What one epoch did. */
    record Epoch(double seconds, double loss, double accuracy) {
    }

    /**
     * Trains one epoch in one native call, in an order shuffled from this floor's own random numbers.
     *
     * @return the wall time of the native call (the shuffle excluded) and the epoch's mean loss and accuracy
     */
    Epoch epoch() {
        int[] permutation = new int[count];
        for (int i = 0; i < count; i++) {
            permutation[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        try (TInt32 feed = TInt32.tensorOf(Shape.of(count), DataBuffers.of(permutation, true, false));
             TFloat32 iterations = TFloat32.scalarOf((float) epochs++ * steps)) {
            Session.Runner runner = session.runner().feed(order, feed).fetch(loop[1]).fetch(loop[2]).addTarget(writeBack);
            if (architecture == Architecture.CNN) {
                runner.feed(firstIteration, iterations);
            }
            long start = System.nanoTime();
            try (Result result = runner.run()) {
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Epoch(seconds, ((TFloat32) result.get(0)).getFloat() / count, ((TFloat32) result.get(1)).getFloat() / count);
            }
        }
    }

    /** @return the graph's definition, for comparing its ops with the engine's */
    byte[] graphDef() {
        return graph.toGraphDef().toByteArray();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
