package io.kerasj.saving;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads weights and string attributes from jHDF nodes, checking their sizes and types before reading the data. */
final class Hdf5Values {
    private Hdf5Values() {
    }

    /**
     * @param file the file, for messages
     * @param dataset a float32 or float64 dataset (scalars allowed), or an integer scalar (an optimizer's iteration)
     * @param name the name to record
     * @return its values as float32
     */
    static NamedArray floats(String file, Dataset dataset, String name) {
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
        Class<?> type = dataset.getJavaType();
        boolean real = type == float.class || type == double.class || type == Float.class || type == Double.class;
        boolean integer = type == long.class || type == int.class || type == Long.class || type == Integer.class;
        if (!real && !(integer && count == 1)) {
            throw new KerasFileException(file + ": weight " + dataset.getPath() + " has values of type " + type.getSimpleName()
                    + ", expected float32 or float64");
        }
        Object data = dims.length == 0 ? dataset.getData() : dataset.getDataFlat();
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
