package io.kerasj.saving.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads weights and string attributes from jHDF nodes, checking their sizes and types before reading the data. */
final class Hdf5Values {
    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;
    private static final int FLETCHER32 = 3;
    /** A chunk may be larger than its small dataset (a resizable one), up to this size. */
    private static final long MAX_CHUNK_FLOOR_BYTES = 4L << 20;

    private Hdf5Values() {
    }

    /**
     * @param file the file, for messages
     * @param dataset a float32 or float64 dataset (scalars allowed), or an integer scalar (an optimizer's iteration)
     * @param name the name to record
     * @return its values as float32
     */
    static NamedArray floats(String file, Dataset dataset, String name) {
        return floats(file, dataset, name, Long.MAX_VALUE);
    }

    /**
     * Reads a weight after checking, from the file's headers alone, everything that decides what reading allocates:
     * the declared shape against {@code maxValues} and the free heap, and for a compressed dataset the size each
     * chunk inflates to (jHDF inflates without a bound).
     *
     * @param file the file, for messages
     * @param dataset a float32 or float64 dataset (scalars allowed), or an integer scalar (an optimizer's iteration)
     * @param name the name to record
     * @param maxValues the most values this weight may hold (what the model's config implies)
     * @return its values as float32
     */
    static NamedArray floats(String file, Dataset dataset, String name, long maxValues) {
        long[] shape = shape(file, dataset);
        long count = java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count > maxValues) {
            throw new KerasFileException(file + ": weight " + dataset.getPath() + " declares shape " + shapeText(shape) + " ("
                    + count + " values), more than the model's config allows (" + maxValues + "): refused before reading");
        }
        Class<?> type = dataset.getJavaType();
        boolean real = type == float.class || type == double.class || type == Float.class || type == Double.class;
        boolean integer = type == long.class || type == int.class || type == Long.class || type == Integer.class;
        if (!real && !(integer && count == 1)) {
            throw new KerasFileException(file + ": weight " + dataset.getPath() + " has values of type " + type.getSimpleName()
                    + ", expected float32 or float64");
        }
        checkReadable(file, dataset, count);
        Object data = shape.length == 0 ? dataset.getData() : dataset.getDataFlat();
        float[] values = new float[(int) count];
        if (data instanceof float[] f) {
            System.arraycopy(f, 0, values, 0, values.length);
        } else if (data instanceof double[] d) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) d[i];
            }
        } else if (data instanceof Number n) {
            values[0] = n.floatValue();
        } else if (data instanceof long[] l && l.length == 1) {
            values[0] = l[0];
        } else if (data instanceof int[] i && i.length == 1) {
            values[0] = i[0];
        } else {
            throw new KerasFileException(file + ": weight " + dataset.getPath() + " could not be read as numbers");
        }
        return new NamedArray(name, shape, values);
    }

    /**
     * @param file the file, for messages
     * @param dataset a dataset
     * @return its declared dimensions, checked against {@link Limits#MAX_RANK} and {@link Limits#MAX_TENSOR_ELEMENTS}
     */
    static long[] shape(String file, Dataset dataset) {
        int[] dims = dataset.getDimensions();
        if (dims.length > Limits.MAX_RANK) {
            throw new KerasFileException(file + ": weight " + dataset.getPath() + " has " + dims.length
                    + " dimensions, expected at most " + Limits.MAX_RANK);
        }
        long count = 1;
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new KerasFileException(file + ": weight " + dataset.getPath() + " has a negative dimension");
            }
            shape[i] = dims[i];
            count *= dims[i];
            if (count > Limits.MAX_TENSOR_ELEMENTS) {
                throw new KerasFileException(file + ": weight " + dataset.getPath() + " has more than "
                        + Limits.MAX_TENSOR_ELEMENTS + " values");
            }
        }
        return shape;
    }

    static String shapeText(long[] shape) {
        return "(" + String.join(", ", java.util.Arrays.stream(shape).mapToObj(Long::toString).toList()) + ")";
    }

    /** What jHDF allocates for a read, checked before it reads: its buffer, its array and KerasJ's copy. */
    private static void checkReadable(String file, Dataset dataset, long count) {
        long elementBytes = Math.max(1, dataset.getDataType().getSize());
        long needed = count * (elementBytes + 8);
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (needed > free) {
            throw new KerasFileException(file + ": weight " + dataset.getPath() + " of " + count + " values needs about " + needed
                    + " bytes to read, more than the " + free + " bytes free in the Java heap (-Xmx)");
        }
        if (dataset.getFilters() == null || dataset.getFilters().isEmpty()) {
            return;
        }
        for (PipelineFilterWithData filter : dataset.getFilters()) {
            if (filter.getId() != DEFLATE && filter.getId() != SHUFFLE && filter.getId() != FLETCHER32) {
                throw new KerasFileException(file + ": weight " + dataset.getPath() + " is compressed with " + filter.getName()
                        + ", which KerasJ does not read: expected uncompressed or gzip weights");
            }
        }
        if (!(dataset instanceof ChunkedDataset chunked)) {
            return;
        }
        int[] chunk = chunked.getChunkDimensions();
        long chunkBytes = elementBytes;
        for (int d : chunk) {
            chunkBytes = Math.multiplyExact(chunkBytes, Math.max(d, 0));
        }
        if (chunkBytes > Math.max(count * elementBytes, MAX_CHUNK_FLOOR_BYTES)) {
            throw new KerasFileException(file + ": weight " + dataset.getPath() + " declares chunks of " + chunkBytes
                    + " bytes for " + count + " values: refused");
        }
        boolean deflated = dataset.getFilters().stream().anyMatch(f -> f.getId() == DEFLATE);
        if (deflated && count > 0) {
            checkChunksInflate(file, chunked, dataset.getDimensions(), chunk, chunkBytes);
        }
    }

    /** Inflates every chunk into a counting sink first: jHDF's own inflation grows without a bound. */
    private static void checkChunksInflate(String file, ChunkedDataset dataset, int[] dims, int[] chunk, long chunkBytes) {
        int[] offset = new int[dims.length];
        byte[] sink = new byte[1 << 16];
        while (true) {
            ByteBuffer raw;
            try {
                raw = dataset.getRawChunkBuffer(offset.clone());
            } catch (RuntimeException e) {
                raw = null; // a chunk never written: jHDF gives the fill value, of the chunk's size
            }
            if (raw != null) {
                byte[] compressed = new byte[raw.remaining()];
                raw.get(compressed);
                Inflater inflater = new Inflater();
                try {
                    inflater.setInput(compressed);
                    long total = 0;
                    while (!inflater.finished()) {
                        int n = inflater.inflate(sink);
                        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                            break;
                        }
                        total += n;
                        if (total > chunkBytes) {
                            throw new KerasFileException(file + ": weight " + dataset.getPath() + " has a chunk that inflates beyond its "
                                    + chunkBytes + " bytes: refused as a possible compression bomb");
                        }
                    }
                } catch (DataFormatException e) {
                    throw new KerasFileException(file + ": weight " + dataset.getPath() + " has a damaged compressed chunk: " + e.getMessage(), e);
                } finally {
                    inflater.end();
                }
            }
            int axis = dims.length - 1;
            while (axis >= 0) {
                offset[axis] += Math.max(chunk[axis], 1);
                if (offset[axis] < dims[axis]) {
                    break;
                }
                offset[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                return;
            }
        }
    }

    /**
     * @param group where to start
     * @param path a relative path of names separated by {@code /}
     * @return the node, or null when any step is missing
     */
    static Node child(Group group, String path) {
        Node node = group;
        for (String step : path.split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group g)) {
                return null;
            }
            node = g.getChildren().get(step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /**
     * @param file the file, for messages
     * @param node the node holding the attribute
     * @param name the attribute
     * @return its value as one string, or null when absent
     */
    static String string(String file, Node node, String name) {
        List<String> all = strings(file, node, name);
        if (all == null) {
            return null;
        }
        if (all.size() != 1) {
            throw new KerasFileException(file + ": attribute " + name + " of " + node.getPath() + " holds " + all.size()
                    + " strings, expected one");
        }
        return all.get(0);
    }

    /**
     * @param file the file, for messages
     * @param node the node holding the attribute
     * @param name the attribute
     * @return its strings (a scalar gives one), or null when absent
     */
    static List<String> strings(String file, Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null) {
            return null;
        }
        if (attribute.getSizeInBytes() > Limits.MAX_JSON_BYTES) {
            throw new KerasFileException(file + ": attribute " + name + " of " + node.getPath() + " has "
                    + attribute.getSizeInBytes() + " bytes, expected at most " + Limits.MAX_JSON_BYTES);
        }
        if (attribute.isEmpty()) {
            return List.of();
        }
        Object data = attribute.getData();
        List<String> out = new ArrayList<>();
        collect(file, node, name, data, out);
        return out;
    }

    private static void collect(String file, Node node, String name, Object data, List<String> out) {
        if (data instanceof String s) {
            out.add(s);
        } else if (data instanceof byte[] b) {
            out.add(new String(b, StandardCharsets.UTF_8));
        } else if (data != null && data.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(data); i++) {
                collect(file, node, name, Array.get(data, i), out);
            }
        } else {
            throw new KerasFileException(file + ": attribute " + name + " of " + node.getPath() + " holds "
                    + (data == null ? "nothing" : data.getClass().getSimpleName()) + ", expected strings");
        }
    }
}
