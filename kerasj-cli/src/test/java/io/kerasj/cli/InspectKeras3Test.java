package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.testing.PythonArtifacts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code kerasj inspect} and the messages on Keras 3 SavedModels: model.export() and tf.saved_model.save. */
@Tag("python")
class InspectKeras3Test {
    private static Path dir;

    @BeforeAll
    static void makeModels() {
        dir = PythonArtifacts.predictModels();
    }

    @Test
    void aKeras3ExportListsEachWeightOnceAndHidesTheInitOp() {
        KerasJTest.Run run = KerasJTest.run("inspect", dir.resolve("rescaling").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("__saved_model_init_op").contains("signature_def['serving_default']");
        String variables = run.out().substring(run.out().indexOf("  Variables ("));
        List<String> lines = variables.lines().skip(1).takeWhile(l -> l.startsWith("    ")).map(String::strip).toList();
        System.out.println("inspect Keras 3 export variables: " + lines);
        assertThat(variables).startsWith("  Variables (4):");
        assertThat(lines).hasSize(4).doesNotHaveDuplicates().noneMatch(l -> l.startsWith("Variable"));
        assertThat(lines).anyMatch(l -> l.matches("sequential/dense/kernel +DT_FLOAT +\\(784, 64\\)"));
    }

    @Test
    void tfSavedModelSaveAroundKeras3IsShownAndExplained() {
        Path model = dir.resolve("tf_saved_model");
        KerasJTest.Run inspect = KerasJTest.run("inspect", model.toString());
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("signature_def['serving_default']")
                .contains("serving_default output: not probed: ").contains("tf.saved_model.save").contains("model.export(dir)");
        KerasJTest.Run predict = KerasJTest.run("predict", "--model", model.toString());
        assertThat(predict.exitCode()).isEqualTo(1);
        assertThat(predict.err().strip()).doesNotContain("\n").startsWith("kerasj: error: " + model)
                .contains("written by tf.saved_model.save around Keras 3 layers").endsWith("re-export it from Keras with model.export(dir)");
    }
}
