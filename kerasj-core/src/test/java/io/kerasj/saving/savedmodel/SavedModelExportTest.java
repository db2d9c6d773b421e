package io.kerasj.saving.savedmodel;

import io.kerasj.engine.SmallProblems;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.KerasJException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class SavedModelExportTest {

    @Test
    void batchNormalizationIsExportedWithItsMovingStatistics(@TempDir Path tmp) {
        SmallProblems data = SmallProblems.blobs(60, 2);
        Path dir = tmp.resolve("bn");
        try (Sequential model = new Sequential(5)) {
            model.add(new io.kerasj.layers.Flatten(SmallProblems.FEATURES));
            model.add(new io.kerasj.layers.BatchNormalization());
            model.add(new io.kerasj.layers.Dense(SmallProblems.CLASSES, "softmax"));
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0));
            assertThat(model.layers().get(1).getWeights().get(2)).isNotEqualTo(new float[SmallProblems.FEATURES]);
            float[][] expected = model.predict(data.x);
            model.save(dir);
            try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
                 TFloat32 x = TFloat32.tensorOf(Shape.of(60, SmallProblems.FEATURES), DataBuffers.of(data.x.toArray()));
                 Result result = bundle.call(Map.of("flatten_input", x))) {
                TFloat32 out = (TFloat32) result.get("dense").orElseThrow();
                for (int i = 0; i < 60; i++) {
                    for (int c = 0; c < SmallProblems.CLASSES; c++) {
                        assertThat(out.getFloat(i, c)).isCloseTo(expected[i][c], org.assertj.core.data.Offset.offset(1e-6f));
                    }
                }
            }
        }
    }

    @Test
    void rawTensorFlowLoadsItThroughTheSignature(@TempDir Path tmp) {
        SmallProblems data = SmallProblems.blobs(50, 1);
        Path dir = tmp.resolve("model");
        try (Sequential model = SmallProblems.mlp(3)) {
            float[][] expected = model.predict(data.x);
            model.save(dir);
            try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
                Signature signature = bundle.signatures().stream().filter(s -> s.key().equals("serving_default")).findFirst().orElseThrow();
                assertThat(signature.inputNames()).containsExactly("flatten_input");
                assertThat(signature.outputNames()).containsExactly("dense_1");
                assertThat(signature.getInputs().get("flatten_input").shape.asArray()).containsExactly(-1, 4);
                try (TFloat32 x = TFloat32.tensorOf(Shape.of(50, 4), DataBuffers.of(data.x.toArray()));
                     Result result = bundle.call(Map.of("flatten_input", x))) {
                    TFloat32 out = (TFloat32) result.get("dense_1").orElseThrow();
                    for (int i = 0; i < 50; i++) {
                        for (int c = 0; c < 3; c++) {
                            assertThat(out.getFloat(i, c)).isCloseTo(expected[i][c], org.assertj.core.data.Offset.offset(1e-6f));
                        }
                    }
                }
            }
        }
    }

    @Test
    void refusesAnExistingDirectoryUnlessOverwriteAndReplacesOnlyItsOwnExports(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep.txt"), "old");
        try (Sequential model = SmallProblems.mlp(4)) {
            assertThatThrownBy(() -> SavedModelExport.export(model, dir, false))
                    .isInstanceOf(KerasJException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> model.save(dir, true)).isInstanceOf(io.kerasj.io.OutputRefusedException.class)
                    .hasMessageContaining("keep.txt").hasMessageContaining("left untouched");
            assertThat(dir.resolve("keep.txt")).hasContent("old");
            Files.delete(dir.resolve("keep.txt"));
            model.save(dir, false); // an empty folder counts as absent
            byte[] first = Files.readAllBytes(dir.resolve("variables/variables.data-00000-of-00001"));
            try (Sequential other = SmallProblems.mlp(9)) {
                other.save(dir, true);
            }
            assertThat(Files.readAllBytes(dir.resolve("variables/variables.data-00000-of-00001"))).isNotEqualTo(first);
        }
        assertThat(dir.resolve("saved_model.pb")).exists();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model");
        }
    }

    @Test
    void aFailureMidwayLeavesTheOldModelIntactAndNoPartialDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        try (Sequential model = SmallProblems.mlp(5)) {
            SavedModelExport.export(model, dir, false);
            byte[] before = Files.readAllBytes(dir.resolve("variables/variables.data-00000-of-00001"));
            try (Sequential other = SmallProblems.mlp(6)) {
                assertThatThrownBy(() -> SavedModelExport.export(other, dir, true, () -> {
                    throw new IllegalStateException("disk full");
                })).isInstanceOf(KerasJException.class).hasMessageContaining("disk full").hasMessageContaining(dir.toString());
            }
            assertThat(Files.readAllBytes(dir.resolve("variables/variables.data-00000-of-00001"))).isEqualTo(before);
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model");
        }
    }
}
