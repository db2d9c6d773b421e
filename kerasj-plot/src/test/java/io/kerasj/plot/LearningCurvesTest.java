package io.kerasj.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {

    /** Curves shaped like the notebook's 30 epochs. */
    static Map<String, List<Double>> history(int epochs) {
        Map<String, List<Double>> history = new LinkedHashMap<>();
        List<Double> loss = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        List<Double> valAccuracy = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            loss.add(0.25 + 0.5 * Math.exp(-e / 6.0));
            accuracy.add(0.92 - 0.2 * Math.exp(-e / 6.0));
            valLoss.add(0.3 + 0.25 * Math.exp(-e / 5.0));
            valAccuracy.add(0.89 - 0.08 * Math.exp(-e / 5.0));
        }
        history.put("loss", loss);
        history.put("accuracy", accuracy);
        history.put("val_loss", valLoss);
        history.put("val_accuracy", valAccuracy);
        return history;
    }

    private static int count(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) <= 8 && Math.abs(c.getGreen() - color.getGreen()) <= 8
                        && Math.abs(c.getBlue() - color.getBlue()) <= 8) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void writesAnEightByFiveInchPngWithTheFourSeriesColours(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("plots/learning_curves.png");
        LearningCurves.write(history(30), png);
        assertThat(png).isRegularFile();
        try (var files = Files.list(png.getParent())) {
            assertThat(files).containsExactly(png);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
        assertThat(new Color(image.getRGB(5, 5))).isEqualTo(Color.WHITE);
        assertThat(count(image, Color.WHITE)).isLessThan(800 * 500 * 98 / 100); // not blank
        for (Color color : LearningCurves.COLORS.subList(0, 4)) {
            assertThat(count(image, color)).as("pixels of %s", color).isGreaterThan(300);
        }
        assertThat(count(image, LearningCurves.COLORS.get(4))).isZero();
    }

    @Test
    void scaleTwoDoublesThePixels(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("curves@2x.png");
        LearningCurves.write(history(10), png, 2);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(1000);
    }

    @Test
    void singleEpochAndEmptyHistory(@TempDir Path dir) {
        LearningCurves.write(Map.of("loss", List.of(0.5)), dir.resolve("one.png"));
        assertThat(dir.resolve("one.png")).isRegularFile();
        assertThatThrownBy(() -> LearningCurves.write(Map.of(), dir.resolve("none.png")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ticksFollowMatplotlib() {
        assertThat(TickLocator.step(0, 29, 9)).isEqualTo(5);
        assertThat(TickLocator.step(0, 1, 9)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(TickLocator.step(0, 9, 9)).isEqualTo(1);
        assertThat(TickLocator.step(0, 19, 9)).isEqualTo(2.5);
        assertThat(TickLocator.format(5).format(10)).isEqualTo("10");
        assertThat(TickLocator.format(2.5).format(5)).isEqualTo("5.0");
        assertThat(TickLocator.format(0.2).format(0.4)).isEqualTo("0.4");
    }
}
