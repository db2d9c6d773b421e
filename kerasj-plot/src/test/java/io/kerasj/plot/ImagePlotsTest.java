package io.kerasj.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.Dataset;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.datasets.IdxReader;
import io.kerasj.testing.FashionMnistData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePlotsTest {

    static Dataset test;

    @TempDir
    Path tmp;

    @BeforeEach
    void load() {
        if (test == null) {
            Path dir = FashionMnistData.dir(); // skips, saying why, where there is no local copy
            test = IdxReader.readLabeled(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        }
    }

    @Test
    void singleImageIsUpscaledInkOnWhite() throws Exception {
        Path file = ImagePlots.writeImage(tmp.resolve("one.png"), test.image(0), 28, 28, 10);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(320);
        assertThat(png.getHeight()).isEqualTo(320);
        assertThat(png.getRGB(0, 0) & 0xFF).isEqualTo(255); // white margin
        int[] range = greyRange(png);
        assertThat(range[0]).isLessThan(40);
        assertThat(range[1]).isGreaterThan(240);
        // pixel (r, c) of the source becomes a 10 x 10 block of grey 255 - p
        int p = test.image(0)[14 * 28 + 14] & 0xFF;
        assertThat(png.getRGB(20 + 145, 20 + 145) & 0xFF).isEqualTo(255 - p);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file); // no temp file left
        }
    }

    @Test
    void gridHasTheFigureSizeAndIsNotBlank() throws Exception {
        List<byte[]> images = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            images.add(test.image(i));
            titles.add(FashionMnist.className(test.label(i)));
        }
        Path file = ImagePlots.writeGrid(tmp.resolve("sub/grid.png"), 3, 7, images, 28, 28, titles);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo((int) Math.round(7 * 1.2 * ImagePlots.DEFAULT_DPI));
        assertThat(png.getHeight()).isEqualTo((int) Math.round(3 * 1.2 * ImagePlots.DEFAULT_DPI));
        int[] range = greyRange(png);
        assertThat(range[0]).isLessThan(40);
        assertThat(range[1]).isGreaterThan(240);
        // the figure's border is white
        assertThat(png.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(png.getRGB(png.getWidth() - 3, png.getHeight() - 3) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void rejectsTooFewImages() {
        assertThatThrownBy(() -> ImagePlots.renderGrid(2, 2, List.of(new byte[4]), 2, 2, List.of("a"), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected at least 4");
    }

    private static int[] greyRange(BufferedImage img) {
        int min = 255;
        int max = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int v = img.getRGB(x, y) & 0xFF;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new int[] {min, max};
    }
}
