package io.kerasj.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded fuzzing of saved_model.pb (fixed seed): random bit flips, truncations and insertions. Every load (and,
 * when it loads, a predict) must either succeed or end in a {@link SavedModelException}; any other exception fails,
 * and a native crash or hang fails the run (the forked test JVM dies or the timeout trips).
 *
 * <p>What keeps the native loader safe is the Java side: the proto is parsed with protobuf-java first (most
 * mutations end there), every node's op must be registered or a library function, node and function names must be
 * unique, the variables checkpoint must exist, and the op-safety scan runs, before TensorFlow sees the directory.
 * Iterations: {@code -Dkerasj.fuzz.iterations=N} per model (default 400).
 */
class SavedModelFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("kerasj.fuzz.iterations", 400);
    private static final FloatSamples PROBE = FloatSamples.of(new float[2 * 784], 28, 28);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedTinyModelsLoadOrFailCleanly() throws IOException {
        Path original = TinyModels.safe(tmp.resolve("tiny"));
        fuzz(original, new Random(Long.getLong("kerasj.fuzz.seed", 20240611L)), "tiny");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedReferenceModelLoadsOrFailsCleanly() throws IOException {
        Path src = ReferenceModels.dir(ReferenceModels.KERAS212);
        Path copy = tmp.resolve("keras212");
        KerasSavedModelErrorsTest.copyTree(src, copy);
        fuzz(copy, new Random(Long.getLong("kerasj.fuzz.seed", 1234567L)), "keras212");
    }

    private void fuzz(Path modelDir, Random rnd, String label) throws IOException {
        byte[] pb = Files.readAllBytes(modelDir.resolve("saved_model.pb"));
        Path target = modelDir.resolve("saved_model.pb");
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] mutated = mutate(pb, rnd);
            Files.write(target, mutated);
            try (KerasSavedModel m = KerasSavedModel.load(modelDir)) {
                loaded++;
                try {
                    m.predict(PROBE);
                } catch (SavedModelException expected) {
                    // a mutated signature may not take the probe
                }
            } catch (SavedModelException e) {
                refused++;
                assertThat(e.getMessage()).as("%s mutation %d", label, i).doesNotContain("\n");
            } catch (RuntimeException | Error e) {
                throw new AssertionError(label + " mutation " + i + " threw " + e, e);
            }
        }
        Files.write(target, pb);
        System.out.printf("fuzz %s: %d mutations, %d loaded, %d refused%n", label, ITERATIONS, loaded, refused);
        assertThat(loaded + refused).isEqualTo(ITERATIONS);
    }

    /** One to four random edits: flip a bit, overwrite a byte, truncate, insert random bytes. */
    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int pos = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[pos] = (byte) rnd.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, pos);
                default -> {
                    byte[] ins = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(ins);
                    byte[] c = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(ins, 0, c, pos, ins.length);
                    System.arraycopy(b, pos, c, pos + ins.length, b.length - pos);
                    b = c;
                }
            }
        }
        return b;
    }
}
