package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.KerasJException;
import io.kerasj.io.OutputRefusedException;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.Sequential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.save} follows the one ownership rule for {@code .keras} files as for SavedModels: Keras's default
 * replaces what KerasJ wrote, anything else is refused untouched in words of the library (never of a command-line
 * flag), and two writers of one path never both win.
 */
class KerasSaveOwnershipTest {
    @TempDir
    Path tmp;

    private static Sequential small(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Flatten(4));
        model.add(new Dense(2, "softmax"));
        return model;
    }

    @Test
    void twoThreadsSavingOneNewFileWithoutOverwriteNeverBothSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Sequential a = small(1); Sequential b = small(2)) {
            a.getWeights(); // built before the race, so both threads reach the file at once
            b.getWeights();
            for (int round = 0; round < 10; round++) {
                Path file = tmp.resolve("round-" + round + ".keras");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Throwable>> results = new ArrayList<>();
                for (Sequential model : List.of(a, b)) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            model.save(file, false);
                            return null;
                        } catch (KerasJException e) {
                            return e;
                        }
                    }));
                }
                List<Throwable> failures = new ArrayList<>();
                for (Future<Throwable> result : results) {
                    if (result.get() != null) {
                        failures.add(result.get());
                    }
                }
                assertThat(failures).as("round " + round).hasSize(1);
                assertThat(failures.get(0).getMessage()).as("round " + round)
                        .matches(".*(another KerasJ run is writing it now|already exists; pass overwrite=true to replace it).*");
                try (io.kerasj.models.Model loaded = KerasFiles.load(file)) {
                    assertThat(loaded.countParams()).isEqualTo(10);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no hidden staging left").allMatch(n -> n.matches("round-\\d\\.keras"));
        }
    }

    @Test
    void saveReplacesWhatKerasJWroteAsKerasDoesAndRefusesAnythingElseInTheLibrarysWords() throws Exception {
        Path file = tmp.resolve("m.keras");
        Path dir = tmp.resolve("saved");
        try (Sequential first = small(1); Sequential second = small(2)) {
            first.save(file);
            first.save(dir);
            second.save(file); // Keras's model.save: overwrite=True by default
            second.save(dir);
            try (io.kerasj.models.Model loaded = KerasFiles.load(file)) {
                assertThat(loaded.getWeights().get(0)).isEqualTo(second.getWeights().get(0));
            }

            assertThatThrownBy(() -> first.save(file, false)).isInstanceOf(OutputRefusedException.class)
                    .hasMessage(file + ": already exists; pass overwrite=true to replace it");

            Path users = Files.writeString(tmp.resolve("users.keras"), "the user's own file");
            Path kerasWritten = tmp.resolve("keras.keras");
            writeZip(kerasWritten, "{\"keras_version\": \"3.15.0\", \"date_saved\": \"2026-12-06@12:00:00\"}");
            Path linked = Files.createSymbolicLink(tmp.resolve("link.keras"), file);
            Path folder = Files.createDirectories(tmp.resolve("folder.keras"));
            Path usersDir = Files.createDirectories(tmp.resolve("mine"));
            Files.writeString(usersDir.resolve("notes.txt"), "mine");
            byte[] fileBefore = Files.readAllBytes(file);
            byte[] kerasBefore = Files.readAllBytes(kerasWritten);
            for (Path target : List.of(users, kerasWritten, linked, folder, usersDir)) {
                assertThatThrownBy(() -> second.save(target)).as(target.toString()).isInstanceOf(OutputRefusedException.class)
                        .hasMessageStartingWith(target + ": ").hasMessageNotContaining("--");
            }
            assertThatThrownBy(() -> second.save(users)).hasMessage(users
                    + ": is not a KerasJ output (it is a file that KerasJ did not write; only a .keras file written by KerasJ"
                    + " is replaced); refusing to replace it, left untouched");
            assertThatThrownBy(() -> second.save(kerasWritten)).hasMessageContaining("is a .keras file that KerasJ did not write");
            assertThatThrownBy(() -> second.save(linked)).hasMessageContaining("is a symbolic link");
            assertThat(Files.readString(users)).isEqualTo("the user's own file");
            assertThat(Files.readAllBytes(kerasWritten)).isEqualTo(kerasBefore);
            assertThat(Files.readAllBytes(file)).isEqualTo(fileBefore);
            assertThat(Files.readSymbolicLink(linked)).isEqualTo(file);
            assertThat(Files.readString(usersDir.resolve("notes.txt"))).isEqualTo("mine");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.keras", "saved", "users.keras",
                    "keras.keras", "link.keras", "folder.keras", "mine");
        }
    }

    private static void writeZip(Path file, String metadata) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("metadata.json"));
            zip.write(metadata.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
