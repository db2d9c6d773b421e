package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The op-safety scan on TF Java exports: refuses file-reading graphs, accepts the reference models. */
class OpSafetyScannerTest {
    @TempDir
    Path tmp;

    @Test
    void refusesAModelThatReadsAFile() throws Exception {
        Path dir = TinyModels.readsFile(tmp.resolve("reads-file"));
        assertThatThrownBy(() -> KerasSavedModel.load(dir))
                .isInstanceOf(SavedModelException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("ReadFile (in graph)")
                .hasMessageContaining("allowUnsafeOps");
    }

    @Test
    void runsAFileReadingModelWhenAllowed() throws Exception {
        Path dir = TinyModels.readsFile(tmp.resolve("reads-file"));
        try (KerasSavedModel m = KerasSavedModel.load(dir, LoadOptions.defaults().allowUnsafeOps(true))) {
            assertThat(m.safetyReport().safe()).isFalse();
            assertThat(m.safetyReport().reachableOps()).contains("ReadFile", "StringLength");
            assertThat(m.safetyReport().unsafeOps()).extracting(SafetyReport.UnsafeOp::op).contains("ReadFile");
            assertThat(m.safetyReport().verdict()).startsWith("UNSAFE: ").contains("ReadFile (in graph)");
            float[][] y = m.predict(FloatSamples.of(new float[784], 28, 28));
            assertThat(y[0]).hasSize(784);
        }
    }

    @Test
    void acceptsASafeTinyModelDespiteItsSaveAndRestorePath() throws Exception {
        Path dir = TinyModels.safe(tmp.resolve("safe"));
        try (KerasSavedModel m = KerasSavedModel.load(dir)) {
            assertThat(m.safetyReport().safe()).isTrue();
            assertThat(m.predict(FloatSamples.of(new float[784 * 3], 28, 28))).hasNumberOfRows(3);
        }
    }

    @Test
    void bothReferenceModelsPassAndTheirRestorePathIsNotFlagged() {
        for (String name : new String[] {ReferenceModels.KERAS212, ReferenceModels.KERAS214}) {
            Path dir = ReferenceModels.dir(name);
            SafetyReport r = OpSafetyScanner.scan(SavedModelFiles.read(dir, java.util.List.of("serve")).metaGraph());
            assertThat(r.safe()).as(name + ": " + r.verdict()).isTrue();
            assertThat(r.reachableOps()).contains("StatefulPartitionedCall", "MatMul", "Softmax", "RestoreV2");
            assertThat(r.reachableOps()).doesNotContain("SaveV2", "MergeV2Checkpoints");
            SafetyReport serving = OpSafetyScanner.scan(SavedModelFiles.read(dir, java.util.List.of("serve")).metaGraph(), "serving_default");
            assertThat(serving.reachableOps()).doesNotContain("RestoreV2", "SaveV2");
        }
    }
}
