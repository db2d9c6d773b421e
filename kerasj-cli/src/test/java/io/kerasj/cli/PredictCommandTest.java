package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.saving.savedmodel.SavedModelExport;
import io.kerasj.models.Sequential;
import io.kerasj.testing.FashionMnistData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kerasj predict} on the Python reference models and on KerasJ exports. */
class PredictCommandTest {
    private Path data;
    private static final Path REFERENCES = Path.of("").toAbsolutePath().getParent().resolve("shared").resolve("reference-models");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void needsData() {
        data = FashionMnistData.dir();
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new PredictCommand());
        ErrorHandler handler = new ErrorHandler();
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static Path reference(String name) {
        Path dir = REFERENCES.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("saved_model.pb")),
                "reference model " + name + " not found in " + REFERENCES + " (../shared/reference-models/ beside the project)");
        return dir;
    }

    private JsonNode predictJson(Path model) throws Exception {
        assertThat(run("--model", model.toString(), "--first", "3", "--evaluate", "--json", "--data-dir", data.toString()))
                .as("stderr: %s", err).isZero();
        assertThat(out.toString()).hasLineCount(1);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    @Tag("parity")
    void keras212JsonHasTheReferenceAccuracy() throws Exception {
        Path model = reference("keras212-mlp-300-100");
        JsonNode json = predictJson(model);
        System.out.println("kerasj predict keras212: " + json.path("evaluate"));
        assertThat(json.path("model").asText()).isEqualTo(model.toString());
        assertThat(json.path("signature").asText()).isEqualTo("serving_default");
        assertThat(json.path("first")).hasSize(3);
        assertThat(json.path("first").get(0).path("index").asInt()).isZero();
        assertThat(json.path("first").get(0).path("probabilities")).hasSize(10);
        assertThat(json.path("first").get(0).path("true").asInt()).isEqualTo(9);
        assertThat(json.path("first").get(0).path("true_name").asText()).isEqualTo("Ankle boot");
        assertThat(json.path("first").get(1).path("true_name").asText()).isEqualTo("Pullover");
        assertThat(json.path("first").get(2).path("true_name").asText()).isEqualTo("Trouser");
        assertThat(json.path("evaluate").path("images").asInt()).isEqualTo(10_000);
        assertThat(json.path("evaluate").path("accuracy").asDouble()).isCloseTo(0.8844, within(1e-9));
        assertThat(json.path("evaluate").path("loss").isNumber()).isTrue();
    }

    @Test
    @Tag("parity")
    void keras214JsonHasPythonsAccuracyAndLoss() throws Exception {
        JsonNode json = predictJson(reference("keras214-mlp-128-64-dropout"));
        System.out.println("kerasj predict keras214: " + json.path("evaluate"));
        assertThat(json.path("first").get(0).path("predicted").asInt()).isEqualTo(9);
        assertThat(json.path("first").get(0).path("probabilities").get(9).asDouble()).isCloseTo(0.99880338, within(1e-6));
        assertThat(json.path("evaluate").path("accuracy").asDouble()).isCloseTo(0.8821, within(1e-9));
        assertThat(json.path("evaluate").path("loss").asDouble()).isCloseTo(0.3507815897464752, within(1e-4));
    }

    @Test
    @Tag("parity")
    void keras212TextShowsRoundedProbabilitiesAndClassNames() {
        assertThat(run("--model", reference("keras212-mlp-300-100").toString(), "--evaluate", "--data-dir", data.toString())).isZero();
        System.out.print("kerasj predict keras212 text:\n" + out);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).matches("0: \\[(\\d\\.\\d\\d ){9}\\d\\.\\d\\d\\] predicted Ankle boot, true Ankle boot");
        assertThat(lines[1]).startsWith("1: [").endsWith(", true Pullover");
        assertThat(lines[2]).startsWith("2: [").endsWith("predicted Trouser, true Trouser");
        assertThat(lines[3]).isEqualTo("accuracy: 0.8844 (10000 test images)");
        assertThat(lines[4]).matches("loss: \\d\\.\\d{4}");
    }

    private Path exportNotebookModel(Path dir, boolean softmax) {
        try (Sequential model = new Sequential(3)) {
            model.add(new Flatten(28, 28));
            model.add(new Dense(300, "relu"));
            model.add(new Dense(100, "relu"));
            model.add(new Dense(10, softmax ? "softmax" : null));
            SavedModelExport.export(model, dir, false);
        }
        return dir;
    }

    @Test
    void predictsWithAKerasJExport() throws Exception {
        JsonNode json = predictJson(exportNotebookModel(tmp.resolve("model"), true));
        assertThat(json.path("first")).hasSize(3);
        double sum = 0;
        for (JsonNode p : json.path("first").get(0).path("probabilities")) {
            sum += p.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertThat(json.path("evaluate").path("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.path("evaluate").path("outputs_are_probabilities").asBoolean()).isTrue();
        assertThat(json.path("evaluate").path("loss").asDouble()).isPositive();
    }

    @Test
    void logitsHaveNoLoss() {
        Path model = exportNotebookModel(tmp.resolve("logits"), false);
        assertThat(run("--model", model.toString(), "--first", "1", "--evaluate", "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).startsWith("0: [").endsWith("loss: n/a (outputs are not probabilities)\n");
    }

    @Test
    void aModelThatCannotTakeImagesFailsWithOneLine() {
        Path dir = tmp.resolve("small");
        try (Sequential model = new Sequential(3)) {
            model.add(new Flatten(4));
            model.add(new Dense(3, "softmax"));
            SavedModelExport.export(model, dir, false);
        }
        assertThat(run("--model", dir.toString(), "--data-dir", data.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("kerasj: error: signature serving_default input flatten_input expects [-1,4], cannot take samples of shape [28,28]\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownSignatureAndMissingModelAreOneLineErrors() {
        Path model = exportNotebookModel(tmp.resolve("model"), true);
        assertThat(run("--model", model.toString(), "--signature", "nope", "--data-dir", data.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("kerasj: error: " + model + " has no signature 'nope'").hasLineCount(1);
        err.getBuffer().setLength(0);
        assertThat(run("--model", tmp.resolve("none").toString(), "--data-dir", data.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("kerasj: error: SavedModel directory " + tmp.resolve("none") + " does not exist\n");
        err.getBuffer().setLength(0);
        assertThat(run("--model", model.toString(), "--first", "-1", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kerasj: error: --first: expected a number in [0, 10000], found -1").hasLineCount(1);
    }
}
