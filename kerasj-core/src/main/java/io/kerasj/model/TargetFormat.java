package io.kerasj.model;

import io.kerasj.train.Loss;
import java.util.Arrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * How a compiled model takes its targets: class indices ({@code int32 [n]}) for a loss that wants them, else
 * floats shaped like the model's output ({@code float32 [n, ...outputShape]}). Checks and converts the user's
 * {@link Targets} to that form.
 *
 * @param classIndices true for class-index targets
 * @param outputShape the model's per-sample output shape
 */
record TargetFormat(boolean classIndices, long[] outputShape) {

    static TargetFormat of(Loss loss, long[] outputShape) {
        return new TargetFormat(loss.takesClassIndices(), outputShape.clone());
    }

    /** @return the graph type of the targets */
    Class<? extends TNumber> type() {
        return classIndices ? TInt32.class : TFloat32.class;
    }

    /** @return the per-sample shape of the targets in the graph */
    long[] sampleShape() {
        return classIndices ? new long[0] : outputShape.clone();
    }

    /** @return the number of values per sample in the graph */
    int sampleSize() {
        return Math.toIntExact(Arrays.stream(sampleShape()).reduce(1, (a, b) -> a * b));
    }

    /**
     * Checks targets against the model and converts them to this format.
     *
     * @param argument the argument's name, e.g. {@code y}
     * @param y the targets
     * @param samples how many samples they belong to
     * @return targets of this format: integer class indices, or floats of the output's shape
     * @throws IllegalArgumentException naming the argument, when they do not fit
     */
    Targets check(String argument, Targets y, int samples) {
        if (y == null) {
            throw new IllegalArgumentException(argument + ": expected targets, found null");
        }
        if (y.count() != samples) {
            throw new IllegalArgumentException(argument + ": expected " + samples + (classIndices ? " labels" : " targets")
                    + " (one per sample of x), found " + y.count());
        }
        if (classIndices) {
            long classes = outputShape[outputShape.length - 1];
            if (y.sampleSize() != 1) {
                throw new IllegalArgumentException(argument + ": expected one class index per sample, found targets of shape "
                        + Arrays.toString(y.sampleShape()) + " per sample");
            }
            float[] floats = y.isInteger() ? null : y.unsafeFloats();
            int[] labels = y.toInts();
            for (int i = 0; i < labels.length; i++) {
                if (floats != null && floats[i] != labels[i]) {
                    throw new IllegalArgumentException(argument + "[" + i + "]: expected a class index, found " + floats[i]);
                }
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException(argument + "[" + i + "]: expected a class in [0, " + classes + "), found " + labels[i]);
                }
            }
            return y.isInteger() && y.sampleShape().length == 0 ? y : Targets.classes(labels);
        }
        if (y.sampleSize() != sampleSize()) {
            throw new IllegalArgumentException(argument + ": expected targets of shape " + Arrays.toString(outputShape)
                    + " per sample (the model's output), found " + Arrays.toString(y.sampleShape()));
        }
        float[] values = y.isInteger() ? y.toFloats() : y.unsafeFloats();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(argument + "[" + (i / sampleSize()) + "]: expected finite values, found " + values[i]);
            }
        }
        return y.isInteger() ? Targets.of(values, Arrays.stream(outputShape).mapToInt(Math::toIntExact).toArray()) : y;
    }

    /**
     * @param y targets already in this format
     * @param from the first sample
     * @param n how many samples
     * @return a tensor of those samples' targets; close it
     */
    TType tensor(Targets y, int from, int n) {
        if (classIndices) {
            int[] labels = y.unsafeInts();
            int[] part = from == 0 && n == labels.length ? labels : Arrays.copyOfRange(labels, from, from + n);
            return Tensors.ints(part, n);
        }
        int size = sampleSize();
        return Tensors.floats(y.unsafeFloats(), from * size, n * size, Tensors.withBatch(n, outputShape));
    }
}
