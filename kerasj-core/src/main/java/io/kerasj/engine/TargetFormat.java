package io.kerasj.engine;

import io.kerasj.runtime.Tensors;
import io.kerasj.data.Targets;
import io.kerasj.losses.Loss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * How a compiled model takes its targets: class indices ({@code int32 [n]}) for a loss that wants them, else
 * floats shaped like the model's output ({@code float32 [n, ...outputShape]}). Checks and converts the user's
 * {@link Targets} to that form: integer targets of any shape are taken as floats when the output's shape is
 * theirs, and as class indices when they hold one value per sample.
 *
 * @param classIndices true for class-index targets
 * @param outputShape the model's per-sample output shape
 */
public record TargetFormat(boolean classIndices, long[] outputShape) {

    public static TargetFormat of(Loss loss, long[] outputShape) {
        return new TargetFormat(loss.takesClassIndices(), outputShape.clone());
    }

    /**
     * @param config the compiled losses, one per output
     * @param outputShapes the model's per-sample output shapes
     * @return the form of each output's targets
     */
    public static List<TargetFormat> of(CompileConfig config, List<long[]> outputShapes) {
        if (config.outputs().size() != outputShapes.size()) {
            throw new IllegalStateException("compiled for " + config.outputs().size() + " outputs, the model has " + outputShapes.size());
        }
        List<TargetFormat> formats = new ArrayList<>();
        for (int o = 0; o < outputShapes.size(); o++) {
            formats.add(of(config.outputs().get(o).loss(), outputShapes.get(o)));
        }
        return formats;
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
    public Targets check(String argument, Targets y, int samples) {
        if (y == null) {
            throw new IllegalArgumentException(argument + ": expected targets, found null");
        }
        if (y.count() != samples) {
            throw new IllegalArgumentException(argument + ": expected " + samples + (classIndices ? " labels" : " targets")
                    + " (one per sample of x), found " + y.count());
        }
        if (classIndices) {
            if (y.targetSize() != 1) {
                throw new IllegalArgumentException(argument + ": expected one class index per sample, found targets of shape "
                        + Arrays.toString(y.targetShape()) + " per sample");
            }
            return Targets.classes(classIndices(argument, y, outputShape[outputShape.length - 1]));
        }
        if (y.targetSize() != sampleSize()) {
            throw new IllegalArgumentException(argument + ": expected targets of shape " + Arrays.toString(outputShape)
                    + " per sample (the model's output), found " + Arrays.toString(y.targetShape()));
        }
        float[] values = y.floatValues();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(argument + "[" + (i / sampleSize()) + "]: expected finite values, found " + values[i]);
            }
        }
        return Targets.of(values, Arrays.stream(outputShape).mapToInt(Math::toIntExact).toArray());
    }

    /** @return the class index of each sample: integers, or floats that are whole numbers, in [0, classes) */
    private static int[] classIndices(String argument, Targets y, long classes) {
        float[] floats = y.isInteger() ? null : y.floatValues();
        int[] labels = y.isInteger() ? y.intValues() : new int[floats.length];
        for (int i = 0; i < labels.length; i++) {
            if (floats != null) {
                labels[i] = (int) floats[i];
                if (floats[i] != labels[i]) {
                    throw new IllegalArgumentException(argument + "[" + i + "]: expected a class index, found " + floats[i]);
                }
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(argument + "[" + i + "]: expected a class in [0, " + classes + "), found " + labels[i]);
            }
        }
        return labels;
    }

    /**
     * @param y targets already in this format
     * @param from the first sample
     * @param n how many samples
     * @return a tensor of those samples' targets; close it
     */
    TType tensor(Targets y, int from, int n) {
        Targets part = from == 0 && n == y.count() ? y : y.slice(from, from + n);
        if (classIndices) {
            return Tensors.ints(part.intValues(), n);
        }
        return Tensors.floats(part.floatValues(), 0, n * sampleSize(), Tensors.withBatch(n, outputShape));
    }
}
