package io.kerasj.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.AtomicFiles;
import io.kerasj.KerasJException;
import io.kerasj.callbacks.History;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training checkpoint: the weights, the optimizer's state, the number of epochs done, the seed and the History,
 * so that {@code fit} can resume where a run stopped and end as the uninterrupted run would have.
 * Written as {@code checkpoint.json} + {@code state.bin} into a temporary directory renamed into place, so the
 * last complete checkpoint survives a crash or Ctrl-C.
 *
 * @param epochsDone epochs completed
 * @param seed the model's seed
 * @param weights the model's weights
 * @param optimizerState the optimizer's slots and step count
 * @param historyJson the History so far, as {@link History#toFullJson()}
 */
public record Checkpoint(int epochsDone, long seed, List<float[]> weights, List<float[]> optimizerState, String historyJson) {
    private static final String META = "checkpoint.json";
    private static final String STATE = "state.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param model a compiled model after {@code epochsDone} epochs
     * @param epochsDone epochs completed
     * @param history its History
     * @return the checkpoint
     */
    public static Checkpoint of(Sequential model, int epochsDone, History history) {
        return new Checkpoint(epochsDone, model.seed(), model.getWeights(), model.getOptimizerState(), history.toFullJson());
    }

    /**
     * Restores the weights and optimizer state into a model built and compiled as the saved one.
     *
     * @param model the model
     */
    public void restoreInto(Sequential model) {
        if (model.seed() != seed) {
            throw new KerasJException("checkpoint: saved with seed " + seed + ", the model has seed " + model.seed()
                    + "; resume with --seed " + seed);
        }
        model.setWeights(weights);
        if (!optimizerState.isEmpty()) {
            model.setOptimizerState(optimizerState);
        }
    }

    /** @return the History saved with the checkpoint */
    public History history() {
        return History.fromJson(historyJson);
    }

    /**
     * Writes the checkpoint into {@code dir}, replacing the previous one only once the new one is complete.
     *
     * @param dir the checkpoint directory
     */
    public void write(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        Path staging = AtomicFiles.stagingFor(target);
        try {
            Files.createDirectories(staging);
            ObjectNode meta = JSON.createObjectNode();
            meta.put("epochs_done", epochsDone);
            meta.put("seed", seed);
            meta.set("weights", sizes(weights));
            meta.set("optimizer_state", sizes(optimizerState));
            meta.set("history", JSON.readTree(historyJson));
            Files.writeString(staging.resolve(META), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
            try (OutputStream file = Files.newOutputStream(staging.resolve(STATE));
                 DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(file))) {
                for (List<float[]> group : List.of(weights, optimizerState)) {
                    for (float[] array : group) {
                        for (float v : array) {
                            out.writeFloat(v);
                        }
                    }
                }
            }
            AtomicFiles.replaceDirectory(staging, target);
        } catch (IOException e) {
            AtomicFiles.deleteRecursively(staging);
            throw new KerasJException(target + ": cannot write the checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * @param dir a directory written by {@link #write}
     * @return the checkpoint
     * @throws KerasJException when it is missing or damaged
     */
    public static Checkpoint read(Path dir) {
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            throw new KerasJException(dir + ": expected a checkpoint directory holding " + META + ", found none");
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(meta));
            List<float[]> weights = arrays(root.path("weights"));
            List<float[]> optimizer = arrays(root.path("optimizer_state"));
            long expectedBytes = 4L * (total(weights) + total(optimizer));
            Path state = dir.resolve(STATE);
            if (!Files.isRegularFile(state) || Files.size(state) != expectedBytes) {
                throw new KerasJException(state + ": expected " + expectedBytes + " bytes of weights, found "
                        + (Files.exists(state) ? Files.size(state) : 0));
            }
            try (InputStream file = Files.newInputStream(state);
                 DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(file))) {
                for (List<float[]> group : List.of(weights, optimizer)) {
                    for (float[] array : group) {
                        for (int i = 0; i < array.length; i++) {
                            array[i] = in.readFloat();
                        }
                    }
                }
            }
            return new Checkpoint(root.path("epochs_done").asInt(), root.path("seed").asLong(), weights, optimizer,
                    JSON.writeValueAsString(root.path("history")));
        } catch (IOException | RuntimeException e) {
            if (e instanceof KerasJException k) {
                throw k;
            }
            throw new KerasJException(meta + ": expected a KerasJ checkpoint, cannot read it: " + e.getMessage(), e);
        }
    }

    private static ArrayNode sizes(List<float[]> arrays) {
        ArrayNode node = JSON.createArrayNode();
        arrays.forEach(a -> node.add(a.length));
        return node;
    }

    private static List<float[]> arrays(JsonNode sizes) {
        List<float[]> arrays = new ArrayList<>();
        sizes.forEach(n -> arrays.add(new float[n.asInt()]));
        return arrays;
    }

    private static long total(List<float[]> arrays) {
        return arrays.stream().mapToLong(a -> a.length).sum();
    }
}
