package io.kerasj.cli;

import io.kerasj.data.Npy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.Dataset;
import io.kerasj.testing.PythonArtifacts;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "done when": a model from Python's model.save('m.keras') / ('m.h5') runs on a folder of images. */
@Tag("python")
class PredictKerasFileTest {
    private static final int N = 300;
    @TempDir
    Path tmp;

    @Test
    void pythonKerasAndH5FilesRunOnAFolderOfImagesAsInPython() throws Exception {
        Path files = PythonArtifacts.kerasFiles();
        Dataset test = FashionMnist.withDefaults(FashionMnist.SYSTEM_DIR).loadData().test().slice(0, N);
        Path folder = tmp.resolve("my_images");
        for (int i = 0; i < N; i++) {
            Path dir = Files.createDirectories(folder.resolve(Integer.toString(test.label(i))));
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            byte[] pixels = test.image(i);
            for (int p = 0; p < pixels.length; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, pixels[p] & 0xFF);
            }
            ImageIO.write(image, "png", dir.resolve(String.format(Locale.ROOT, "%04d.png", i)).toFile());
        }
        float[] python = Npy.read(files.resolve("mlp.probabilities.npy")).toFloats();
        for (String model : new String[] {"mlp.keras", "mlp.h5"}) {
            KerasJTest.Run run = KerasJTest.run("predict", "--model", files.resolve(model).toString(), "--input", folder.toString(),
                    "--evaluate", "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            String[] lines = run.out().strip().split("\n");
            assertThat(lines).hasSize(N + 2);
            double max = 0;
            int correct = 0;
            for (int l = 1; l <= N; l++) {
                JsonNode line = new ObjectMapper().readTree(lines[l]);
                int i = Integer.parseInt(Path.of(line.get("input").asText()).getFileName().toString().substring(0, 4));
                int best = 0;
                for (int c = 0; c < 10; c++) {
                    max = Math.max(max, Math.abs(line.get("outputs").get(c).floatValue() - python[i * 10 + c]));
                    best = python[i * 10 + c] > python[i * 10 + best] ? c : best;
                }
                correct += best == test.label(i) ? 1 : 0;
            }
            JsonNode evaluation = new ObjectMapper().readTree(lines[N + 1]).get("evaluate");
            System.out.printf("kerasj predict %s on %d PNGs: max|d| %.3e against Python, accuracy %s (Python %.4f)%n",
                    model, N, max, evaluation.get("accuracy"), correct / (double) N);
            assertThat(max).isLessThanOrEqualTo(1e-6);
            assertThat(evaluation.get("accuracy").asDouble()).isEqualTo(correct / (double) N);
        }
    }

    @Test
    void lambdaAndCnnFilesAreRefusedInOneLine() {
        Path files = PythonArtifacts.kerasFiles();
        for (String model : new String[] {"lambda.keras", "conv.keras"}) {
            KerasJTest.Run run = KerasJTest.run("predict", "--model", files.resolve(model).toString(), "--input", files.toString());
            System.out.print("kerasj predict " + model + ": " + run.err());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("kerasj: error: " + files.resolve(model) + ": ").hasLineCount(1)
                    .containsAnyOf("safe_mode", "KerasJ supports InputLayer, Flatten, Dense, Dropout");
            assertThat(run.out()).isEmpty();
        }
    }
}
