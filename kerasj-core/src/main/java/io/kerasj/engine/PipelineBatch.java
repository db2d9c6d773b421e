package io.kerasj.engine;

import io.kerasj.pipeline.HostArray;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of a pipeline in the model's order, or several batches joined into a chunk: each input's array (in the
 * pipeline's dtype) and each output's targets in the program's form ({@link TargetFormat}), with the row count of
 * each batch it holds.
 *
 * @param x each input's rows
 * @param y each output's targets; empty when not read
 * @param batchSizes the rows of each batch, in order
 */
record PipelineBatch(List<HostArray> x, List<HostArray> y, int[] batchSizes) {

    PipelineBatch(List<HostArray> x, List<HostArray> y, int rows) {
        this(x, y, new int[] {rows});
    }

    /** @return the rows of all its batches */
    int rows() {
        int n = 0;
        for (int b : batchSizes) {
            n += b;
        }
        return n;
    }

    /** @return the batches it holds */
    int steps() {
        return batchSizes.length;
    }

    /** @return the batches joined along the first axis, in order */
    static PipelineBatch concat(List<PipelineBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        PipelineBatch first = batches.get(0);
        List<HostArray> x = new ArrayList<>();
        for (int i = 0; i < first.x().size(); i++) {
            int k = i;
            x.add(HostArray.concat(batches.stream().map(b -> b.x().get(k)).toList()));
        }
        List<HostArray> y = new ArrayList<>();
        for (int o = 0; o < first.y().size(); o++) {
            int k = o;
            y.add(HostArray.concat(batches.stream().map(b -> b.y().get(k)).toList()));
        }
        int[] sizes = batches.stream().flatMapToInt(b -> java.util.Arrays.stream(b.batchSizes())).toArray();
        return new PipelineBatch(x, y, sizes);
    }

    /** @return rows {@code [from, to)} as one batch */
    PipelineBatch slice(int from, int to) {
        return new PipelineBatch(x.stream().map(a -> a.slice(from, to)).toList(), y.stream().map(a -> a.slice(from, to)).toList(),
                new int[] {to - from});
    }
}
