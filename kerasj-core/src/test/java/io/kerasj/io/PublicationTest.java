package io.kerasj.io;

import io.kerasj.KerasJException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.BackupAndRestore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing whole: staging, commit, replacement, locks, and what killed runs leave behind. */
class PublicationTest {
    /** A checkpoint folder's file; contents start with its format's magic, as CHECKPOINT ownership asks. */
    private static final String STATE = BackupAndRestore.FILE_NAME;

    @TempDir
    Path tmp;

    @Test
    void anOutputAndItsReportAppearOnlyOnCommit() throws Exception {
        Path target = tmp.resolve("model");
        try (Publication publication = Publication.begin(target, OutputKind.CHECKPOINT, false, "--overwrite", ".json")) {
            Files.createDirectory(publication.staged());
            Files.writeString(publication.staged().resolve(STATE), "KERASJ-BACKUP new");
            Files.writeString(publication.staged().resolveSibling("model.json"), "{\"written_by\": \"KerasJ test\"}");
            assertThat(target).doesNotExist();
            assertThat(tmp.resolve("model.json")).doesNotExist();
            publication.commit();
        }
        assertThat(target.resolve(STATE)).hasContent("KERASJ-BACKUP new");
        assertThat(names(tmp)).containsExactlyInAnyOrder("model", "model.json");
    }

    @Test
    void overwriteReplacesTheOldOutputAndAFailureBeforeCommitKeepsIt() throws Exception {
        Path target = publish("KERASJ-BACKUP first");
        try (Publication publication = Publication.begin(target, OutputKind.CHECKPOINT, true, "--overwrite")) {
            Files.createDirectory(publication.staged());
            Files.writeString(publication.staged().resolve(STATE), "KERASJ-BACKUP half");
            // no commit: as if the work failed
        }
        assertThat(target.resolve(STATE)).hasContent("KERASJ-BACKUP first");
        assertThat(names(tmp)).containsExactly("ck");
        publish("KERASJ-BACKUP second");
        assertThat(target.resolve(STATE)).hasContent("KERASJ-BACKUP second");
        assertThat(names(tmp)).containsExactly("ck");
    }

    @Test
    void aSecondPublicationOfTheSameTargetFailsWhileTheFirstHoldsIt() throws Exception {
        Path target = tmp.resolve("ck");
        try (Publication first = Publication.begin(target, OutputKind.CHECKPOINT, false, "--overwrite")) {
            CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
                try (Publication second = Publication.begin(target, OutputKind.CHECKPOINT, false, "--overwrite")) {
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(other.get()).isInstanceOf(KerasJException.class)
                    .hasMessage(target + ": another KerasJ run is writing it now; wait for it to end or choose another path");
            assertThat(first.staged().getParent()).isDirectory();
        }
        publish("KERASJ-BACKUP after");
        assertThat(target.resolve(STATE)).hasContent("KERASJ-BACKUP after");
    }

    @Test
    void aPublicationKilledBetweenItsRenamesIsFinishedByTheNextRun() throws Exception {
        Path target = publish("KERASJ-BACKUP old");
        Files.writeString(tmp.resolve("ck.json"), "{\"written_by\": \"KerasJ old\"}");
        // What a run killed after moving the old checkpoint aside, before moving the new one in, leaves behind:
        Path staging = Files.createDirectory(tmp.resolve(".ck.kerasj-tmp-999999-1"));
        Files.write(staging.resolve(".kerasj-staging"), List.of("ck", "ck.json"));
        Files.write(staging.resolve(".kerasj-commit"), List.of("ck", "ck.json"));
        Files.createDirectories(staging.resolve(".kerasj-old"));
        Files.move(target, staging.resolve(".kerasj-old/ck"));
        Files.createDirectory(staging.resolve("ck"));
        Files.writeString(staging.resolve("ck/" + STATE), "KERASJ-BACKUP new");
        Files.writeString(staging.resolve("ck.json"), "{\"written_by\": \"KerasJ new\"}");
        // ... and one killed before its commit, and a folder of the same pattern that is not KerasJ's.
        Path uncommitted = Files.createDirectory(tmp.resolve(".ck.kerasj-tmp-999999-2"));
        Files.write(uncommitted.resolve(".kerasj-staging"), List.of("ck"));
        Files.createDirectory(uncommitted.resolve("ck"));
        Path foreign = Files.createDirectory(tmp.resolve(".ck.kerasj-tmp-mine"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        Path markerless = Files.createDirectory(tmp.resolve(".ck.kerasj-tmp-999999-4")); // killed before its marker

        try (OutputLock lock = OutputLock.acquire(target)) {
            Publication.recover(target);
        }
        assertThat(target.resolve(STATE)).hasContent("KERASJ-BACKUP new");
        assertThat(tmp.resolve("ck.json")).hasContent("{\"written_by\": \"KerasJ new\"}");
        assertThat(staging).doesNotExist();
        assertThat(uncommitted).doesNotExist();
        assertThat(foreign.resolve("notes.txt")).hasContent("mine");
        assertThat(markerless).doesNotExist();
    }

    @Test
    void aStagingFolderHoldingTheOldOutputIsPutBackNotDeleted() throws Exception {
        Path target = publish("KERASJ-BACKUP old");
        Path staging = Files.createDirectory(tmp.resolve(".ck.kerasj-tmp-999999-3"));
        Files.write(staging.resolve(".kerasj-staging"), List.of("ck"));
        Files.createDirectories(staging.resolve(".kerasj-old"));
        Files.move(target, staging.resolve(".kerasj-old/ck"));
        try (OutputLock lock = OutputLock.acquire(target)) {
            Publication.recover(target);
        }
        assertThat(target.resolve(STATE)).hasContent("KERASJ-BACKUP old");
        assertThat(staging).doesNotExist();
    }

    @Test
    void aRunKilledWhileDeletingTheOldOutputLeavesAFolderTheNextRunDeletes() throws Exception {
        Path target = publish("KERASJ-BACKUP new");
        Path staging = Files.createDirectory(tmp.resolve(".ck.kerasj-tmp-999999-5"));
        Files.write(staging.resolve(".kerasj-staging"), List.of("ck"));
        Files.write(staging.resolve(".kerasj-commit"), List.of("ck"));
        Files.createDirectories(staging.resolve(".kerasj-old/ck"));
        Files.writeString(staging.resolve(".kerasj-old/ck/" + STATE), "old, half deleted");
        try (OutputLock lock = OutputLock.acquire(target)) {
            Publication.recover(target);
        }
        assertThat(target.resolve(STATE)).hasContent("KERASJ-BACKUP new");
        assertThat(staging).doesNotExist();
    }

    @Test
    void recoveringWithoutTheLockIsRefused() {
        assertThatThrownBy(() -> Publication.recover(tmp.resolve("ck"))).isInstanceOf(IllegalStateException.class);
    }

    private Path publish(String content) throws Exception {
        Path target = tmp.resolve("ck");
        try (Publication publication = Publication.begin(target, OutputKind.CHECKPOINT, true, "--overwrite")) {
            Files.createDirectory(publication.staged());
            Files.writeString(publication.staged().resolve(STATE), content);
            publication.commit();
        }
        return target;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
