package io.kerasj.model;

import io.kerasj.data.FloatSamples;
import io.kerasj.train.SparseCategoricalCrossentropy;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Computes Keras's {@code evaluate} numbers: the mean loss and accuracy over a whole set, run in large slices
 * (the result equals Keras's batch-of-32 means weighted by batch size, up to float rounding).
 */
final class Evaluator {
    /** Samples per native call: large enough to amortise the call, small enough to bound memory. */
    static final int SLICE = 10_000;

    private final ModelGraph graph;
    private final SparseCategoricalCrossentropy loss;

    Evaluator(ModelGraph graph, SparseCategoricalCrossentropy loss) {
        this.graph = graph;
        this.loss = loss;
    }

    /** A data set already copied into tensors, to evaluate again and again (validation after each epoch). */
    final class Prepared implements AutoCloseable {
        private final List<TFloat32> xs = new ArrayList<>();
        private final List<TInt32> ys = new ArrayList<>();
        private final int count;

        private Prepared(FloatSamples x, int[] y) {
            count = y.length;
            long[] shape = graph.inputShape();
            int size = x.sampleSize();
            for (int from = 0; from < count; from += SLICE) {
                int n = Math.min(SLICE, count - from);
                xs.add(Tensors.floats(x.unsafeValues(), from * size, n * size, Tensors.withBatch(n, shape)));
                ys.add(Tensors.ints(java.util.Arrays.copyOfRange(y, from, from + n), n));
            }
        }

        /** @return {mean loss, accuracy} */
        double[] evaluate() {
            double lossSum = 0;
            double correct = 0;
            for (int i = 0; i < xs.size(); i++) {
                double[] sums = graph.evaluate(loss, xs.get(i), ys.get(i));
                lossSum += sums[0];
                correct += sums[1];
            }
            return new double[] {lossSum / count, correct / count};
        }

        @Override
        public void close() {
            xs.forEach(Tensor::close);
            ys.forEach(Tensor::close);
        }
    }

    Prepared prepare(ValidationData data) {
        return new Prepared(data.x(), data.y());
    }

    /** @return {mean loss, accuracy} over the set */
    double[] evaluate(FloatSamples x, int[] y) {
        try (Prepared prepared = new Prepared(x, y)) {
            return prepared.evaluate();
        }
    }
}
