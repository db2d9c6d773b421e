package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 20: file access hidden where a deny-list of node types cannot see it. Each is refused by
 * default, naming the op type and where it sits, and each really reaches the file system when allowed (so the
 * fixture is a real attack, not a model that merely holds a suspicious name).
 */
class AllowListAttackTest {
    @TempDir
    Path tmp;

    @Test
    void datasetFromGraphReadingAFileIsRefusedAndReadsTheFileWhenAllowed() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "hunter2!");
        Path dir = AttackModels.readsThroughDatasetFromGraph(tmp.resolve("read"), secret, 8);

        assertThatThrownBy(() -> KerasSavedModel.load(dir))
                .isInstanceOf(UnsafeOpsException.class)
                .hasMessageContaining("DatasetFromGraph (in graph)")
                .hasMessageContaining("DatasetToSingleElement (in graph)")
                .hasMessageContaining("allowUnsafeOps");
        assertThat(SavedModelInspector.inspect(dir)).doesNotContain("safe: ").contains("UNSAFE: ", "DatasetFromGraph");

        try (KerasSavedModel m = KerasSavedModel.load(dir, LoadOptions.defaults().allowUnsafeOps(true))) {
            float[][] scores = m.predict(FloatSamples.of(new float[2 * AttackModels.WIDTH], AttackModels.WIDTH));
            byte[] expected = "hunter2!".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < expected.length; i++) {
                assertThat(scores[1][i]).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void datasetFromGraphWritingAFileIsRefusedBeforeItRunsAndWritesWhenAllowed() throws Exception {
        Path target = tmp.resolve("planted.txt");
        Path dir = AttackModels.writesThroughDatasetFromGraph(tmp.resolve("write"), target, "owned");

        assertThatThrownBy(() -> KerasSavedModel.load(dir))
                .isInstanceOf(UnsafeOpsException.class)
                .hasMessageContaining("DatasetFromGraph (in graph)");
        assertThat(target).doesNotExist();

        try (KerasSavedModel m = KerasSavedModel.load(dir, LoadOptions.defaults().allowUnsafeOps(true))) {
            m.predict(FloatSamples.of(new float[AttackModels.WIDTH], AttackModels.WIDTH));
        }
        assertThat(target).hasContent("owned");
    }

    @Test
    void printV2ToAFileIsRefusedAndAppendsToItWhenAllowed() throws Exception {
        Path log = tmp.resolve("printed.txt");
        Path dir = AttackModels.printsToAFile(tmp.resolve("print"), log);

        assertThatThrownBy(() -> KerasSavedModel.load(dir))
                .isInstanceOf(UnsafeOpsException.class)
                .hasMessageContaining("PrintV2 (in graph)");

        try (KerasSavedModel m = KerasSavedModel.load(dir, LoadOptions.defaults().allowUnsafeOps(true))) {
            m.predict(FloatSamples.of(new float[AttackModels.WIDTH], AttackModels.WIDTH));
        }
        assertThat(Files.readString(log)).contains("leaked");
    }
}
