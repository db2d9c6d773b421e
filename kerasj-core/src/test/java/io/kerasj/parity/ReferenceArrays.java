package io.kerasj.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A reference folder as {@code python-reference/artifacts.py} writes it (and {@link JavaTrajectory} too): raw
 * little-endian {@code NAME.f32} / {@code NAME.i32} arrays listed in {@code index.json} with their shapes, plus
 * JSON values.
 */
final class ReferenceArrays {
    static final String INDEX = "index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode index;

    private ReferenceArrays(Path dir, JsonNode index) {
        this.dir = dir;
        this.index = index;
    }

    /** @return the folder's index, read now */
    static ReferenceArrays open(Path dir) {
        try {
            return new ReferenceArrays(dir, JSON.readTree(dir.resolve(INDEX).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(INDEX), e);
        }
    }

    Path dir() {
        return dir;
    }

    boolean has(String name) {
        return index.path("arrays").has(name);
    }

    /** @return the array's shape */
    int[] shape(String name) {
        JsonNode shape = entry(name).path("shape");
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i).asInt();
        }
        return s;
    }

    /** @return the array's element type: {@code float32} or {@code int32} */
    String dtype(String name) {
        return entry(name).path("dtype").asText();
    }

    float[] floats(String name) {
        ByteBuffer bytes = bytes(name, "float32");
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    int[] ints(String name) {
        ByteBuffer bytes = bytes(name, "int32");
        int[] values = new int[bytes.remaining() / 4];
        bytes.asIntBuffer().get(values);
        return values;
    }

    /** @return the arrays {@code PREFIX/0, PREFIX/1, ...} (e.g. a model's weights) */
    List<float[]> floatList(String prefix) {
        List<float[]> list = new ArrayList<>();
        for (int i = 0; i < value(prefix + "_count").asInt(); i++) {
            list.add(floats(prefix + "/" + i));
        }
        return list;
    }

    /** @return a JSON value of the index, or a missing node */
    JsonNode value(String name) {
        return index.path("values").path(name);
    }

    private JsonNode entry(String name) {
        JsonNode entry = index.path("arrays").path(name);
        if (entry.isMissingNode()) {
            throw new IllegalArgumentException(dir.resolve(INDEX) + ": expected an array named " + name + ", found none");
        }
        return entry;
    }

    private ByteBuffer bytes(String name, String dtype) {
        JsonNode entry = entry(name);
        if (!dtype.equals(entry.path("dtype").asText())) {
            throw new IllegalArgumentException(dir + ": " + name + ": expected " + dtype + ", found " + entry.path("dtype").asText());
        }
        try {
            return ByteBuffer.wrap(Files.readAllBytes(dir.resolve(entry.path("file").asText()))).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " in " + dir, e);
        }
    }

    /** Writes arrays and values in the same layout, into {@code dir.tmp} renamed to {@code dir}. */
    static final class Writer {
        private final Path dir;
        private final Path tmp;
        private final Map<String, Object> arrays = new java.util.LinkedHashMap<>();
        private final Map<String, Object> values = new java.util.LinkedHashMap<>();

        Writer(Path dir) throws IOException {
            this.dir = dir;
            this.tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
            deleteTree(tmp);
            Files.createDirectories(tmp);
        }

        Writer floats(String name, float[] data, int... shape) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(data);
            Path file = tmp.resolve(name + ".f32");
            Files.createDirectories(file.getParent());
            Files.write(file, b.array());
            arrays.put(name, Map.of("file", name + ".f32", "dtype", "float32", "shape", shape));
            return this;
        }

        Writer floatList(String prefix, List<float[]> list) throws IOException {
            for (int i = 0; i < list.size(); i++) {
                floats(prefix + "/" + i, list.get(i), list.get(i).length);
            }
            values.put(prefix + "_count", list.size());
            return this;
        }

        Writer value(String name, Object value) {
            values.put(name, value);
            return this;
        }

        Path finish() throws IOException {
            JSON.writeValue(tmp.resolve(INDEX).toFile(), Map.of("arrays", arrays, "values", values));
            deleteTree(dir);
            Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return dir;
        }
    }

    /** Deletes a folder this code wrote (it holds {@code index.json}, or is a {@code .tmp} of one). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.exists(dir.resolve(INDEX)) && !dir.getFileName().toString().endsWith(".tmp")) {
            throw new IOException(dir + ": exists and is not a reference folder (no " + INDEX + "); refusing to delete it");
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
