package io.kerasj.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.NumpyRandomState;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.PipelineException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private ImageDatasetOptions options() {
        return ImageDatasetOptions.defaults().out(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static List<String> relative(Path dir, List<Path> files) {
        return files.stream().map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
    }

    private static List<Element> all(io.kerasj.pipeline.Pipeline pipeline, long epoch) {
        List<Element> out = new ArrayList<>();
        try (ElementIterator it = pipeline.iterator(epoch)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void listsClassesAndFilesInKerassOrderAndSaysWhatItSkipped() throws IOException {
        new ImageFolderFixture().write(dir);
        ImageDataset ds = ImageDatasets.imageDatasetFromDirectory(dir, options().shuffle(false).imageSize(6, 5));
        assertThat(ds.classNames()).containsExactly("birds", "cats", "dogs");
        assertThat(relative(dir, ds.filePaths())).containsExactly(ImageFolderFixture.SORTED);
        assertThat(printed()).isEqualTo("Skipped 1 file without an image extension (.bmp .gif .jpeg .jpg .png): cats/readme.txt\n"
                + "Found 15 files belonging to 3 classes.\n");
        List<Element> batches = all(ds, 0);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).toString()).isEqualTo("(float32[15, 6, 5, 3], int32[15])");
        assertThat(batches.get(0).y().get(0).ints()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2);
        assertThat(ds.cardinality()).isEqualTo(1);
    }

    @Test
    void batchesOneHotAndBinaryLabelsAsKeras() throws IOException {
        new ImageFolderFixture().write(dir);
        ImageDataset categorical = ImageDatasets.imageDatasetFromDirectory(dir,
                options().shuffle(false).imageSize(4, 4).batchSize(4).labelMode("categorical").colorMode("grayscale"));
        List<Element> batches = all(categorical, 0);
        assertThat(batches).extracting(Element::toString).containsExactly("(float32[4, 4, 4, 1], float32[4, 3])",
                "(float32[4, 4, 4, 1], float32[4, 3])", "(float32[4, 4, 4, 1], float32[4, 3])",
                "(float32[3, 4, 4, 1], float32[3, 3])");
        assertThat(batches.get(2).y().get(0).floats()).containsExactly(0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1);
        ImageDataset binary = ImageDatasets.imageDatasetFromDirectory(dir, options().shuffle(false).imageSize(4, 4)
                .batchSize(null).labelMode("binary").classNames(List.of("dogs", "birds")));
        assertThat(binary.classNames()).containsExactly("dogs", "birds");
        List<Element> single = all(binary, 0);
        assertThat(single).hasSize(10);
        assertThat(single.get(0).toString()).isEqualTo("(float32[4, 4, 3], float32[1])");
        assertThat(single.stream().map(e -> e.y().get(0).floats()[0]).toList())
                .containsExactly(0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f);
        assertThat(relative(dir, binary.filePaths()).get(0)).isEqualTo("dogs/d1.png");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(dir, options().labelMode("binary")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly 2 class_names");
    }

    @Test
    void withoutLabelsReadsEveryImageUnderTheFolder() throws IOException {
        new ImageFolderFixture().write(dir);
        ImageDataset ds = ImageDatasets.imageDatasetFromDirectory(dir, options().labels(null).shuffle(false)
                .imageSize(3, 3).batchSize(null));
        assertThat(ds.classNames()).isNull();
        assertThat(relative(dir, ds.filePaths())).startsWith("loose.png", ".hidden/h1.png", "birds/b 3.png")
                .hasSize(17);
        assertThat(printed()).endsWith("Found 17 files.\n");
        assertThat(ds.first().hasTargets()).isFalse();
        assertThat(ImageDatasets.imageDatasetFromDirectory(dir, options().labelMode(null).shuffle(false)).filePaths())
                .hasSize(17);
    }

    @Test
    void bilinearAndNearestAreTensorFlowsHalfPixelResize() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 0);
        image.getRaster().setSample(1, 0, 0, 100);
        ImageFolderFixture.png(dir.resolve("a/x.png"), image);
        ImageDatasetOptions o = options().shuffle(false).imageSize(1, 4).batchSize(null).colorMode("grayscale");
        // in = (x + 0.5) * 0.5 - 0.5 = -0.25, 0.25, 0.75, 1.25: clamped to pixel 0, lerps, clamped to pixel 1
        assertThat(ImageDatasets.imageDatasetFromDirectory(dir, o).first().x().get(0).floats())
                .containsExactly(0f, 25f, 75f, 100f);
        assertThat(ImageDatasets.imageDatasetFromDirectory(dir, o.interpolation("nearest")).first().x().get(0).floats())
                .containsExactly(0f, 0f, 100f, 100f);
    }

    @Test
    void keepsPixelsExactlyAtTheirOwnSizeAndConvertsChannelsAsDecodeImage() throws IOException {
        ImageFolderFixture fixture = new ImageFolderFixture();
        BufferedImage rgb = fixture.rgb(3, 2);
        ImageFolderFixture.png(dir.resolve("a/rgb.png"), rgb);
        ImageDatasetOptions o = options().shuffle(false).imageSize(2, 3).batchSize(null);
        float[] pixels = ImageDatasets.imageDatasetFromDirectory(dir, o).first().x().get(0).floats();
        float[] grey = ImageDatasets.imageDatasetFromDirectory(dir, o.colorMode("grayscale")).first().x().get(0).floats();
        float[] rgba = ImageDatasets.imageDatasetFromDirectory(dir, o.colorMode("rgba")).first().x().get(0).floats();
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int p = rgb.getRGB(x, y);
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                int at = y * 3 + x;
                assertThat(Arrays.copyOfRange(pixels, at * 3, at * 3 + 3)).containsExactly(r, g, b);
                assertThat(Arrays.copyOfRange(rgba, at * 4, at * 4 + 4)).containsExactly(r, g, b, 255);
                int luma = r == g && g == b ? r : (9797 * r + 19234 * g + 3737 * b) >> 15;
                assertThat(grey[at]).isEqualTo(luma);
            }
        }
    }

    @Test
    void shufflesAndSplitsWithNumpysRandomStateAndReshufflesTrainingEachPass() throws IOException {
        new ImageFolderFixture().write(dir);
        ImageDatasetOptions o = options().imageSize(4, 4).batchSize(null).seed(1337L).validationSplit(0.3).subset("both");
        List<ImageDataset> both = ImageDatasets.imageDatasetsFromDirectory(dir, o);
        int[] order = new NumpyRandomState(1337).permutation(15);
        List<String> expected = Arrays.stream(order).mapToObj(i -> ImageFolderFixture.SORTED[i]).toList();
        assertThat(relative(dir, both.get(0).filePaths())).isEqualTo(expected.subList(0, 11));
        assertThat(relative(dir, both.get(1).filePaths())).isEqualTo(expected.subList(11, 15));
        assertThat(printed()).endsWith("Found 15 files belonging to 3 classes.\nUsing 11 files for training.\n"
                + "Using 4 files for validation.\n");
        ImageDataset training = both.get(0);
        List<Float> pass0 = firstPixels(all(training, 0));
        assertThat(firstPixels(all(training, 0))).isEqualTo(pass0);
        assertThat(firstPixels(all(training, 1))).isNotEqualTo(pass0).containsExactlyInAnyOrderElementsOf(pass0);
        assertThat(firstPixels(all(both.get(1), 0))).isEqualTo(firstPixels(all(both.get(1), 1)));
        ImageDataset validationOnly = ImageDatasets.imageDatasetFromDirectory(dir, o.subset("validation"));
        assertThat(validationOnly.filePaths()).isEqualTo(both.get(1).filePaths());
        assertThat(new HashSet<>(both.get(0).filePaths())).doesNotContainAnyElementsOf(both.get(1).filePaths());
    }

    private static List<Float> firstPixels(List<Element> elements) {
        return elements.stream().map(e -> e.x().get(0).floats()[0]).toList();
    }

    @Test
    void refusesWhatKerasRefuses() throws IOException {
        new ImageFolderFixture().write(dir);
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(dir, options().validationSplit(0.2).subset("training")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("you must provide a `seed`");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(dir, options().validationSplit(0.2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`validation_split` must be set");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(dir, options().classNames(List.of("cats", "cows"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[birds, cats, dogs]");
        assertThatThrownBy(() -> options().interpolation("bicubic")).hasMessageContaining("not implemented");
        assertThatThrownBy(() -> options().colorMode("cmyk")).hasMessageContaining("color_mode");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(dir, options().validationSplit(0.2).subset("both").seed(1L)))
                .hasMessageContaining("imageDatasetsFromDirectory");
        // JPEG has no 4-channel form in TensorFlow's decode_image
        ImageDataset rgba = ImageDatasets.imageDatasetFromDirectory(dir, options().shuffle(false).colorMode("rgba")
                .imageSize(2, 2).classNames(List.of("dogs")));
        assertThatThrownBy(() -> all(rgba, 0)).isInstanceOf(PipelineException.class)
                .hasMessageContaining("d3.jpg: a JPEG image has no 4-channel form");
    }

    @Test
    void aCorruptImageFailsThePassInOneLineNamingTheFile() throws IOException {
        ImageFolderFixture fixture = new ImageFolderFixture();
        for (int i = 0; i < 9; i++) {
            ImageFolderFixture.png(dir.resolve("a/ok" + i + ".png"), fixture.rgb(5, 5));
        }
        byte[] good = Files.readAllBytes(dir.resolve("a/ok0.png"));
        Files.write(dir.resolve("a/ok5.png"), Arrays.copyOf(good, good.length / 2));
        for (int threads : new int[] {1, 3}) {
            ImageDataset ds = ImageDatasets.imageDatasetFromDirectory(dir, options().shuffle(false).imageSize(3, 3)
                    .batchSize(2).decodeThreads(threads));
            try (ElementIterator it = ds.iterator(0)) {
                assertThat(it.next().rows()).isEqualTo(2);
                assertThat(it.next().rows()).isEqualTo(2);
                assertThatThrownBy(it::next).isInstanceOf(PipelineException.class)
                        .hasMessageStartingWith(dir.resolve("a/ok5.png") + ": cannot decode the image")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            }
        }
        Files.writeString(dir.resolve("a/text.png"), "plain text");
        ImageDataset ds = ImageDatasets.imageDatasetFromDirectory(dir, options().shuffle(false).classNames(List.of("a")));
        assertThatThrownBy(() -> all(ds, 0)).isInstanceOf(PipelineException.class)
                .hasMessageContaining("ok5.png: cannot decode the image");
    }

    @Test
    void refusesAHugeImageOnItsHeaderBeforeDecoding() throws IOException {
        Path file = dir.resolve("a/huge.png");
        Files.createDirectories(file.getParent());
        Files.write(file, pngHeader(100_000, 100_000));
        ImageDataset ds = ImageDatasets.imageDatasetFromDirectory(dir, options().shuffle(false));
        assertThatThrownBy(() -> all(ds, 0)).isInstanceOf(PipelineException.class)
                .hasMessage(file + ": 100000x100000 pixels, expected at most 67108864");
    }

    /** A PNG signature and IHDR chunk claiming an 8-bit RGB image of that size, and nothing else. */
    private static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13);
        int chunk = b.position();
        b.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(b.array(), chunk, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    @Test
    void anEmptyOrMissingFolderIsOneLine() throws IOException {
        Files.createDirectories(dir.resolve("empty/cats"));
        Files.writeString(dir.resolve("empty/cats/notes.txt"), "x");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(dir.resolve("empty"), options()))
                .isInstanceOf(PipelineException.class)
                .hasMessage("No images found in directory " + dir.resolve("empty") + ". Allowed formats: .bmp, .gif, .jpeg, .jpg, .png");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(dir.resolve("missing"), options()))
                .isInstanceOf(PipelineException.class).hasMessage(dir.resolve("missing") + ": no such folder: expected a folder of images");
    }

    @Test
    void followsLinksOnlyWhenAskedAndNeverInCircles() throws IOException {
        ImageFolderFixture fixture = new ImageFolderFixture();
        ImageFolderFixture.png(dir.resolve("data/a/x.png"), fixture.rgb(4, 4));
        ImageFolderFixture.png(dir.resolve("elsewhere/y.png"), fixture.rgb(4, 4));
        Files.createSymbolicLink(dir.resolve("data/a/linked"), dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("data/a/loop"), dir.resolve("data/a"));
        Files.createSymbolicLink(dir.resolve("data/b"), dir.resolve("elsewhere"));
        ImageDataset plain = ImageDatasets.imageDatasetFromDirectory(dir.resolve("data"), options().shuffle(false));
        assertThat(plain.classNames()).containsExactly("a", "b");
        assertThat(relative(dir.resolve("data"), plain.filePaths())).containsExactly("a/x.png", "b/y.png");
        ImageDataset followed = ImageDatasets.imageDatasetFromDirectory(dir.resolve("data"), options().shuffle(false).followLinks(true));
        assertThat(relative(dir.resolve("data"), followed.filePaths())).containsExactly("a/x.png", "a/linked/y.png", "b/y.png");
        HostArray first = followed.first().x().get(0);
        assertThat(first.shape()).containsExactly(3, 256, 256, 3);
    }

    @Test
    void decodesInParallelKeepingTheOrder() throws IOException {
        new ImageFolderFixture().write(dir);
        ImageDatasetOptions o = options().imageSize(7, 7).batchSize(null).seed(5L);
        List<Element> sequential = all(ImageDatasets.imageDatasetFromDirectory(dir, o.decodeThreads(1)), 3);
        List<Element> parallel = all(ImageDatasets.imageDatasetFromDirectory(dir, o.decodeThreads(3)), 3);
        assertThat(parallel).hasSize(15);
        for (int i = 0; i < 15; i++) {
            assertThat(parallel.get(i).x().get(0).floats()).isEqualTo(sequential.get(i).x().get(0).floats());
            assertThat(parallel.get(i).y().get(0).ints()).isEqualTo(sequential.get(i).y().get(0).ints());
        }
    }

    @Test
    void namesAtMostFiveSkippedFiles() throws IOException {
        ImageFolderFixture.png(dir.resolve("a/x.png"), new ImageFolderFixture().rgb(2, 2));
        for (int i = 0; i < 7; i++) {
            Files.writeString(dir.resolve("a/n" + i + ".txt"), "x");
        }
        ImageDatasets.imageDatasetFromDirectory(dir, options());
        assertThat(printed()).startsWith("Skipped 7 files without an image extension (.bmp .gif .jpeg .jpg .png): "
                + "a/n0.txt, a/n1.txt, a/n2.txt, a/n3.txt, a/n4.txt, ... (2 more)\n");
        printed.reset();
        ImageDatasets.imageDatasetFromDirectory(dir, options().verbose(false));
        assertThat(printed()).isEmpty();
    }

    @Test
    void bmpAndGifDecodeToTheChannelsTensorFlowGives() throws IOException {
        ImageFolderFixture fixture = new ImageFolderFixture();
        BufferedImage rgb = fixture.rgb(2, 1);
        ImageFolderFixture.bmp(dir.resolve("a/x.bmp"), rgb);
        ImageFolderFixture.gif(dir.resolve("b/y.gif"), fixture.palette(2, 2));
        ImageDatasetOptions o = options().shuffle(false).imageSize(1, 2).batchSize(null);
        ImageDataset bmp = ImageDatasets.imageDatasetFromDirectory(dir, o.colorMode("rgba").classNames(List.of("a")));
        int p0 = rgb.getRGB(0, 0);
        assertThat(Arrays.copyOf(bmp.first().x().get(0).floats(), 4))
                .containsExactly((p0 >> 16) & 0xFF, (p0 >> 8) & 0xFF, p0 & 0xFF, 255);
        ImageDataset greyBmp = ImageDatasets.imageDatasetFromDirectory(dir, o.colorMode("grayscale").classNames(List.of("a")));
        assertThatThrownBy(greyBmp::first).isInstanceOf(PipelineException.class).hasMessageContaining("x.bmp: a BMP image decodes to 3 or 4");
        ImageDataset greyGif = ImageDatasets.imageDatasetFromDirectory(dir, o.colorMode("grayscale").classNames(List.of("b")));
        assertThatThrownBy(greyGif::first).isInstanceOf(PipelineException.class).hasMessageContaining("y.gif: a GIF image decodes to 3 channels only");
        assertThat(ImageDatasets.imageDatasetFromDirectory(dir, o.colorMode("rgb").classNames(null)).count()).isEqualTo(2);
    }
}
