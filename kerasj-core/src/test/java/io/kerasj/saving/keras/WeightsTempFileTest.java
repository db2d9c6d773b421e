package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weights temporaries carry their pid; the next run deletes those of processes that are gone (issue 20). */
class WeightsTempFileTest {
    @TempDir
    Path tmp;

    @Test
    void aNewTemporaryNamesThisProcess() throws Exception {
        Path file = WeightsTempFile.create();
        try {
            assertThat(file.getFileName().toString()).startsWith("kerasj-weights-" + ProcessHandle.current().pid() + "-").endsWith(".h5");
            assertThat(file.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void leftoversOfDeadProcessesAreDeletedAndLiveOnesKept() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        assertThat(dead.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Path ofDead = Files.createFile(tmp.resolve("kerasj-weights-" + dead.pid() + "-123.h5"));
            Path ofAlive = Files.createFile(tmp.resolve("kerasj-weights-" + alive.pid() + "-456.h5"));
            Path ofThis = Files.createFile(tmp.resolve("kerasj-weights-" + ProcessHandle.current().pid() + "-789.h5"));
            Path oldWithoutPid = Files.createFile(tmp.resolve("kerasj-weights-8123456789012345.h5"));
            Files.setLastModifiedTime(oldWithoutPid, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            Path newWithoutPid = Files.createFile(tmp.resolve("kerasj-weights-9123456789012345.h5"));
            Path unrelated = Files.createFile(tmp.resolve("kerasj-weights-notes.h5"));
            Path folder = Files.createDirectory(tmp.resolve("kerasj-weights-" + dead.pid() + "-1.h5"));

            assertThat(WeightsTempFile.sweep(tmp)).isEqualTo(2);

            assertThat(ofDead).doesNotExist();
            assertThat(oldWithoutPid).doesNotExist();
            assertThat(ofAlive).exists();
            assertThat(ofThis).exists();
            assertThat(newWithoutPid).exists();
            assertThat(unrelated).exists();
            assertThat(folder).isDirectory();
        } finally {
            alive.destroyForcibly().waitFor();
        }
    }
}
