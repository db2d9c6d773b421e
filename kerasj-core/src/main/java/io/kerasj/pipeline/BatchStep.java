package io.kerasj.pipeline;

import java.util.ArrayList;
import java.util.List;

/** {@code Dataset.batch}: consecutive elements stacked along a new first axis. */
final class BatchStep extends Pipeline {
    private final Pipeline input;
    private final int batchSize;
    private final boolean dropRemainder;

    BatchStep(Pipeline input, int batchSize, boolean dropRemainder) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size: expected a positive number, found " + batchSize);
        }
        this.input = input;
        this.batchSize = batchSize;
        this.dropRemainder = dropRemainder;
    }

    @Override
    public long cardinality() {
        long n = input.cardinality();
        if (n < 0) {
            return n;
        }
        return dropRemainder ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** @return the batch size */
    int batchSize() {
        return batchSize;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        ElementIterator in = input.iterator(epoch);
        return new LookaheadIterator() {
            @Override
            protected Element advance() {
                List<Element> group = new ArrayList<>(batchSize);
                while (group.size() < batchSize && in.hasNext()) {
                    group.add(in.next());
                }
                if (group.isEmpty() || (dropRemainder && group.size() < batchSize)) {
                    return null;
                }
                return stack(group);
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    static Element stack(List<Element> group) {
        Element first = group.get(0);
        List<HostArray> x = new ArrayList<>();
        for (int i = 0; i < first.x().size(); i++) {
            int k = i;
            x.add(HostArray.stack(group.stream().map(e -> e.x().get(k)).toList()));
        }
        List<HostArray> y = new ArrayList<>();
        for (int i = 0; i < first.y().size(); i++) {
            int k = i;
            y.add(HostArray.stack(group.stream().map(e -> e.y().get(k)).toList()));
        }
        return first.withArrays(x, y);
    }

    @Override
    public String toString() {
        return input + ".batch(" + batchSize + ")";
    }
}
