package io.kerasj.pipeline.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.io.OutputRefusedException;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvShards}: the course's save_to_csv, published whole, read back exactly by {@link CsvSource}. */
class CsvShardsTest {
    @TempDir
    Path dir;

    @Test
    void rowsAreSplitAsNumpysArraySplitAndReadBackBitForBit() {
        int rows = 11;
        float[] values = new float[rows * 3];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * (i % 3 == 0 ? 1e-7f : 1e6f);
        }
        Path out = dir.resolve("generate_csv");
        Map<String, List<Path>> files = CsvShards.into(out).add("train", List.of("a", "b,c", "y"), values, 4).write();
        assertThat(files.get("train")).extracting(p -> p.getFileName().toString())
                .containsExactly("train_00.csv", "train_01.csv", "train_02.csv", "train_03.csv");
        assertThat(files.get("train")).allMatch(p -> p.getParent().equals(out.toAbsolutePath().normalize()));
        assertThat(lines(files.get("train").get(0))).hasSize(1 + 3); // 11 rows in 4 parts: 3, 3, 3, 2
        assertThat(lines(files.get("train").get(3))).hasSize(1 + 2);
        assertThat(lines(files.get("train").get(0)).get(0)).isEqualTo("a,\"b,c\",y");

        List<Float> read = new ArrayList<>();
        try (ElementIterator it = CsvSource.files(files.get("train")).labelName("y").build().iterator(0)) {
            while (it.hasNext()) {
                Element e = it.next();
                for (float v : e.x().get(0).floats()) {
                    read.add(v);
                }
                read.add(e.y().get(0).floats()[0]);
            }
        }
        assertThat(read).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToIntBits(read.get(i))).as("value %d", i).isEqualTo(Float.floatToIntBits(values[i]));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aUsersFolderIsNeverReplacedAndKerasjsOnlyWithOverwrite() throws IOException {
        Path users = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(users.resolve("notes.txt"), "keep");
        float[] one = {1f, 2f};
        assertThatThrownBy(() -> CsvShards.into(users).overwrite(true).add("t", List.of("a", "y"), one, 1).write())
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("not a KerasJ output");
        assertThat(users.resolve("notes.txt")).hasContent("keep");

        Path ours = dir.resolve("shards");
        CsvShards.into(ours).add("t", List.of("a", "y"), one, 2).write();
        assertThatThrownBy(() -> CsvShards.into(ours).add("t", List.of("a", "y"), one, 1).write())
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("overwrite=true");
        CsvShards.into(ours).overwrite(true).add("u", List.of("a", "y"), new float[] {3f, 4f}, 1).write();
        try (Stream<Path> entries = Files.list(ours)) {
            assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(".kerasj-run", "u_00.csv");
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("mine", "shards");
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeWriting() {
        assertThatThrownBy(() -> CsvShards.into(dir.resolve("x")).add("../evil", List.of("a"), new float[1], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvShards.into(dir.resolve("x")).add("t", List.of("a", "b"), new float[3], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole rows");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
