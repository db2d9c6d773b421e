package io.kerasj.saving.keras;

import io.kerasj.saving.savedmodel.SavedModelExport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.cli.FashionMnistModels;
import io.kerasj.models.Sequential;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.SafetyReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * KerasJ's own exports (TF1-style graphs: VariableV2, Assign), every model of the series, pass the op allow-list:
 * the list is not too narrow for them, and a refusal here names the op types to review into it.
 */
@Tag("slow")
class JavaExportOpsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(FashionMnistModels.class)
    void everySeriesModelExportedByKerasJPassesTheAllowList(FashionMnistModels which) {
        FloatSamples images = FloatSamples.of(new float[4 * 28 * 28], 28, 28);
        Path dir = tmp.resolve(which.id());
        try (Sequential model = which.build(3, images)) {
            SavedModelExport.export(model, dir, false);
        }
        try (KerasSavedModel loaded = KerasSavedModel.load(dir)) {
            SafetyReport report = loaded.safetyReport();
            assertThat(report.safe()).as(report.verdict()).isTrue();
            assertThat(report.reachableOps()).contains("MatMul", "Softmax");
        }
    }
}
