package io.kerasj.saving.keras;

import io.kerasj.saving.savedmodel.KerasModelImport;
import io.kerasj.saving.savedmodel.KerasModelImportTest;
import io.kerasj.saving.savedmodel.SavedModelExport;

import io.kerasj.saving.savedmodel.SavedModelException;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weight import on small SavedModels exported by KerasJ, with a hand-written keras_metadata.pb. */
class KerasModelImportErrorsTest {
    @TempDir
    Path tmp;

    private static final String INPUT = "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 4], \"name\": \"flatten_input\"}}";
    private static final String FLATTEN = "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flatten\"}}";
    private static final String DENSE = "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 3, \"activation\": \"softmax\"}}";

    /** Exports Flatten(4) / Dense(3, softmax) and writes keras_metadata.pb with the given layer configs. */
    private Path exported(String... layers) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "m").resolve("m");
        try (Sequential model = new Sequential(5)) {
            model.add(new Flatten(4));
            model.add(new Dense(3, "softmax"));
            SavedModelExport.export(model, dir, false);
        }
        if (layers.length > 0) {
            String json = "{\"class_name\": \"Sequential\", \"keras_version\": \"2.12.0\", \"config\": {\"name\": \"sequential\", \"layers\": ["
                    + String.join(", ", layers) + "]}}";
            UnknownFieldSet node = UnknownFieldSet.newBuilder()
                    .addField(3, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("root")).build())
                    .addField(4, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("_tf_keras_sequential")).build())
                    .addField(5, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(json)).build())
                    .build();
            UnknownFieldSet meta = UnknownFieldSet.newBuilder()
                    .addField(1, UnknownFieldSet.Field.newBuilder().addLengthDelimited(node.toByteString()).build()).build();
            Files.write(dir.resolve("keras_metadata.pb"), meta.toByteArray());
        }
        return dir;
    }

    @Test
    void importsAKerasJExportWithMetadataAndPredictsTheSame() throws Exception {
        Path dir = exported(INPUT, FLATTEN, DENSE);
        FloatSamples x = FloatSamples.of(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0.5f, 0.5f, 2, -1}, 4);
        try (KerasSavedModel saved = KerasSavedModel.load(dir); Sequential java = KerasModelImport.toSequential(saved, 1)) {
            assertThat(java.inputShape()).containsExactly(4);
            assertThat(KerasModelImportTest.maxAbsDifference(saved.predict(x), java.predict(x))).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void unsupportedLayerIsNamedWithItsClass() throws Exception {
        Path dir = exported(INPUT, "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"conv2d\", \"filters\": 8}}", DENSE);
        try (KerasSavedModel saved = KerasSavedModel.load(dir)) {
            assertThatThrownBy(() -> KerasModelImport.toSequential(saved, 1)).isInstanceOf(SavedModelException.class)
                    .hasMessage(dir + ": cannot import layer conv2d of class Conv2D: KerasJ supports Flatten, Dense, Dropout, InputLayer");
        }
    }

    @Test
    void weightShapeMismatchIsAnError() throws Exception {
        Path dir = exported(INPUT, FLATTEN, DENSE.replace("\"units\": 3", "\"units\": 5"));
        try (KerasSavedModel saved = KerasSavedModel.load(dir)) {
            assertThatThrownBy(() -> KerasModelImport.toSequential(saved, 1)).isInstanceOf(SavedModelException.class)
                    .hasMessage(dir + ": variable dense/kernel has shape [4, 3], expected [4, 5] for layer dense");
        }
    }

    @Test
    void unknownActivationAndMissingInputShapeAreErrors() throws Exception {
        Path dir = exported(FLATTEN, DENSE.replace("softmax", "sparsemax"));
        try (KerasSavedModel saved = KerasSavedModel.load(dir)) {
            assertThatThrownBy(() -> KerasModelImport.toSequential(saved, 1)).isInstanceOf(SavedModelException.class)
                    .hasMessageContaining("cannot import layer flatten of class Flatten: the model declares no input shape");
        }
        Path gelu = exported(INPUT, FLATTEN, DENSE.replace("softmax", "sparsemax"));
        try (KerasSavedModel saved = KerasSavedModel.load(gelu)) {
            assertThatThrownBy(() -> KerasModelImport.toSequential(saved, 1)).isInstanceOf(SavedModelException.class)
                    .hasMessageContaining("cannot import layer dense of class Dense: activation: expected one of relu");
        }
    }

    @Test
    void withoutKerasMetadataTheMessageSaysSo() throws Exception {
        Path dir = exported();
        try (KerasSavedModel saved = KerasSavedModel.load(dir)) {
            assertThatThrownBy(() -> KerasModelImport.toSequential(saved, 1)).isInstanceOf(SavedModelException.class)
                    .hasMessageContaining("has no keras_metadata.pb");
        }
    }
}
