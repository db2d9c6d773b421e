package io.kerasj.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KerasJ's image folders against Keras 3's {@code image_dataset_from_directory} on the same folder (written by
 * {@link ImageFolderFixture}, read by {@code python-reference/image_dataset_reference.py}): the same class names, the
 * same file order and split for a seed, the same labels, and the same images after resizing: PNG pixels within
 * 1e-3, the JPEG within {@link #JPEG_TOLERANCE} levels (ImageIO's libjpeg and TensorFlow's libjpeg-turbo may round
 * the colour conversion and upsampling differently).
 */
@Tag("python")
@Tag("slow")
class ImageDatasetKerasParityTest {
    static final float PNG_TOLERANCE = 1e-3f;
    static final float JPEG_TOLERANCE = 4f;
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    static Path dir;

    private static Path data;
    private static Path formats;
    private static JsonNode keras;
    private static float jpegMaxDifference;
    private static float pngMaxDifference;

    @BeforeAll
    static void runKeras() throws IOException {
        PythonKeras.require();
        data = new ImageFolderFixture().write(dir.resolve("data"));
        Path out = dir.resolve("keras.json");
        formats = dir.resolve("formats");
        ImageFolderFixture fixture = new ImageFolderFixture();
        ImageFolderFixture.bmp(formats.resolve("a/x.bmp"), fixture.rgb(9, 7));
        ImageFolderFixture.gif(formats.resolve("a/y.gif"), fixture.palette(8, 11));
        ImageFolderFixture.png(formats.resolve("b/z.png"), fixture.rgb(3, 3));
        PythonKeras.run(600, Map.of(), "image_dataset_reference.py", data.toString(), out.toString(), formats.toString());
        keras = new ObjectMapper().readTree(out.toFile());
    }

    private ImageDatasetOptions options() {
        return ImageDatasetOptions.defaults().out(SILENT).batchSize(null);
    }

    private List<String> relative(List<Path> files) {
        return files.stream().map(p -> (p.startsWith(formats) ? formats : data).relativize(p).toString()
                .replace('\\', '/')).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Compares class names, file order, labels and images of a dataset Keras does not shuffle per pass. */
    private void assertSameAsKeras(String config, ImageDataset java) {
        JsonNode k = keras.path(config);
        assertThat(java.classNames()).as(config).isEqualTo(k.path("class_names").isNull() ? null : strings(k.path("class_names")));
        List<String> files = relative(java.filePaths());
        assertThat(files).as(config).isEqualTo(strings(k.path("file_paths")));
        int i = 0;
        try (ElementIterator it = java.iterator(0)) {
            while (it.hasNext()) {
                Element e = it.next();
                String name = config + " " + files.get(i);
                if (e.hasTargets()) {
                    assertThat(labelText(e.y().get(0))).as(name).isEqualTo(k.path("labels").get(i).toString());
                }
                float[] image = e.x().get(0).floats();
                JsonNode expected = k.path("images").get(i);
                assertThat(image.length).as(name).isEqualTo(expected.size());
                float max = 0;
                for (int j = 0; j < image.length; j++) {
                    max = Math.max(max, Math.abs(image[j] - (float) expected.get(j).asDouble()));
                }
                boolean jpeg = files.get(i).endsWith(".jpg");
                if (jpeg) {
                    jpegMaxDifference = Math.max(jpegMaxDifference, max);
                } else {
                    pngMaxDifference = Math.max(pngMaxDifference, max);
                }
                assertThat(max).as(name + ": largest pixel difference").isLessThanOrEqualTo(jpeg ? JPEG_TOLERANCE : PNG_TOLERANCE);
                i++;
            }
        }
        assertThat(i).as(config).isEqualTo(k.path("images").size());
    }

    private static String labelText(HostArray label) {
        if (label.dtype() == HostArray.DType.INT32) {
            return Integer.toString(label.ints()[0]);
        }
        StringBuilder s = new StringBuilder("[");
        for (float v : label.floats()) {
            s.append(s.length() > 1 ? "," : "").append(v);
        }
        return s.append("]").toString();
    }

    @Test
    void sortedRgbBilinearIsKerass() {
        assertSameAsKeras("sorted_rgb_bilinear", ImageDatasets.imageDatasetFromDirectory(data,
                options().imageSize(6, 5).shuffle(false)));
        System.out.println("largest difference from Keras after resizing: PNG " + pngMaxDifference + ", JPEG "
                + jpegMaxDifference + " levels");
    }

    @Test
    void bmpAndGifAreKerass() {
        assertSameAsKeras("formats_rgb", ImageDatasets.imageDatasetFromDirectory(formats,
                options().imageSize(5, 6).shuffle(false)));
    }

    @Test
    void grayscaleNearestIsKerass() {
        assertSameAsKeras("grayscale_nearest", ImageDatasets.imageDatasetFromDirectory(data,
                options().imageSize(9, 13).shuffle(false).colorMode("grayscale").interpolation("nearest")));
    }

    @Test
    void categoricalWithCropToAspectRatioIsKerass() {
        assertSameAsKeras("categorical_crop", ImageDatasets.imageDatasetFromDirectory(data,
                options().imageSize(4, 7).shuffle(false).labelMode("categorical").cropToAspectRatio(true)));
    }

    @Test
    void rgbaWithClassNamesInTheirOrderIsKerass() {
        assertSameAsKeras("rgba_class_names", ImageDatasets.imageDatasetFromDirectory(data,
                options().imageSize(5, 5).shuffle(false).colorMode("rgba").classNames(List.of("cats", "birds"))
                        .labelMode("binary")));
    }

    @Test
    void shuffledSplitHasKerassFilesInKerassOrder() {
        List<ImageDataset> both = ImageDatasets.imageDatasetsFromDirectory(data,
                options().imageSize(6, 5).seed(1337L).validationSplit(0.3).subset("both"));
        assertThat(relative(both.get(0).filePaths())).isEqualTo(strings(keras.path("split_train").path("file_paths")));
        assertSameAsKeras("split_val", both.get(1));
        List<String> labels = new ArrayList<>();
        try (ElementIterator it = both.get(0).iterator(0)) {
            it.forEachRemaining(e -> labels.add(labelText(e.y().get(0))));
        }
        List<String> kerasLabels = new ArrayList<>();
        keras.path("split_train").path("labels").forEach(v -> kerasLabels.add(v.toString()));
        assertThat(labels).containsExactlyInAnyOrderElementsOf(kerasLabels);

        ImageDataset validation = ImageDatasets.imageDatasetFromDirectory(data,
                options().imageSize(6, 5).seed(42L).validationSplit(0.25).subset("validation"));
        assertThat(relative(validation.filePaths())).isEqualTo(strings(keras.path("validation_subset").path("file_paths")));
        ImageDataset unlabelled = ImageDatasets.imageDatasetFromDirectory(data, options().labels(null).seed(7L));
        assertThat(unlabelled.classNames()).isNull();
        assertThat(relative(unlabelled.filePaths())).isEqualTo(strings(keras.path("unlabelled_shuffled").path("file_paths")));
    }
}
