package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.BatchShapeTolerance;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Dataset;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.data.Predictions;
import io.kerasj.models.Sequential;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kerasj predict --input ...}: your own images, CSV rows and arrays, on a Java-saved .keras model. */
class PredictInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 200;
    @TempDir
    static Path tmp;
    private static Path model;
    private static Dataset test;
    private static float[][] expected;

    @BeforeAll
    static void trainAndSave() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(FashionMnist.SYSTEM_DIR.resolve("t10k-images-idx3-ubyte.gz")),
                "Fashion-MNIST not found in " + FashionMnist.SYSTEM_DIR);
        var data = FashionMnist.withDefaults(FashionMnist.SYSTEM_DIR).loadData();
        test = data.test().slice(0, N);
        model = tmp.resolve("m.keras");
        try (Sequential m = new Sequential(5)) {
            m.add(new Flatten(28, 28));
            m.add(new Dense(32, "relu"));
            m.add(new Dense(10, "softmax"));
            m.compile("sparse_categorical_crossentropy", "adam", "accuracy");
            Dataset train = data.train().slice(0, 5000);
            m.fit(train.scaled(), train.labels(), FitOptions.defaults().epochs(1).verbose(0));
            m.save(model);
            expected = m.predict(test.scaled());
        }
    }

    private static List<JsonNode> jsonLines(KerasJTest.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void aFolderOfPngsInClassFoldersPredictsAndEvaluatesLikeTheModel() throws Exception {
        Path folder = tmp.resolve("my_images");
        for (int i = 0; i < N; i++) {
            Path dir = Files.createDirectories(folder.resolve(FashionMnist.className(test.label(i)).replace("/", "_")));
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            byte[] pixels = test.image(i);
            for (int p = 0; p < pixels.length; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, pixels[p] & 0xFF);
            }
            ImageIO.write(image, "png", dir.resolve(String.format(Locale.ROOT, "%04d.png", i)).toFile());
        }
        Path names = Files.writeString(tmp.resolve("names.txt"), String.join("\n",
                FashionMnist.CLASS_NAMES.stream().map(n -> n.replace("/", "_")).toList()));
        List<JsonNode> lines = jsonLines(KerasJTest.run("predict", "--model", model.toString(), "--input", folder.toString(),
                "--class-names", names.toString(), "--evaluate", "--json", "--top-k", "2", "--batch-size", "64"));
        assertThat(lines).hasSize(N + 2);
        assertThat(lines.get(0).at("/settings/input input").asText()).isEqualTo("[28,28] scale 1/255");
        double max = 0;
        int correct = 0;
        for (int l = 1; l <= N; l++) {
            JsonNode line = lines.get(l);
            int i = Integer.parseInt(Path.of(line.get("input").asText()).getFileName().toString().substring(0, 4));
            float[] outputs = new float[10];
            for (int c = 0; c < 10; c++) {
                outputs[c] = line.get("outputs").get(c).floatValue();
                max = Math.max(max, Math.abs(outputs[c] - expected[i][c]));
            }
            // batches of 64 here, one of 200 for model.predict: TensorFlow's CPU kernels round by batch shape
            assertThat(outputs).as("image %d", i).usingElementComparator(BatchShapeTolerance.comparator()).containsExactly(expected[i]);
            assertThat(line.get("top")).hasSize(2);
            assertThat(line.at("/top/0/class").asInt()).isEqualTo(Predictions.argmax(new float[][] {expected[i]})[0]);
            correct += line.at("/top/0/class").asInt() == test.label(i) ? 1 : 0;
        }
        System.out.printf("predict on %d PNGs: max|d| %.3e against model.predict%n", N, max);
        JsonNode evaluation = lines.get(N + 1).get("evaluate");
        assertThat(evaluation.get("images").asInt()).isEqualTo(N);
        assertThat(evaluation.get("accuracy").asDouble()).isEqualTo(correct / (double) N);
        assertThat(evaluation.get("loss").isNumber()).isTrue();
    }

    @Test
    void csvRowsAndUint8ArraysGiveTheModelsOutputs() throws Exception {
        StringBuilder csv = new StringBuilder("header,that,is,skipped\n".replace("header,that,is,skipped", "p0,p1"));
        FloatSamples x = test.slice(0, 5).scaled();
        for (int i = 0; i < 5; i++) {
            float[] s = x.sample(i);
            for (int p = 0; p < s.length; p++) {
                csv.append(p == 0 ? "" : ",").append(s[p]);
            }
            csv.append('\n');
        }
        Path file = Files.writeString(tmp.resolve("rows.csv"), csv);
        List<JsonNode> lines = jsonLines(KerasJTest.run("predict", "--model", model.toString(), "--input", file.toString(), "--json"));
        assertThat(lines).hasSize(6);
        for (int i = 0; i < 5; i++) {
            assertThat(lines.get(i + 1).get("input").asText()).isEqualTo(file + "#" + i);
            assertThat(lines.get(i + 1).at("/outputs/3").floatValue()).usingComparator(BatchShapeTolerance.comparator())
                    .isEqualTo(expected[i][3]);
        }
        KerasJTest.Run text = KerasJTest.run("predict", "--model", model.toString(), "--input", file.toString(), "--top-k", "1");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().lines().skip(1).findFirst().orElseThrow()).matches(java.util.regex.Pattern.quote(file + "#0: ")
                + ".+ \\d\\.\\d{4}");
    }

    @Test
    void badArgumentsAndInputsAreOneLineErrors() throws Exception {
        KerasJTest.Run both = KerasJTest.run("predict", "--model", model.toString(), "--input", "x.png", "--json", "--csv");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("kerasj: error: --json and --csv");
        KerasJTest.Run missing = KerasJTest.run("predict", "--model", model.toString(), "--input", tmp.resolve("none.png").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("none.png does not exist");
        KerasJTest.Run scale = KerasJTest.run("predict", "--model", model.toString(), "--input", "x.png", "--scale", "-3");
        assertThat(scale.exitCode()).isEqualTo(2);
        assertThat(scale.err()).contains("--scale: expected a positive number or 1/D");
        Path rows = Files.writeString(tmp.resolve("short.csv"), "1,2,3\n4,5,6\n");
        KerasJTest.Run shape = KerasJTest.run("predict", "--model", model.toString(), "--input", rows.toString());
        assertThat(shape.exitCode()).isEqualTo(2); // samples the model cannot take: a usage error
        assertThat(shape.err().strip()).doesNotContain("\n").contains("short.csv: an array of shape [2, 3], the model takes samples of shape [28, 28]");
        KerasJTest.Run noLabels = KerasJTest.run("predict", "--model", model.toString(), "--input", rows.toString(), "--evaluate");
        assertThat(noLabels.exitCode()).isNotZero();
        Path notAModel = Files.writeString(tmp.resolve("notes.keras"), "hello");
        KerasJTest.Run bad = KerasJTest.run("predict", "--model", notAModel.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("kerasj: error: " + notAModel
                + ": neither a zip (.keras) nor an HDF5 (.h5) file: expected a model saved with Keras's model.save('m.keras') or model.save('m.h5')\n");
    }

    @Test
    void withoutInputTheKerasFileRunsOnTheTestImages() throws Exception {
        KerasJTest.Run run = KerasJTest.run("predict", "--model", model.toString(), "--first", "2", "--json",
                "--data-dir", FashionMnist.SYSTEM_DIR.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.at("/first/1/probabilities/2").floatValue()).usingComparator(BatchShapeTolerance.comparator())
                .isEqualTo(expected[1][2]);
        assertThat(json.get("scale").asText()).isEqualTo("1/255");
        assertThat(json.get("output").asText()).isEqualTo("dense_1");
    }

    @Test
    @org.junit.jupiter.api.Tag("parity")
    void theKeras24H5RunsOnTheTestImagesWithKeras3sAccuracy() throws Exception {
        Path h5 = Path.of("").toAbsolutePath().getParent().resolve("shared/reference-models/keras24-mlp-300-100.h5");
        Assumptions.assumeTrue(Files.exists(h5), "reference model " + h5 + " not found");
        KerasJTest.Run run = KerasJTest.run("predict", "--model", h5.toString(), "--evaluate", "--json", "--first", "1",
                "--data-dir", FashionMnist.SYSTEM_DIR.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.at("/evaluate/accuracy").asDouble()).isEqualTo(0.8824);
        assertThat(json.at("/evaluate/loss").asDouble()).isCloseTo(0.3347184658050537, within(1e-6));
        assertThat(json.at("/first/0/probabilities/9").asDouble()).isCloseTo(0.9701322913169861, within(1e-6));
    }
}
