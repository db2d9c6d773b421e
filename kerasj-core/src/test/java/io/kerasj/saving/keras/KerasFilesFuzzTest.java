package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kerasj.KerasJException;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated and corrupted model files either load or fail with one KerasJException line, never anything else. */
class KerasFilesFuzzTest {
    @TempDir
    Path tmp;

    private void fuzz(byte[] original, String suffix, int cases) throws Exception {
        Random random = new Random(7);
        int refused = 0;
        for (int c = 0; c < cases; c++) {
            byte[] bytes = c % 3 == 0 ? Arrays.copyOf(original, random.nextInt(original.length)) : original.clone();
            if (c % 3 != 0) {
                for (int k = 0; k < 1 + random.nextInt(8); k++) {
                    // half the flips hit the first 4 KiB, where HDF5 and zip keep their structure
                    int at = c % 2 == 0 ? random.nextInt(Math.min(4096, bytes.length)) : random.nextInt(bytes.length);
                    bytes[at] = (byte) random.nextInt(256);
                }
            }
            Path file = Files.write(tmp.resolve("case" + c + suffix), bytes);
            try (io.kerasj.models.Model ignored = KerasFiles.load(file, 1, w -> { })) {
                // a flipped byte in the weights' values can leave a loadable model
            } catch (KerasJException e) {
                refused++;
                assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("case " + c + " of " + suffix + " threw " + e);
            }
        }
        System.out.printf("fuzzed %d %s files: %d refused in one line, the rest loaded%n", cases, suffix, refused);
    }

    @Test
    void corruptedKerasArchivesAndH5Files() throws Exception {
        Path keras = tmp.resolve("m.keras");
        try (Sequential model = new Sequential(1)) {
            model.add(new Flatten(6, 6));
            model.add(new Dense(5, "relu"));
            model.add(new Dense(3, "softmax"));
            model.compile("sparse_categorical_crossentropy", "adam", "accuracy");
            model.save(keras);
        }
        fuzz(Files.readAllBytes(keras), ".keras", 60);
        Path h5 = SavingTestData.REFERENCE.resolve("keras24-mlp-300-100.h5");
        if (Files.exists(h5)) {
            fuzz(Files.readAllBytes(h5), ".h5", 60);
        }
    }
}
