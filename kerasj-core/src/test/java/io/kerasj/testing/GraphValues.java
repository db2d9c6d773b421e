package io.kerasj.testing;

import io.kerasj.runtime.NativeRuntime;
import io.kerasj.runtime.Tensors;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Runs one float32 computation on a constant in a graph of its own, for tests of ops (regularizers, constraints). */
public final class GraphValues {
    private GraphValues() {
    }

    /**
     * @param values the input, row-major
     * @param shape its shape
     * @param op the computation
     * @return the result, flat
     */
    public static float[] of(float[] values, long[] shape, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> op) {
        NativeRuntime.ensureLoaded();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> out = op.apply(tf, tf.constant(Shape.of(shape), DataBuffers.of(values)));
            try (Result result = session.runner().fetch(out).run()) {
                return Tensors.toFloats((TFloat32) result.get(0));
            }
        }
    }
}
