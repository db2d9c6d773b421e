package io.kerasj.callbacks;

import io.kerasj.io.AtomicFiles;
import io.kerasj.KerasJException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * What {@link BackupAndRestore} keeps after each epoch, and its file format: the epochs done, the learning rate, the
 * logs of every epoch done (to rebuild the History), the weights and the optimizer's state.
 *
 * <p>Format (big-endian): the magic {@code KERASJ-BACKUP}, format version 2, the epochs done, the learning rate
 * (NaN when none), a seed flag byte (1 or 0) and the model's seed (0 when none; version 1, still read, has
 * neither), the epoch logs (count, then per epoch: count, then name and value), the weights and the
 * optimizer state (each: count, then per array: length and floats), then the CRC-32 of everything before it.
 * Reading is strict: a wrong magic, version, checksum, length or a trailing byte is refused, naming the file.
 * Writing is atomic (a temporary file renamed into place), so a kill at any moment leaves the previous complete
 * state or the new one.
 *
 * @param epochsDone the number of complete epochs: the epoch to resume at
 * @param learningRate the rate the next epoch starts with, or NaN when the model has none
 * @param epochLogs each complete epoch's logs, in order
 * @param weights the model's weights ({@code getWeights()} order)
 * @param optimizerState the optimizer's slots and step count
 * @param seed the seed of the model that was trained (it fixes the shuffling of the epochs to come), or null when
 *     the model has none
 */
public record TrainingState(int epochsDone, double learningRate, List<Map<String, Double>> epochLogs,
                            List<float[]> weights, List<float[]> optimizerState, Long seed) {
    private static final byte[] MAGIC = "KERASJ-BACKUP".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2;

    /**
     * Copies the lists (not the arrays).
     *
     * @param epochsDone the number of complete epochs: the epoch to resume at
     * @param learningRate the rate the next epoch starts with, or NaN when the model has none
     * @param epochLogs each complete epoch's logs, in order
     * @param weights the model's weights ({@code getWeights()} order)
     * @param optimizerState the optimizer's slots and step count
     * @param seed the seed of the model that was trained (it fixes the shuffling of the epochs to come), or null when
     *     the model has none
     */
    public TrainingState {
        epochLogs = epochLogs.stream().map(m -> (Map<String, Double>) new LinkedHashMap<>(m)).toList();
        weights = List.copyOf(weights);
        optimizerState = List.copyOf(optimizerState);
    }

    /**
     * A state without a seed.
     *
     * @param epochsDone the number of complete epochs: the epoch to resume at
     * @param learningRate the rate the next epoch starts with, or NaN when the model has none
     * @param epochLogs each complete epoch's logs, in order
     * @param weights the model's weights ({@code getWeights()} order)
     * @param optimizerState the optimizer's slots and step count
     */
    public TrainingState(int epochsDone, double learningRate, List<Map<String, Double>> epochLogs,
                         List<float[]> weights, List<float[]> optimizerState) {
        this(epochsDone, learningRate, epochLogs, weights, optimizerState, null);
    }

    /**
     * Writes this state to {@code file} atomically.
     *
     * @param file the file
     * @throws KerasJException when it cannot be written
     */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, out -> out.write(toBytes()));
        } catch (IOException e) {
            throw new KerasJException("backup_dir: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the file's bytes, checksum included */
    byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(epochsDone);
        out.writeDouble(learningRate);
        out.writeBoolean(seed != null);
        out.writeLong(seed == null ? 0 : seed);
        out.writeInt(epochLogs.size());
        for (Map<String, Double> logs : epochLogs) {
            out.writeInt(logs.size());
            for (Map.Entry<String, Double> e : logs.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
        }
        writeArrays(out, weights);
        writeArrays(out, optimizerState);
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeArrays(DataOutputStream out, List<float[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (float[] array : arrays) {
            out.writeInt(array.length);
            for (float v : array) {
                out.writeFloat(v);
            }
        }
    }

    /**
     * Reads a state written by {@link #write(Path)}.
     *
     * @param file the file
     * @return the state it holds
     * @throws KerasJException when the file cannot be read or is not a complete, intact KerasJ backup
     */
    public static TrainingState read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KerasJException("backup_dir: cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return fromBytes(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new KerasJException("backup_dir: " + file + " is not an intact KerasJ backup (" + e.getMessage()
                    + "); delete it to start training from the beginning", e);
        }
    }

    /**
     * @return true when {@code file} is a regular file that starts with this format's magic
     *
     * @param file the file
     */
    public static boolean hasMagic(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    static TrainingState fromBytes(byte[] bytes) throws IOException {
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("expected the magic KERASJ-BACKUP at its start");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IllegalArgumentException("checksum mismatch: truncated or corrupted?");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - 8 - MAGIC.length));
        try {
            int version = in.readInt();
            if (version != 1 && version != VERSION) {
                throw new IllegalArgumentException("format version " + version + ", expected 1 or " + VERSION);
            }
            int epochs = nonNegative(in.readInt(), "epochs done");
            double rate = in.readDouble();
            Long seed = null;
            if (version == VERSION) {
                int seeded = in.readByte();
                long value = in.readLong();
                if (seeded == 1) {
                    seed = value;
                } else if (seeded != 0 || value != 0) {
                    throw new IllegalArgumentException("a malformed seed (flag " + seeded + ", value " + value + ")");
                }
            }
            int logCount = count(in.readInt(), "epoch logs", bytes.length);
            List<Map<String, Double>> logs = new ArrayList<>();
            for (int i = 0; i < logCount; i++) {
                int entries = count(in.readInt(), "log entries", bytes.length);
                Map<String, Double> epochLogs = new LinkedHashMap<>();
                for (int j = 0; j < entries; j++) {
                    epochLogs.put(in.readUTF(), in.readDouble());
                }
                logs.add(epochLogs);
            }
            List<float[]> weights = readArrays(in, bytes.length);
            List<float[]> optimizer = readArrays(in, bytes.length);
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " unexpected bytes before the checksum");
            }
            return new TrainingState(epochs, rate, logs, weights, optimizer, seed);
        } catch (EOFException e) {
            throw new IllegalArgumentException("ends early");
        }
    }

    private static List<float[]> readArrays(DataInputStream in, int fileLength) throws IOException {
        int n = count(in.readInt(), "arrays", fileLength);
        List<float[]> arrays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] a = new float[count(in.readInt(), "array length", fileLength / 4)];
            for (int k = 0; k < a.length; k++) {
                a[k] = in.readFloat();
            }
            arrays.add(a);
        }
        return arrays;
    }

    private static int nonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " " + value + " is negative");
        }
        return value;
    }

    /** A count read from the file: never more than the file could hold, so that no corrupt count allocates much. */
    private static int count(int value, String what, int limit) {
        nonNegative(value, what);
        if (value > limit) {
            throw new IllegalArgumentException(what + " " + value + " exceeds what the file can hold");
        }
        return value;
    }
}
