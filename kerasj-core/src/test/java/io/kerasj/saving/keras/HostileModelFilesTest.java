package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile model files (issue 20): configs that made the chain walk loop forever, graphs with cycles, weights whose declared shape is not
 * the layer's. Each is refused in one line naming the file, quickly, before reading any weight.
 */
class HostileModelFilesTest {
    @TempDir
    Path tmp;

    static String inputLayer(String name, int size) {
        return "{\"class_name\": \"InputLayer\", \"name\": \"" + name + "\", \"config\": {\"batch_shape\": [null, " + size
                + "], \"name\": \"" + name + "\"}, \"inbound_nodes\": []}";
    }

    static String dense(String name, int units, String from) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name
                + "\", \"units\": " + units + ", \"activation\": \"linear\"}, \"inbound_nodes\": " + inbound(from) + "}";
    }

    static String inbound(String from) {
        return "[{\"args\": [{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"" + from
                + "\", 0, 0]}}], \"kwargs\": {}}]";
    }

    static String functional(String input, String output, String... layers) {
        return "{\"module\": \"keras\", \"class_name\": \"Functional\", \"config\": {\"name\": \"f\", \"layers\": ["
                + String.join(", ", layers) + "], \"input_layers\": [\"" + input + "\", 0, 0], \"output_layers\": [\"" + output
                + "\", 0, 0]}}";
    }

    static String sequentialDense(int inputs, int units) {
        return "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + inputLayer("in", inputs) + ", {\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": "
                + "\"dense\", \"units\": " + units + ", \"activation\": \"linear\"}}]}}";
    }

    static Path keras(Path file, String config, byte[] weights) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(config.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("metadata.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("model.weights.h5"));
            zip.write(weights);
            zip.closeEntry();
        }
        return file;
    }

    static void refusedQuickly(Path file, String... parts) {
        Refusals.refusedQuickly(file, () -> KerasFiles.load(file, 0, w -> { }), parts);
    }

    @Test
    void twoLayersNamedAlikeInAFunctionalModelAreRefusedInsteadOfLoopingForever() throws IOException {
        // before: in -> x -> x, the output elsewhere, made the chain walk go from 'x' to 'x' forever (300 s, 5.85 GB)
        Path file = keras(tmp.resolve("dup.keras"), functional("in", "out", inputLayer("in", 4), dense("x", 3, "in"), dense("x", 2, "x")), new byte[16]);
        refusedQuickly(file, "two layers are named 'x': expected unique layer names");
        Path other = keras(tmp.resolve("dup2.keras"), functional("in", "x", inputLayer("in", 4), dense("x", 3, "in"), dense("x", 2, "x")), new byte[16]);
        refusedQuickly(other, "two layers are named 'x'");
    }

    @Test
    void aCycleOrAnInboundLayerThatDoesNotExistIsRefusedInOneLine() throws IOException {
        Path ghost = keras(tmp.resolve("ghost.keras"), functional("in", "b", inputLayer("in", 4), dense("a", 3, "in"), dense("b", 2, "ghost")), new byte[16]);
        refusedQuickly(ghost, "takes the output of 'ghost'", "no layer of model 'f'");
        // the input takes b's output: in -> a -> b -> in -> ...
        String cyclicInput = inputLayer("in", 4).replace("\"inbound_nodes\": []", "\"inbound_nodes\": " + inbound("b"));
        Path inputCycle = keras(tmp.resolve("cycle0.keras"), functional("in", "b", cyclicInput, dense("a", 3, "in"), dense("b", 3, "a")), new byte[16]);
        refusedQuickly(inputCycle, "InputLayer (layer 'in') of model 'f' takes the output of [b[0][0]]: an input takes no layer's output");
        // c, the output, takes its own output
        Path cycle = keras(tmp.resolve("cycle.keras"), functional("in", "c", inputLayer("in", 4), dense("a", 3, "in"), dense("b", 3, "a"),
                dense("c", 3, "c")), new byte[16]);
        refusedQuickly(cycle, "model 'f' has a cycle: layer 'c' (node 0) waits for [c[0][0]]");
        Path offPath = keras(tmp.resolve("off.keras"), functional("in", "c", inputLayer("in", 4), dense("a", 3, "in"), dense("b", 3, "a"),
                dense("c", 3, "b"), dense("d", 3, "c"), dense("e", 3, "d")), new byte[16]);
        refusedQuickly(offPath, "layers [d, e] of model 'f' lead to none of its outputs");
        Path missingOutput = keras(tmp.resolve("out.keras"), functional("in", "zzz", inputLayer("in", 4), dense("a", 3, "in")), new byte[16]);
        refusedQuickly(missingOutput, "the output of model 'f' is 'zzz', which is no layer of model 'f'");
    }

    @Test
    void aWeightDeclaringAnotherShapeThanItsLayerIsRefusedBeforeItIsRead() throws IOException {
        Path h5 = tmp.resolve("w.h5");
        try (WritableHdfFile out = HdfFile.write(h5)) {
            var vars = out.putGroup("layers").putGroup("dense").putGroup("vars");
            vars.putDataset("0", new float[5][7]);
            vars.putDataset("1", new float[3]);
        }
        Path file = keras(tmp.resolve("shape.keras"), sequentialDense(4, 3), Files.readAllBytes(h5));
        refusedQuickly(file, "layers/dense/vars/0 declares shape (5, 7), expected (4, 3) for layer 'dense': refused before reading");
    }

    @Test
    void aWeightMissingOrExtraIsNamedWithTheDeclaredShapes() throws IOException {
        Path h5 = tmp.resolve("w.h5");
        try (WritableHdfFile out = HdfFile.write(h5)) {
            out.putGroup("layers").putGroup("dense").putGroup("vars").putDataset("0", new float[4][3]);
        }
        Path file = keras(tmp.resolve("count.keras"), sequentialDense(4, 3), Files.readAllBytes(h5));
        refusedQuickly(file, "layer 'dense' has 1 weights in the file [layers/dense/vars/0 (4, 3)], expected 2 [(4, 3), (3)]");
    }
}
