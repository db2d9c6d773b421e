package io.kerasj.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Tensors built from flat Java arrays in one bulk copy, and read back the same way: how KerasJ's models and the
 * SavedModels it loads move data across to TensorFlow.
 */
public final class Tensors {

    static {
        NativeRuntime.ensureLoaded();
    }
    private Tensors() {
    }

    /**
     * @param values row-major values (not copied on the Java side; TensorFlow copies them)
     * @param shape the tensor's shape
     * @return a float tensor; close it
     */
    public static TFloat32 floats(float[] values, long... shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    /**
     * @param values row-major values
     * @param offset the first value to take
     * @param length how many values to take
     * @param shape the tensor's shape
     * @return a float tensor of {@code values[offset, offset + length)}; close it
     */
    public static TFloat32 floats(float[] values, int offset, int length, long... shape) {
        // a view of the range, copied once, straight into the tensor (no Java copy of a slice first)
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false).slice(offset, length));
    }

    /**
     * @param values the values, row-major
     * @param shape the tensor's shape
     * @return an int32 tensor over a copy of the values; close it when done
     */
    public static TInt32 ints(int[] values, long... shape) {
        return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    /**
     * @param tensor a float tensor
     * @return its values, row-major
     */
    public static float[] toFloats(TFloat32 tensor) {
        float[] values = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return values;
    }

    /**
     * @param flat the outputs of {@code count} samples, row-major
     * @param count the number of samples
     * @param rows where row {@code i} of {@code flat} goes, at {@code rows[offset + i]}
     * @param offset the index of the first sample in {@code rows}
     */
    public static void splitRows(float[] flat, int count, float[][] rows, int offset) {
        int width = flat.length / count;
        for (int i = 0; i < count; i++) {
            rows[offset + i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
    }

    /**
     * @param batch the batch dimension (-1 for any)
     * @param sampleShape the shape of one sample
     * @return {@code [batch, ...sampleShape]}
     */
    public static long[] withBatch(long batch, long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = batch;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }

    /**
     * Feeds each value to its placeholder and runs the matching assignment, all in one {@code Session.run}.
     *
     * @param session the session
     * @param feeds the placeholders, with static shapes
     * @param assignments the ops that assign each placeholder's value to its variable
     * @param values the new values, in order
     */
    public static void assign(Session session, List<Placeholder<TFloat32>> feeds, List<? extends Op> assignments, List<float[]> values) {
        if (feeds.isEmpty()) {
            return; // a model without weights (Flatten, Dropout): a run with no target is an error in TensorFlow
        }
        List<TFloat32> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (int i = 0; i < feeds.size(); i++) {
                TFloat32 tensor = floats(values.get(i), feeds.get(i).shape().asArray());
                fed.add(tensor);
                runner.feed(feeds.get(i), tensor).addTarget(assignments.get(i));
            }
            runner.run().close();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }
}
