package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.testing.PythonArtifacts;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Keras 3 {@code model.export()} SavedModels that {@code kerasj predict} once got wrong (written at test time by
 * python-reference/make_predict_models.py): each now gives Python's accuracy.
 */
@Tag("python")
class PredictKeras3ExportsTest {
    private static Path dir;
    private static JsonNode expected;

    @BeforeAll
    static void makeModels() throws Exception {
        dir = PythonArtifacts.predictModels();
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    }

    private static JsonNode evaluate(String... args) throws Exception {
        KerasJTest.Run run = KerasJTest.run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void sameAccuracy(String model, JsonNode evaluation) {
        System.out.printf("kerasj predict %s: %s (Python accuracy %s)%n", model, evaluation, expected.at("/" + model + "/accuracy"));
        assertThat(evaluation.get("accuracy").asDouble()).isCloseTo(expected.at("/" + model + "/accuracy").asDouble(), within(1e-9));
    }

    @Test
    void aRescalingModelTakesRawPixelsByDefault() throws Exception {
        JsonNode onTestSet = evaluate("predict", "--model", p("rescaling"), "--evaluate", "--json", "--first", "0",
                "--data-dir", FashionMnist.SYSTEM_DIR.toString());
        assertThat(onTestSet.get("scale").asText()).isEqualTo("1");
        sameAccuracy("rescaling", onTestSet.get("evaluate"));
        sameAccuracy("rescaling", evaluate("predict", "--model", p("rescaling"), "--input", p("test_uint8.npy"),
                "--labels", p("test_labels.npy"), "--evaluate", "--json").get("evaluate"));
    }

    @Test
    void aSigmoidModelIsEvaluatedAgainstBinaryLabels() throws Exception {
        JsonNode e = evaluate("predict", "--model", p("sigmoid"), "--input", p("test_uint8.npy"), "--labels", p("binary_labels.npy"),
                "--evaluate", "--json").get("evaluate");
        sameAccuracy("sigmoid", e);
        assertThat(e.get("loss").isNumber()).isTrue();
        JsonNode tenLabels = evaluate("predict", "--model", p("sigmoid"), "--evaluate", "--json", "--first", "1",
                "--data-dir", FashionMnist.SYSTEM_DIR.toString()).get("evaluate");
        assertThat(tenLabels.get("accuracy").isNull()).isTrue();
        assertThat(tenLabels.get("note").asText()).contains("one output").contains("[0, 9]");
    }

    @Test
    void aThreeClassModelGivesItsAccuracyOrSaysWhyNot() throws Exception {
        sameAccuracy("three", evaluate("predict", "--model", p("three"), "--input", p("three_images.npy"), "--labels", p("three_labels.npy"),
                "--evaluate", "--json").get("evaluate"));
        KerasJTest.Run text = KerasJTest.run("predict", "--model", p("three"), "--evaluate", "--data-dir", FashionMnist.SYSTEM_DIR.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("accuracy: n/a (the labels range over [0, 9] but the model outputs 3 values: no accuracy)");
    }

    @Test
    void twoOutputsAreNeverGuessed() throws Exception {
        KerasJTest.Run refused = KerasJTest.run("predict", "--model", p("two_outputs"), "--data-dir", FashionMnist.SYSTEM_DIR.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("has outputs [logits, probabilities]: name the one to use with --output NAME");
        JsonNode e = evaluate("predict", "--model", p("two_outputs"), "--output", "probabilities", "--evaluate", "--json", "--first", "0",
                "--data-dir", FashionMnist.SYSTEM_DIR.toString());
        sameAccuracy("two_outputs", e.get("evaluate"));
        JsonNode logits = evaluate("predict", "--model", p("two_outputs"), "--output", "logits", "--evaluate", "--json", "--first", "0",
                "--data-dir", FashionMnist.SYSTEM_DIR.toString()).get("evaluate");
        assertThat(logits.get("outputs_are_probabilities").asBoolean()).isFalse();
        assertThat(logits.get("loss").isNull()).isTrue();
    }

    @Test
    void twoInputsTakeOneNamedArrayEach() throws Exception {
        sameAccuracy("two_inputs", evaluate("predict", "--model", p("two_inputs"), "--input", "left=" + p("left.npy"),
                "right=" + p("right.npy"), "--labels", p("test_labels.npy"), "--evaluate", "--json").get("evaluate"));
        KerasJTest.Run missing = KerasJTest.run("predict", "--model", p("two_inputs"), "--input", "left=" + p("left.npy"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no NAME=PATH for input(s) [right]");
    }
}
