package io.kerasj.saving.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code keras_metadata.pb} (Keras 2's {@code SavedMetadata}: repeated {@code SavedObject nodes = 1} with
 * {@code node_path = 3}, {@code identifier = 4}, {@code metadata = 5} as JSON) without Keras's proto classes, and
 * gives the root model's JSON: the Keras version and the Sequential layer configs.
 */
final class KerasMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode root;

    private KerasMetadata(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * @param dir a SavedModel directory
     * @return its Keras metadata, or empty when it has no keras_metadata.pb
     */
    static Optional<KerasMetadata> read(Path dir) {
        Path file = dir.resolve("keras_metadata.pb");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            UnknownFieldSet fields = UnknownFieldSet.parseFrom(Files.readAllBytes(file));
            UnknownFieldSet.Field nodes = fields.getField(1);
            for (ByteString nodeBytes : nodes.getLengthDelimitedList()) {
                UnknownFieldSet node = UnknownFieldSet.parseFrom(nodeBytes);
                String path = string(node, 3);
                String identifier = string(node, 4);
                if ("root".equals(path) && identifier.startsWith("_tf_keras_")) {
                    return Optional.of(new KerasMetadata(file, JSON.readTree(string(node, 5))));
                }
            }
            throw new SavedModelException(file + " has no root Keras object: expected a node 'root' with a _tf_keras_* identifier");
        } catch (InvalidProtocolBufferException e) {
            throw new SavedModelException(file + " is not a valid Keras SavedMetadata protobuf: " + SavedModelException.firstLine(e), e);
        } catch (IOException e) {
            throw new SavedModelException(file + " could not be read as Keras metadata: " + SavedModelException.firstLine(e), e);
        }
    }

    private static String string(UnknownFieldSet set, int field) {
        if (!set.hasField(field) || set.getField(field).getLengthDelimitedList().isEmpty()) {
            return "";
        }
        return set.getField(field).getLengthDelimitedList().get(0).toStringUtf8();
    }

    /** @return the Keras version that wrote the model, when recorded */
    Optional<String> kerasVersion() {
        JsonNode v = root.get("keras_version");
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    /** @return the root's Keras class, e.g. {@code Sequential} */
    String className() {
        return root.path("class_name").asText("");
    }

    /**
     * @return the layer configs of the root model in order (without weights)
     */
    List<KerasLayerSpec> layers() {
        JsonNode layers = root.path("config").path("layers");
        if (!layers.isArray()) {
            throw new SavedModelException(file + " root model " + className()
                    + " has no config.layers list: expected a Sequential or functional Keras model");
        }
        List<KerasLayerSpec> out = new ArrayList<>();
        for (JsonNode layer : layers) {
            JsonNode config = layer.path("config");
            Optional<Integer> units = config.has("units") ? Optional.of(config.get("units").asInt()) : Optional.empty();
            Optional<String> activation = config.hasNonNull("activation") && config.get("activation").isTextual()
                    ? Optional.of(config.get("activation").asText()) : Optional.empty();
            Optional<Double> rate = config.has("rate") ? Optional.of(config.get("rate").asDouble()) : Optional.empty();
            Optional<List<Long>> inputShape = Optional.empty();
            JsonNode bis = config.path("batch_input_shape");
            JsonNode items = bis.isArray() ? bis : bis.path("items");
            if (items.isArray() && items.size() > 0) {
                List<Long> dims = new ArrayList<>();
                for (int i = 1; i < items.size(); i++) {
                    dims.add(items.get(i).isNull() ? -1L : items.get(i).asLong());
                }
                inputShape = Optional.of(dims);
            }
            out.add(new KerasLayerSpec(layer.path("class_name").asText(), config.path("name").asText(), units,
                    activation, rate, inputShape, List.of()));
        }
        return out;
    }
}
