package io.kerasj.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.IoMessages;
import io.kerasj.KerasJException;
import io.kerasj.callbacks.History;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link Checkpoint} strictly: {@code checkpoint.json} must hold exactly the expected fields with valid
 * values and nothing after the object; {@code state.bin} must have exactly the size the shapes give (checked before
 * anything is allocated) and the recorded SHA-256. Every refusal is one line naming the file.
 */
final class CheckpointReader {
    private static final Set<String> FIELDS = Set.of("format", "epochs_done", "seed", "optimizer", "weights",
            "optimizer_state", "state_sha256", "history");
    private static final Set<String> SLOT_FIELDS = Set.of("name", "shape");
    private static final long MAX_META_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CheckpointReader() {
    }

    static Checkpoint read(Path dir) {
        Path meta = dir.resolve(Checkpoint.META);
        if (!Files.isRegularFile(meta)) {
            throw new KerasJException(dir + ": expected a checkpoint directory holding " + Checkpoint.META + ", found none");
        }
        try {
            JsonNode root = parse(meta);
            int epochsDone = intField(meta, root, "epochs_done");
            long seed = longField(meta, root, "seed");
            String optimizer = textField(meta, root, "optimizer");
            List<Checkpoint.Slot> weightSlots = slots(meta, root, "weights");
            List<Checkpoint.Slot> optimizerSlots = slots(meta, root, "optimizer_state");
            String sha256 = textField(meta, root, "state_sha256");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw bad(meta, "state_sha256: expected 64 lowercase hex digits, found '" + sha256 + "'");
            }
            JsonNode historyNode = root.get("history");
            History history = history(meta, historyNode, epochsDone);
            long values = total(weightSlots) + total(optimizerSlots);
            Path state = dir.resolve(Checkpoint.STATE);
            long expectedBytes = values * Float.BYTES;
            long found = Files.isRegularFile(state, LinkOption.NOFOLLOW_LINKS) ? Files.size(state) : -1;
            if (found != expectedBytes) {
                throw new KerasJException(state + ": expected " + expectedBytes + " bytes (" + values
                        + " float32 values, the shapes in " + Checkpoint.META + "), found "
                        + (found < 0 ? "no file" : found + " bytes"));
            }
            MessageDigest digest = Checkpoint.sha256();
            List<float[]> weights = allocate(weightSlots);
            List<float[]> optimizerState = allocate(optimizerSlots);
            try (InputStream file = Files.newInputStream(state);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(new DigestInputStream(file, digest)))) {
                for (List<float[]> group : List.of(weights, optimizerState)) {
                    for (float[] array : group) {
                        for (int i = 0; i < array.length; i++) {
                            array[i] = in.readFloat();
                        }
                    }
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new KerasJException(state + ": its SHA-256 is " + actual + ", expected " + sha256
                        + " (recorded in " + Checkpoint.META + "); the checkpoint is damaged");
            }
            return new Checkpoint(epochsDone, seed, optimizer, weightSlots, weights, optimizerSlots, optimizerState,
                    history.toFullJson());
        } catch (IOException e) {
            throw new KerasJException(meta + ": cannot read the checkpoint: " + IoMessages.describe(e), e);
        }
    }

    private static JsonNode parse(Path meta) throws IOException {
        long size = Files.size(meta);
        if (size == 0) {
            throw bad(meta, "found an empty file");
        }
        if (size > MAX_META_BYTES) {
            throw bad(meta, "found a file of " + size + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(meta));
        } catch (JsonProcessingException e) {
            throw bad(meta, "it is not valid JSON (" + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad(meta, "found " + (root == null ? "nothing" : "a JSON " + root.getNodeType().toString().toLowerCase()));
        }
        if (!Checkpoint.FORMAT.equals(root.path("format").asText(null))) {
            throw bad(meta, "format: expected \"" + Checkpoint.FORMAT + "\", found " + (root.has("format") ? root.get("format") : "none")
                    + " (written by another program or an older KerasJ)");
        }
        checkFields(meta, root, FIELDS, "");
        return root;
    }

    private static void checkFields(Path meta, JsonNode object, Set<String> expected, String where) {
        Set<String> found = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            found.add(it.next());
        }
        for (String name : found) {
            if (!expected.contains(name)) {
                throw bad(meta, where + "unknown field '" + name + "'");
            }
        }
        for (String name : new TreeSet<>(expected)) {
            if (!found.contains(name)) {
                throw bad(meta, where + "missing field '" + name + "'");
            }
        }
    }

    private static int intField(Path meta, JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw bad(meta, name + ": expected a whole number >= 0, found " + node);
        }
        return node.asInt();
    }

    private static long longField(Path meta, JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw bad(meta, name + ": expected a whole number, found " + node);
        }
        return node.asLong();
    }

    private static String textField(Path meta, JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (!node.isTextual()) {
            throw bad(meta, name + ": expected a string, found " + node);
        }
        return node.asText();
    }

    private static List<Checkpoint.Slot> slots(Path meta, JsonNode root, String name) {
        JsonNode array = root.get(name);
        if (!array.isArray()) {
            throw bad(meta, name + ": expected a list of {name, shape}, found " + array.getNodeType().toString().toLowerCase());
        }
        List<Checkpoint.Slot> slots = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String where = name + "[" + i + "]: ";
            if (!entry.isObject()) {
                throw bad(meta, where + "expected {name, shape}, found " + entry);
            }
            checkFields(meta, entry, SLOT_FIELDS, where);
            if (!entry.get("name").isTextual() || !entry.get("shape").isArray()) {
                throw bad(meta, where + "expected a string name and a list shape, found " + entry);
            }
            JsonNode shapeNode = entry.get("shape");
            long[] shape = new long[shapeNode.size()];
            long size = 1;
            for (int d = 0; d < shape.length; d++) {
                JsonNode dim = shapeNode.get(d);
                if (!dim.isIntegralNumber() || !dim.canConvertToInt() || dim.asInt() < 0) {
                    throw bad(meta, where + "shape: expected whole numbers >= 0, found " + shapeNode);
                }
                shape[d] = dim.asInt();
                size *= shape[d];
                if (size > Integer.MAX_VALUE) {
                    throw bad(meta, where + "shape " + shapeNode + " holds more values than a Java array can");
                }
            }
            slots.add(new Checkpoint.Slot(entry.get("name").asText(), shape));
        }
        return slots;
    }

    private static History history(Path meta, JsonNode node, int epochsDone) {
        if (!node.isObject()) {
            throw bad(meta, "history: expected a JSON object, found " + node.getNodeType().toString().toLowerCase());
        }
        History history;
        try {
            history = History.fromJson(node.toString());
        } catch (IllegalArgumentException e) {
            throw bad(meta, "history: " + e.getMessage());
        }
        if (history.epoch().size() != epochsDone) {
            throw bad(meta, "history: expected " + epochsDone + " epochs (epochs_done), found " + history.epoch().size());
        }
        for (var entry : history.history().entrySet()) {
            if (entry.getValue().size() != epochsDone) {
                throw bad(meta, "history." + entry.getKey() + ": expected " + epochsDone + " values (epochs_done), found "
                        + entry.getValue().size());
            }
        }
        return history;
    }

    private static long total(List<Checkpoint.Slot> slots) {
        return slots.stream().mapToLong(Checkpoint.Slot::size).sum();
    }

    private static List<float[]> allocate(List<Checkpoint.Slot> slots) {
        List<float[]> arrays = new ArrayList<>();
        for (Checkpoint.Slot slot : slots) {
            arrays.add(new float[(int) slot.size()]);
        }
        return arrays;
    }

    private static KerasJException bad(Path meta, String problem) {
        return new KerasJException(meta + ": expected a KerasJ checkpoint, " + problem);
    }
}
