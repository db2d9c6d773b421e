package io.kerasj.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One element of a {@link Pipeline}, as Keras's {@code fit} reads a {@code tf.data} element: {@code (x, y)}, or
 * {@code x} alone for {@code predict}. Each side holds one array per model input (or output), by position, or by name
 * as a dict keyed by the model's input and output names. Before {@code batch} an element is one sample; after it, a
 * batch.
 */
public final class Element {
    private final List<HostArray> x;
    private final List<String> xNames;
    private final List<HostArray> y;
    private final List<String> yNames;

    private Element(List<HostArray> x, List<String> xNames, List<HostArray> y, List<String> yNames) {
        if (x.isEmpty()) {
            throw new IllegalArgumentException("an element needs at least one x array");
        }
        x.forEach(a -> Objects.requireNonNull(a, "x"));
        y.forEach(a -> Objects.requireNonNull(a, "y"));
        this.x = List.copyOf(x);
        this.xNames = xNames == null ? null : List.copyOf(xNames);
        this.y = List.copyOf(y);
        this.yNames = yNames == null ? null : List.copyOf(yNames);
    }

    /** @return {@code (x, y)}: one input, one target */
    public static Element of(HostArray x, HostArray y) {
        return new Element(List.of(x), null, List.of(y), null);
    }

    /** @return {@code x} alone, for {@code predict} */
    public static Element of(HostArray x) {
        return new Element(List.of(x), null, List.of(), null);
    }

    /** @return {@code (x, y)} with one array per input and per output, by position */
    public static Element of(List<HostArray> x, List<HostArray> y) {
        return new Element(x, null, y, null);
    }

    /**
     * @param x each input's array by the model's input name
     * @param y each output's targets by the model's output name; empty for {@code predict}
     * @return the element, its names in the maps' order
     */
    public static Element named(Map<String, HostArray> x, Map<String, HostArray> y) {
        return new Element(new ArrayList<>(x.values()), new ArrayList<>(x.keySet()), new ArrayList<>(y.values()),
                y.isEmpty() ? null : new ArrayList<>(y.keySet()));
    }

    /** @return the x arrays, in order */
    public List<HostArray> x() {
        return x;
    }

    /** @return the only x array */
    public HostArray singleX() {
        if (x.size() != 1) {
            throw new IllegalStateException("expected one x array, found " + x.size());
        }
        return x.get(0);
    }

    /** @return the y arrays, in order; empty without targets */
    public List<HostArray> y() {
        return y;
    }

    /** @return whether the element has targets */
    public boolean hasTargets() {
        return !y.isEmpty();
    }

    /** @return the names of the x arrays, or null when they are given by position */
    public List<String> xNames() {
        return xNames;
    }

    /** @return the names of the y arrays, or null when they are given by position */
    public List<String> yNames() {
        return yNames;
    }

    /** @return the x arrays by name (positional ones named by their index) */
    public Map<String, HostArray> xByName() {
        return byName(x, xNames);
    }

    /** @return the y arrays by name (positional ones named by their index) */
    public Map<String, HostArray> yByName() {
        return byName(y, yNames);
    }

    private static Map<String, HostArray> byName(List<HostArray> arrays, List<String> names) {
        Map<String, HostArray> map = new LinkedHashMap<>();
        for (int i = 0; i < arrays.size(); i++) {
            map.put(names == null ? Integer.toString(i) : names.get(i), arrays.get(i));
        }
        return Collections.unmodifiableMap(map);
    }

    /** @return the element with every array replaced by {@code f} of it, names kept */
    public Element mapArrays(UnaryOperator<HostArray> f) {
        return new Element(x.stream().map(f).toList(), xNames, y.stream().map(f).toList(), yNames);
    }

    /** @return an element of the same structure (names, counts) with these arrays */
    public Element withArrays(List<HostArray> newX, List<HostArray> newY) {
        if (newX.size() != x.size() || newY.size() != y.size()) {
            throw new IllegalArgumentException("expected " + x.size() + " x and " + y.size() + " y arrays, found "
                    + newX.size() + " and " + newY.size());
        }
        return new Element(newX, xNames, newY, yNames);
    }

    /** @return the rows along the first axis (a batch's size) */
    public long rows() {
        long[] shape = x.get(0).shape();
        if (shape.length == 0) {
            throw new IllegalStateException("a scalar element has no batch axis");
        }
        return shape[0];
    }

    /** @return the bytes the element's arrays hold */
    public long byteSize() {
        long total = 0;
        for (HostArray a : x) {
            total += a.byteSize();
        }
        for (HostArray a : y) {
            total += a.byteSize();
        }
        return total;
    }

    /** @return e.g. {@code (float32[32, 8], float32[32, 1])} */
    @Override
    public String toString() {
        return "(" + side(x, xNames) + (y.isEmpty() ? "" : ", " + side(y, yNames)) + ")";
    }

    private static String side(List<HostArray> arrays, List<String> names) {
        if (arrays.size() == 1 && names == null) {
            return arrays.get(0).describe();
        }
        return names == null ? arrays.toString() : byName(arrays, names).toString();
    }
}
