package io.kerasj.engine;

import io.kerasj.layers.KerasTensor;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a pipeline's batched {@link Element}s as the model takes them (Keras's {@code unpack_x_y_sample_weight} and
 * its structure matching): the x arrays in the model's input order, by position or by the model's input names, and
 * the y arrays in its output order, converted to the form the compiled losses take ({@link TargetFormat}: int32 class
 * indices or float32). Every batch is checked as {@code fit(x, y)} checks arrays; a bad one is refused in one line
 * naming the pipeline and the batch.
 */
final class ElementLayout {
    private final String argument;
    private final Pipeline pipeline;
    private final List<KerasTensor> inputs;
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final List<TargetFormat> targets;

    /**
     * @param argument what the pipeline is to the caller, e.g. {@code x} or {@code validation_data}
     * @param pipeline the pipeline, named in messages
     * @param network the model's inputs and outputs
     * @param targets each output's target form, or null when targets are not read ({@code predict})
     */
    ElementLayout(String argument, Pipeline pipeline, Network network, List<TargetFormat> targets) {
        this.argument = argument;
        this.pipeline = pipeline;
        this.inputs = network.inputs();
        this.inputNames = network.inputNames();
        this.outputNames = network.outputNames();
        this.targets = targets;
    }

    /**
     * @param element one batch of the pipeline
     * @param index the batch's number in the pass (for messages)
     * @return its arrays in the model's order, checked; y empty when targets are not read
     * @throws PipelineException when the batch does not fit the model
     */
    PipelineBatch read(Element element, long index) {
        List<HostArray> x = ordered(element.x(), element.xNames(), inputNames, "x", "input", index);
        int rows = -1;
        List<HostArray> xs = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            String name = name("x", inputNames, i);
            HostArray a = x.get(i);
            rows = rows(a, name, rows, index);
            long[] expected = Tensors.withBatch(a.shape()[0], inputs.get(i).shape());
            if (!Arrays.equals(a.shape(), expected) || a.dtype() == HostArray.DType.STRING) {
                throw refused(index, name + ": expected numbers of shape " + Arrays.toString(inputs.get(i).shape())
                        + " per sample (the model's input), found " + a.describe());
            }
            checkInput(a, name, inputs.get(i).dtype(), index);
            xs.add(a);
        }
        List<HostArray> ys = new ArrayList<>();
        if (targets != null) {
            if (!element.hasTargets()) {
                throw refused(index, "expected (x, y) elements with targets for " + outputNames + ", found x alone");
            }
            List<HostArray> y = ordered(element.y(), element.yNames(), outputNames, "y", "output", index);
            for (int o = 0; o < y.size(); o++) {
                String name = name("y", outputNames, o);
                rows = rows(y.get(o), name, rows, index);
                ys.add(target(y.get(o), targets.get(o), name, index));
            }
        }
        return new PipelineBatch(xs, ys, rows);
    }

    private String name(String side, List<String> names, int i) {
        return names.size() == 1 ? side : side + "['" + names.get(i) + "']";
    }

    private List<HostArray> ordered(List<HostArray> arrays, List<String> names, List<String> modelNames, String side,
                                    String what, long index) {
        if (names == null) {
            if (arrays.size() != modelNames.size()) {
                throw refused(index, side + ": expected " + modelNames.size() + " array(s), one per " + what + " " + modelNames
                        + ", found " + arrays.size());
            }
            return arrays;
        }
        Map<String, HostArray> byName = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (!modelNames.contains(names.get(i))) {
                throw refused(index, side + ": '" + names.get(i) + "' is not an " + what + " of the model; its " + what + "s are "
                        + modelNames);
            }
            byName.put(names.get(i), arrays.get(i));
        }
        List<HostArray> ordered = new ArrayList<>();
        for (String name : modelNames) {
            if (!byName.containsKey(name)) {
                throw refused(index, side + ": no array for " + what + " '" + name + "'; given " + new TreeSet<>(byName.keySet()));
            }
            ordered.add(byName.get(name));
        }
        return ordered;
    }

    private int rows(HostArray a, String name, int rows, long index) {
        if (a.rank() == 0) {
            throw refused(index, name + ": expected a batch (a first axis), found a scalar; batch the pipeline with .batch(n)");
        }
        long n = a.shape()[0];
        if (n == 0 || n > Integer.MAX_VALUE) {
            throw refused(index, name + ": expected a batch of 1 to " + Integer.MAX_VALUE + " rows, found " + a.describe());
        }
        if (rows >= 0 && n != rows) {
            throw refused(index, "expected the same number of rows in every array, found " + rows + " and " + n + " (" + name + ")");
        }
        return (int) n;
    }

    private void checkInput(HostArray a, String name, String dtype, long index) {
        if (a.dtype() == HostArray.DType.FLOAT32) {
            float[] values = a.floats();
            int size = values.length / (int) a.shape()[0];
            boolean integer = !"float32".equals(dtype);
            double min = "uint8".equals(dtype) ? 0 : Integer.MIN_VALUE;
            double max = "uint8".equals(dtype) ? 255 : Integer.MAX_VALUE;
            for (int i = 0; i < values.length; i++) {
                float v = values[i];
                if (!Float.isFinite(v)) {
                    throw refused(index, name + "[" + (i / size) + "]: expected finite values, found " + v + " at position " + (i % size));
                }
                if (integer && (v != Math.rint(v) || v < min || v > max)) {
                    throw refused(index, name + "[" + (i / size) + "]: expected " + dtype + " values for this " + dtype + " input, found " + v);
                }
            }
        } else if ("uint8".equals(dtype) && a.dtype() != HostArray.DType.UINT8) {
            long[] values = longs(a);
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 || values[i] > 255) {
                    throw refused(index, name + ": expected uint8 values for this uint8 input, found " + values[i]);
                }
            }
        } else if ("int32".equals(dtype) && a.dtype() == HostArray.DType.INT64) {
            for (long v : a.longs()) {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw refused(index, name + ": expected int32 values for this int32 input, found " + v);
                }
            }
        }
    }

    private static long[] longs(HostArray a) {
        return switch (a.dtype()) {
            case INT64 -> a.longs();
            case INT32 -> Arrays.stream(a.ints()).asLongStream().toArray();
            case UINT8 -> {
                byte[] b = a.uint8();
                long[] l = new long[b.length];
                for (int i = 0; i < b.length; i++) {
                    l[i] = b[i] & 0xFF;
                }
                yield l;
            }
            default -> throw new IllegalStateException("expected integers, found " + a.describe());
        };
    }

    /** @return the targets as the program takes them: int32 {@code [rows]} class indices, or float32 {@code [rows, ...]} */
    private HostArray target(HostArray y, TargetFormat format, String name, long index) {
        int rows = (int) y.shape()[0];
        if (y.dtype() == HostArray.DType.STRING) {
            throw refused(index, name + ": expected numbers, found " + y.describe());
        }
        if (y.size() / rows != format.sampleSize() || (long) rows * format.sampleSize() != y.size()) {
            throw refused(index, name + ": expected " + (format.classIndices() ? "one class index" : "targets of shape "
                    + Arrays.toString(format.outputShape())) + " per sample, found " + y.describe());
        }
        if (format.classIndices()) {
            long classes = format.outputShape()[format.outputShape().length - 1];
            int[] labels = new int[rows];
            if (y.dtype() == HostArray.DType.FLOAT32) {
                float[] f = y.floats();
                for (int i = 0; i < rows; i++) {
                    labels[i] = (int) f[i];
                    if (f[i] != labels[i]) {
                        throw refused(index, name + "[" + i + "]: expected a class index, found " + f[i]);
                    }
                }
            } else {
                long[] l = longs(y);
                for (int i = 0; i < rows; i++) {
                    if (l[i] < 0 || l[i] >= classes) {
                        throw refused(index, name + "[" + i + "]: expected a class in [0, " + classes + "), found " + l[i]);
                    }
                    labels[i] = (int) l[i];
                }
            }
            for (int i = 0; i < rows; i++) {
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw refused(index, name + "[" + i + "]: expected a class in [0, " + classes + "), found " + labels[i]);
                }
            }
            return HostArray.ofInts(labels, rows);
        }
        float[] values = y.toFloats();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw refused(index, name + "[" + (i / format.sampleSize()) + "]: expected finite values, found " + values[i]);
            }
        }
        return HostArray.ofFloats(values, Tensors.withBatch(rows, format.sampleShape()));
    }

    private PipelineException refused(long index, String message) {
        return new PipelineException(argument + ": batch " + index + " of " + pipeline + ": " + message);
    }

    /** @return the error for a pass that gave no batch at all */
    PipelineException empty(String when) {
        return new PipelineException(argument + ": " + pipeline + " gave no batch" + when
                + "; a pipeline for fit, evaluate or predict needs at least one");
    }
}
