package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A finite pipeline's elements gathered into whole arrays, for the array form of {@code fit}: one pass, read in
 * batches, then joined along the first axis.
 *
 * @param x the samples, one per model input
 * @param y the targets, one per model output
 */
record PipelineArrays(List<FloatSamples> x, List<Targets> y) {
    private static final int READ_BATCH = 1024;

    /**
     * @param pipeline a finite pipeline of unbatched {@code (x, y)} elements
     * @param source what it reads, for messages
     * @return its arrays
     * @throws KerasJException when it holds no element or its elements disagree in shape or dtype
     */
    static PipelineArrays gather(Pipeline pipeline, String source) {
        List<List<HostArray>> xParts = new ArrayList<>();
        List<List<HostArray>> yParts = new ArrayList<>();
        try (ElementIterator it = pipeline.batch(READ_BATCH).iterator(0)) {
            while (it.hasNext()) {
                Element e = it.next();
                add(xParts, e.x());
                add(yParts, e.y());
            }
        } catch (IllegalArgumentException e) {
            throw new KerasJException(source + ": " + e.getMessage(), e);
        }
        if (xParts.isEmpty()) {
            throw new KerasJException(source + ": holds no samples");
        }
        List<FloatSamples> x = new ArrayList<>();
        for (List<HostArray> parts : xParts) {
            HostArray a = HostArray.concat(parts);
            x.add(FloatSamples.of(a.toFloats(), sampleShape(a)));
        }
        List<Targets> y = new ArrayList<>();
        for (List<HostArray> parts : yParts) {
            HostArray a = HostArray.concat(parts);
            int count = (int) a.shape()[0];
            if (a.dtype() == HostArray.DType.INT32) {
                int[] v = a.ints();
                y.add(Targets.integers(v, count, Targets.classCountOf(v), sampleShape(a)));
            } else {
                y.add(Targets.floats(a.toFloats(), count, sampleShape(a)));
            }
        }
        return new PipelineArrays(x, y);
    }

    private static void add(List<List<HostArray>> parts, List<HostArray> arrays) {
        for (int i = 0; i < arrays.size(); i++) {
            if (parts.size() <= i) {
                parts.add(new ArrayList<>());
            }
            parts.get(i).add(arrays.get(i));
        }
    }

    private static int[] sampleShape(HostArray a) {
        return Arrays.stream(Arrays.copyOfRange(a.shape(), 1, a.rank())).mapToInt(Math::toIntExact).toArray();
    }
}
