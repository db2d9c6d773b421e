package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.kerasj.KerasJException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted model files: every refusal is one KerasJException line naming the file and the reason. */
class LoadRefusalsTest {
    @TempDir
    Path tmp;

    private static String layer(String className, String config) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"" + className + "\", \"config\": " + config + ", \"registered_name\": null}";
    }

    private static String sequential(String... layers) {
        return "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + layer("InputLayer", "{\"batch_shape\": [null, 28, 28], \"name\": \"in\"}") + ", " + String.join(", ", layers) + "]}}";
    }

    private Path archive(String name, Map<String, byte[]> entries) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private Path kerasFile(String config) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("config.json", config.getBytes(StandardCharsets.UTF_8));
        entries.put("metadata.json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put("model.weights.h5", new byte[16]);
        return archive("m.keras", entries);
    }

    private static void refused(Path file, String... parts) {
        Refusals.refusedInOneLine(file, () -> KerasFiles.load(file, 1, w -> { }), parts);
    }

    @Test
    void lambdaLayersAndCustomObjectsAreRefusedAsSafeModeDoes() throws IOException {
        Path lambda = kerasFile(sequential(layer("Flatten", "{\"name\": \"f\"}"),
                layer("Lambda", "{\"name\": \"double\", \"function\": {\"class_name\": \"__lambda__\", \"config\": {\"code\": \"4wE\"}}}")));
        refused(lambda, "safe_mode", "Lambda 'double'");
        Path custom = kerasFile(sequential("{\"module\": \"my_project.layers\", \"class_name\": \"Fancy\", \"config\": {\"name\": \"x\"}, \"registered_name\": \"MyProject>Fancy\"}"));
        refused(custom, "safe_mode", "unregistered custom class MyProject>Fancy (module my_project.layers)");
    }

    @Test
    void unsupportedLayersAndOptionsAreAllNamedInOneLine() throws IOException {
        Path file = kerasFile(sequential(layer("Flatten", "{\"name\": \"f\"}"),
                layer("Dense", "{\"name\": \"d\", \"units\": 8, \"activation\": \"sparsemax\", \"use_bias\": false}"),
                layer("LayerNormalization", "{\"name\": \"bn\"}"),
                layer("Dense", "{\"name\": \"out\", \"units\": 10, \"kernel_regularizer\": {\"class_name\": \"MyPenalty\"}}")));
        refused(file, "Dense option activation='sparsemax' (layer 'd'", "Dense option use_bias=false (layer 'd')",
                "LayerNormalization (layer 'bn')", "Dense option kernel_regularizer=", "KerasJ supports InputLayer, Flatten, Dense, Dropout");
    }

    @Test
    void zipEntriesOutsideTheArchiveAndZipBombsAreRefused() throws IOException {
        Map<String, byte[]> slip = new LinkedHashMap<>();
        slip.put("config.json", "{}".getBytes(StandardCharsets.UTF_8));
        slip.put("../../evil.sh", "x".getBytes(StandardCharsets.UTF_8));
        refused(archive("slip.keras", slip), "'../../evil.sh' points outside the archive");

        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put("config.json", sequential(layer("Flatten", "{\"name\": \"f\"}")).getBytes(StandardCharsets.UTF_8));
        bomb.put("model.weights.h5", new byte[64 << 20]);
        refused(archive("bomb.keras", bomb), "model.weights.h5 expands beyond", "zip bomb");
        assertThat(Files.size(tmp.resolve("bomb.keras"))).isLessThan(1 << 20);
    }

    @Test
    void otherFilesAndMissingPiecesAreRefused() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.h5"), "not a model");
        refused(text, "neither a zip (.keras) nor an HDF5 (.h5) file");
        refused(tmp.resolve("missing.keras"), "no such file");
        Map<String, byte[]> noWeights = new LinkedHashMap<>();
        noWeights.put("config.json", "{}".getBytes(StandardCharsets.UTF_8));
        refused(archive("noweights.keras", noWeights), "has no model.weights.h5");
        refused(kerasFile("[1, 2"), "config.json is not valid JSON");
        refused(kerasFile("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [" + layer("Flatten", "{\"name\": \"f\"}") + "]}}"),
                "declares no input shape");
        Path weightsOnly = tmp.resolve("weights.h5");
        try (WritableHdfFile h5 = HdfFile.write(weightsOnly)) {
            h5.putAttribute("layer_names", new String[] {"dense"});
            h5.putGroup("dense").putDataset("kernel", new float[] {1f});
        }
        refused(weightsOnly, "weights-only file");
    }

    @Test
    void aSavedModelWithoutKerasMetadataIsRefusedWithTheWayOut() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("export"));
        Files.write(dir.resolve("saved_model.pb"), new byte[0]);
        refused(dir, "without keras_metadata.pb", "model.save('m.keras')");
    }

    @Test
    void functionalModelsWithoutInputsOrWithLayersOffTheGraphAreRefused() throws IOException {
        String noInputs = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"two\", \"layers\": [], "
                + "\"input_layers\": [], \"output_layers\": [[\"out\", 0, 0]]}}";
        refused(kerasFile(noInputs), "model 'two' has no input_layers");
        String branch = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"branchy\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"in\", \"batch_input_shape\": [null, 4]}, \"inbound_nodes\": []},"
                + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"a\", \"units\": 2}, \"inbound_nodes\": [[[\"in\", 0, 0, {}]]]},"
                + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"b\", \"units\": 2}, \"inbound_nodes\": [[[\"in\", 0, 0, {}]]]}],"
                + "\"input_layers\": [[\"in\", 0, 0]], \"output_layers\": [[\"a\", 0, 0]]}}";
        refused(kerasFile(branch), "layers [b] of model 'branchy' lead to none of its outputs");
    }

    @Test
    @Tag("python")
    void realKeras3LambdaAndCnnFilesAreRefused() {
        Path dir = SavingTestData.kerasFiles();
        refused(dir.resolve("lambda.keras"), "safe_mode", "Lambda 'lambda'");
        // its Conv2D's kernel_regularizer="l2" is KerasJ's; its GaussianNoise is not
        refused(dir.resolve("conv.keras"), "GaussianNoise (layer 'gaussian_noise')", "KerasJ supports", "Conv2D, MaxPooling2D");
    }
}
