package io.kerasj.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aPathWriterGetsATemporaryNameEndingWithTheFilesNameThenTheFileIsReplaced(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("sub/model.keras");
        List<Path> seen = new ArrayList<>();
        AtomicFiles.writeAt(file, temporary -> {
            seen.add(temporary);
            Files.writeString(temporary, "first");
        });
        AtomicFiles.writeAt(file, temporary -> Files.writeString(temporary, "second"));
        assertThat(seen.get(0).getFileName().toString()).startsWith(".tmp-").endsWith("-model.keras");
        assertThat(seen.get(0).getParent()).isEqualTo(file.toAbsolutePath().getParent());
        assertThat(Files.readString(file)).isEqualTo("second");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("model.keras");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFiles.writeAt(file, temporary -> {
            Files.writeString(temporary, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }
}
