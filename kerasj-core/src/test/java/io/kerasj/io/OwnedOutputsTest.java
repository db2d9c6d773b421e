package io.kerasj.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.callbacks.TrainingState;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ownership rule: what may be written, and what {@code overwrite} may replace. */
class OwnedOutputsTest {
    private static final String FLAG = "--overwrite";

    @TempDir
    Path tmp;

    @Test
    void theCurrentFolderItsParentsTheRootAndHomeAreAlwaysRefused() {
        for (String protectedPath : new String[] {".", "..", "/", System.getProperty("user.home"), ""}) {
            for (OutputKind kind : OutputKind.values()) {
                assertThatThrownBy(() -> OwnedOutputs.checkWritable(Path.of(protectedPath), kind, true, FLAG))
                        .as(protectedPath).isInstanceOf(OutputRefusedException.class)
                        .hasMessageMatching(".*(current folder|file-system root|home folder).*");
            }
        }
    }

    @Test
    void anOutputsFileIsWrittenOnlyWhereNothingIs() throws Exception {
        assertThatCode(() -> OwnedOutputs.checkWritable(tmp.resolve("new.npz"), OutputKind.OUTPUTS, false, "--save-outputs"))
                .doesNotThrowAnyException();
        Path existing = Files.writeString(tmp.resolve("old.npz"), "anything");
        for (boolean overwrite : new boolean[] {false, true}) {
            assertThatThrownBy(() -> OwnedOutputs.checkWritable(existing, OutputKind.OUTPUTS, overwrite, "--save-outputs"))
                    .isInstanceOf(OutputRefusedException.class)
                    .hasMessage(existing + ": already exists; KerasJ writes a file of model outputs only as a new file: name another path,"
                            + " left untouched");
        }
        assertThat(Files.readString(existing)).isEqualTo("anything");
    }

    @Test
    void aFileAFolderOfOtherFilesAndALinkAreRefusedEvenWithOverwrite() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> OwnedOutputs.checkWritable(notes, OutputKind.SAVED_MODEL, true, FLAG))
                .isInstanceOf(OutputRefusedException.class).hasMessage(notes + ": is a file; expected a folder for a SavedModel folder written by KerasJ, left untouched");
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        Files.writeString(folder.resolve("thesis.tex"), "mine");
        for (OutputKind kind : new OutputKind[] {OutputKind.SAVED_MODEL, OutputKind.RUN, OutputKind.CHECKPOINT}) {
            assertThatThrownBy(() -> OwnedOutputs.checkWritable(folder, kind, true, FLAG))
                    .isInstanceOf(OutputRefusedException.class).hasMessageContaining("thesis.tex").hasMessageContaining("left untouched");
        }
        Path link = Files.createSymbolicLink(tmp.resolve("link"), folder);
        assertThatThrownBy(() -> OwnedOutputs.checkWritable(link, OutputKind.RUN, true, FLAG))
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("symbolic link");
        Path report = Files.writeString(tmp.resolve("model.json"), "{\"mine\": 1}");
        assertThatThrownBy(() -> OwnedOutputs.checkWritable(report, OutputKind.REPORT, true, FLAG))
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("KerasJ did not write");
    }

    @Test
    void absentAndEmptyTargetsAreWritableAndExistingOnesNeedOverwrite() throws Exception {
        assertThatCode(() -> OwnedOutputs.checkWritable(tmp.resolve("new/deeper"), OutputKind.RUN, false, FLAG)).doesNotThrowAnyException();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatCode(() -> OwnedOutputs.checkWritable(empty, OutputKind.SAVED_MODEL, false, FLAG)).doesNotThrowAnyException();
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("history.json"), "{}");
        OwnedOutputs.markRun(run);
        assertThatThrownBy(() -> OwnedOutputs.checkWritable(run, OutputKind.RUN, false, FLAG))
                .isInstanceOf(OutputRefusedException.class).hasMessage(run + ": already exists; pass --overwrite to replace it");
        assertThatCode(() -> OwnedOutputs.checkWritable(run, OutputKind.RUN, true, FLAG)).doesNotThrowAnyException();
        Files.writeString(run.resolve("my-notes.txt"), "added by the user");
        assertThatThrownBy(() -> OwnedOutputs.checkWritable(run, OutputKind.RUN, true, FLAG))
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("my-notes.txt");
        assertThatThrownBy(() -> OwnedOutputs.checkWritable(run, OutputKind.SAVED_MODEL, true, FLAG))
                .isInstanceOf(OutputRefusedException.class);
    }

    @Test
    void aKerasJSavedModelIsRecognisedAndLosesThatStatusWhenTouched() throws Exception {
        Path dir = tmp.resolve("model");
        try (Sequential model = new Sequential(3)) {
            model.add(new Flatten(4));
            model.add(new Dense(2, "softmax"));
            model.save(dir);
        }
        assertThat(OwnedOutputs.whyNotOwned(dir, OutputKind.SAVED_MODEL)).isNull();
        assertThat(OwnedOutputs.whyNotOwned(dir, OutputKind.RUN)).isNotNull();
        Files.writeString(dir.resolve("variables/extra.txt"), "mine");
        assertThat(OwnedOutputs.whyNotOwned(dir, OutputKind.SAVED_MODEL)).contains("variables/extra.txt");
    }

    @Test
    void aSavedModelKerasJDidNotWriteIsNotOurs() throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.write(foreign.resolve("saved_model.pb"), org.tensorflow.proto.SavedModel.newBuilder()
                .addMetaGraphs(org.tensorflow.proto.MetaGraphDef.newBuilder()).build().toByteArray());
        assertThat(OwnedOutputs.whyNotOwned(foreign, OutputKind.SAVED_MODEL)).isEqualTo("is a SavedModel that KerasJ did not write");
    }

    @Test
    void aCheckpointFolderIsOwnedWhenItHoldsOnlyABackupFileAndTemporariesOfKilledWrites() throws Exception {
        Path ck = Files.createDirectories(tmp.resolve("ck"));
        Path state = ck.resolve(BackupAndRestore.FILE_NAME);
        new TrainingState(1, 0.01, List.of(Map.of("loss", 1.0)), List.of(new float[] {1f}), List.of(), 1L).write(state);
        Files.writeString(ck.resolve("." + BackupAndRestore.FILE_NAME + ".tmp-123-456"), "half");
        assertThat(OwnedOutputs.whyNotOwned(ck, OutputKind.CHECKPOINT)).isNull();
        assertThatCode(() -> OwnedOutputs.checkWritable(ck, OutputKind.CHECKPOINT, true, FLAG)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OwnedOutputs.checkWritable(ck, OutputKind.CHECKPOINT, false, FLAG))
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("already exists; pass --overwrite");
        Files.delete(state);
        assertThat(OwnedOutputs.whyNotOwned(ck, OutputKind.CHECKPOINT)).as("a first write killed").isNull();
        Files.writeString(state, "not a backup");
        assertThat(OwnedOutputs.whyNotOwned(ck, OutputKind.CHECKPOINT))
                .isEqualTo("holds a " + BackupAndRestore.FILE_NAME + " that is not KerasJ's");
    }
}
