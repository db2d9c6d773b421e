package io.kerasj.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.KerasJException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's image helper: grey or RGB, resized, scaled, in the model's shape. */
class ImageInputTest {
    @TempDir
    Path tmp;

    private Path rgb(String name, int size, int rgb) throws Exception {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        Path file = tmp.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void rgbImagesBecomeGreyWithPilsLumaOrStayRgb() throws Exception {
        Path orange = rgb("orange.png", 16, 0xFF8000);
        FloatSamples grey = ImageInput.read(List.of(orange), new long[] {8, 8});
        assertThat(grey.sampleShape()).containsExactly(8, 8);
        // PIL: (255*299 + 128*587 + 0*114 + 500) / 1000 = 151
        assertThat(grey.sample(0)).containsOnly(151 / 255f);
        FloatSamples colour = ImageInput.read(List.of(orange, orange), new long[] {4, 4, 3}, v -> v);
        assertThat(colour.count()).isEqualTo(2);
        assertThat(colour.sample(1)[0]).isEqualTo(255f);
        assertThat(colour.sample(1)[1]).isEqualTo(128f);
        assertThat(colour.sample(1)[2]).isZero();
        FloatSamples flat = ImageInput.read(List.of(orange), new long[] {64});
        assertThat(flat.sampleShape()).containsExactly(64);
    }

    @Test
    void nonImageShapesAndNonImagesAreRefusedNamingTheFile() throws Exception {
        Path orange = rgb("orange.png", 4, 0xFF8000);
        assertThatThrownBy(() -> ImageInput.read(List.of(orange), new long[] {10})).isInstanceOf(KerasJException.class)
                .hasMessageContaining("orange.png").hasMessageContaining("is not an image shape");
        Path text = java.nio.file.Files.writeString(tmp.resolve("x.png"), "not an image");
        assertThatThrownBy(() -> ImageInput.read(List.of(text), new long[] {4, 4})).isInstanceOf(KerasJException.class)
                .hasMessage(text + ": not a PNG or JPEG image");
    }
}
