package io.kerasj.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** {@code Dataset.from_tensor_slices}: one element per row of in-memory arrays. */
final class TensorSlices extends Pipeline {
    private final List<HostArray> x;
    private final List<String> xNames;
    private final List<HostArray> y;
    private final List<String> yNames;
    private final long rows;

    TensorSlices(List<HostArray> x, List<String> xNames, List<HostArray> y, List<String> yNames) {
        this.x = List.copyOf(x);
        this.xNames = xNames;
        this.y = List.copyOf(y);
        this.yNames = yNames;
        if (x.isEmpty()) {
            throw new IllegalArgumentException("from_tensor_slices: expected at least one x array");
        }
        rows = rowsOf(x.get(0));
        for (HostArray a : this.x) {
            check(a);
        }
        for (HostArray a : this.y) {
            check(a);
        }
    }

    private static long rowsOf(HostArray a) {
        if (a.rank() == 0) {
            throw new IllegalArgumentException("from_tensor_slices: expected arrays with a first axis, found " + a.describe());
        }
        return a.shape()[0];
    }

    private void check(HostArray a) {
        if (rowsOf(a) != rows) {
            throw new IllegalArgumentException("from_tensor_slices: expected " + rows + " rows in every array, found "
                    + a.describe());
        }
    }

    @Override
    public long cardinality() {
        return rows;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        return ElementIterator.of(new java.util.Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < rows;
            }

            @Override
            public Element next() {
                if (next >= rows) {
                    throw new NoSuchElementException();
                }
                long row = next++;
                List<HostArray> ex = new ArrayList<>();
                List<HostArray> ey = new ArrayList<>();
                x.forEach(a -> ex.add(row(a, row)));
                y.forEach(a -> ey.add(row(a, row)));
                Element e = Element.of(ex, ey);
                if (xNames != null || yNames != null) {
                    e = Element.named(names(ex, xNames), names(ey, yNames));
                }
                return e;
            }
        });
    }

    private static java.util.Map<String, HostArray> names(List<HostArray> arrays, List<String> names) {
        java.util.Map<String, HostArray> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < arrays.size(); i++) {
            map.put(names.get(i), arrays.get(i));
        }
        return map;
    }

    private static HostArray row(HostArray a, long row) {
        long[] shape = a.shape();
        long[] sample = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        return a.slice(row, row + 1).reshape(sample);
    }

    @Override
    public String toString() {
        return "from_tensor_slices(" + x + (y.isEmpty() ? "" : ", " + y) + ")";
    }
}
