package io.kerasj.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.IoMessages;
import io.kerasj.KerasJException;
import io.kerasj.OutputKind;
import io.kerasj.Publication;
import io.kerasj.callbacks.History;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A training checkpoint: the weights, the optimizer's state, the number of epochs done, the seed and the History,
 * so that {@code fit} can resume where a run stopped and end as the uninterrupted run would have.
 *
 * <p>Written as {@code checkpoint.json} + {@code state.bin} and published whole ({@link Publication}), so the last
 * complete checkpoint survives a crash, {@code kill -9} or Ctrl-C. {@code checkpoint.json} names every array with
 * its shape and holds the SHA-256 of {@code state.bin}; {@link #read} checks all of it, strictly, before anything is
 * allocated, and {@link #restoreInto} checks it against the model and optimizer it is loaded into.
 *
 * @param epochsDone epochs completed
 * @param seed the model's seed
 * @param optimizer the optimizer's name, e.g. {@code SGD}
 * @param weightSlots the weights' names and shapes
 * @param weights the model's weights
 * @param optimizerSlots the optimizer variables' names and shapes
 * @param optimizerState the optimizer's slots and step count
 * @param historyJson the History so far, as {@link History#toFullJson()}
 */
public record Checkpoint(int epochsDone, long seed, String optimizer, List<Slot> weightSlots, List<float[]> weights,
                         List<Slot> optimizerSlots, List<float[]> optimizerState, String historyJson) {
    /** The value of {@code format} in {@code checkpoint.json}. */
    public static final String FORMAT = "kerasj-checkpoint-1";
    static final String META = "checkpoint.json";
    static final String STATE = "state.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One saved array.
     *
     * @param name the variable's name, e.g. {@code dense/kernel}
     * @param shape its shape
     */
    public record Slot(String name, long[] shape) {
        /** @return the number of values */
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s && s.name.equals(name) && Arrays.equals(s.shape, shape);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape);
        }
    }

    /**
     * @param model a compiled model after {@code epochsDone} epochs
     * @param epochsDone epochs completed
     * @param history its History
     * @return the checkpoint
     */
    public static Checkpoint of(Sequential model, int epochsDone, History history) {
        List<float[]> optimizerState = model.getOptimizerState(); // empty before the first fit
        return new Checkpoint(epochsDone, model.seed(), optimizerName(model), slots(model.graph().weightVariables()),
                model.getWeights(), optimizerState.isEmpty() ? List.of() : optimizerSlots(model), optimizerState,
                history.toFullJson());
    }

    /**
     * Restores the weights and optimizer state into a model built and compiled as the saved one.
     *
     * @param model the model
     * @throws KerasJException when the model's seed, optimizer, weights or optimizer state differ from the checkpoint's
     */
    public void restoreInto(Sequential model) {
        if (model.seed() != seed) {
            throw new KerasJException("checkpoint: saved with seed " + seed + ", the model has seed " + model.seed()
                    + "; resume with --seed " + seed);
        }
        if (!optimizer.equals(optimizerName(model))) {
            throw new KerasJException("checkpoint: saved with optimizer " + optimizer + ", the model is compiled with "
                    + optimizerName(model));
        }
        List<Slot> modelWeights = slots(model.graph().weightVariables());
        if (!modelWeights.equals(weightSlots)) {
            throw new KerasJException("checkpoint: holds weights " + weightSlots + ", the model has " + modelWeights);
        }
        if (!optimizerState.isEmpty()) {
            List<Slot> modelState = optimizerSlots(model);
            if (!modelState.equals(optimizerSlots)) {
                throw new KerasJException("checkpoint: holds optimizer state " + optimizerSlots + ", the model's "
                        + optimizer + " has " + modelState);
            }
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
     * Writes the checkpoint into {@code dir}, replacing the previous checkpoint only once the new one is complete.
     * {@code dir} must be absent, empty or a KerasJ checkpoint.
     *
     * @param dir the checkpoint directory
     * @throws io.kerasj.OutputRefusedException when {@code dir} holds something else
     * @throws KerasJException when it cannot be written (the previous checkpoint is then kept)
     */
    public void write(Path dir) {
        try (Publication publication = Publication.begin(dir, OutputKind.CHECKPOINT, true, "--overwrite")) {
            Path staged = publication.staged();
            Files.createDirectory(staged);
            MessageDigest sha256 = sha256();
            try (OutputStream file = Files.newOutputStream(staged.resolve(STATE));
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(file, sha256)))) {
                for (List<float[]> group : List.of(weights, optimizerState)) {
                    for (float[] array : group) {
                        for (float v : array) {
                            out.writeFloat(v);
                        }
                    }
                }
            }
            ObjectNode meta = JSON.createObjectNode();
            meta.put("format", FORMAT);
            meta.put("epochs_done", epochsDone);
            meta.put("seed", seed);
            meta.put("optimizer", optimizer);
            meta.set("weights", slotsJson(weightSlots));
            meta.set("optimizer_state", slotsJson(optimizerSlots));
            meta.put("state_sha256", HexFormat.of().formatHex(sha256.digest()));
            meta.set("history", JSON.readTree(historyJson));
            Files.writeString(staged.resolve(META), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
            publication.commit();
        } catch (IOException e) {
            throw new KerasJException(dir.toAbsolutePath().normalize() + ": cannot write the checkpoint: " + IoMessages.describe(e), e);
        }
    }

    /**
     * @param dir a directory written by {@link #write}
     * @return the checkpoint
     * @throws KerasJException when it is missing, damaged or not a KerasJ checkpoint, in one line naming the file
     */
    public static Checkpoint read(Path dir) {
        return CheckpointReader.read(dir);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String optimizerName(Sequential model) {
        CompileConfig config = model.compileConfig();
        if (config == null) {
            throw new IllegalStateException("You must compile your model before checkpointing or restoring it.");
        }
        return config.optimizer().name();
    }

    private static List<Slot> optimizerSlots(Sequential model) {
        return slots(model.trainingProgram().optimizerVariables());
    }

    private static List<Slot> slots(List<? extends ResourceVariable<?>> variables) {
        List<Slot> slots = new ArrayList<>();
        for (ResourceVariable<?> v : variables) {
            slots.add(new Slot(v.name(), v.shape()));
        }
        return slots;
    }

    private static ArrayNode slotsJson(List<Slot> slots) {
        ArrayNode node = JSON.createArrayNode();
        for (Slot slot : slots) {
            ObjectNode entry = node.addObject();
            entry.put("name", slot.name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : slot.shape()) {
                shape.add(d);
            }
        }
        return node;
    }
}
