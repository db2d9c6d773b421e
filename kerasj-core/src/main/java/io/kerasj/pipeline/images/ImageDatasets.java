package io.kerasj.pipeline.images;

import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keras 3's {@code keras.utils.image_dataset_from_directory}: a folder of images as a {@link Pipeline}.
 *
 * <pre>
 * main_directory/
 *   class_a/  a_image_1.jpg  a_image_2.png ...
 *   class_b/  b_image_1.jpg ...
 * </pre>
 *
 * <pre>{@code
 * ImageDataset train = ImageDatasets.imageDatasetFromDirectory(dir, ImageDatasetOptions.defaults()
 *         .imageSize(180, 180).validationSplit(0.2).subset("training").seed(1337L));
 * train.classNames();   // [class_a, class_b]
 * }</pre>
 *
 * <p>The files are listed, labelled, shuffled and split exactly as Keras lists them for the same seed
 * ({@link ImageDataset#filePaths()} equals Keras's {@code file_paths}); images are decoded and resized on each pass
 * as Keras's {@code tf.image.decode_image} and {@code tf.image.resize} do (PNG pixels exactly; JPEG decoders may
 * differ by a few levels). Files without an image extension are skipped and named in one line. Keras's per-pass
 * {@code Dataset.shuffle} of the training images is done with KerasJ's own draws.
 */
public final class ImageDatasets {
    private ImageDatasets() {
    }

    /** @return the folder with Keras's defaults */
    public static ImageDataset imageDatasetFromDirectory(Path directory) {
        return imageDatasetFromDirectory(directory, ImageDatasetOptions.defaults());
    }

    /**
     * @param directory the folder: one subfolder per class with inferred labels, else any tree of images
     * @param options Keras's arguments; subset {@code "both"} needs {@link #imageDatasetsFromDirectory}
     * @return the dataset
     * @throws IllegalArgumentException for arguments Keras refuses
     * @throws PipelineException when the folder is missing, holds no image or cannot be listed
     */
    public static ImageDataset imageDatasetFromDirectory(Path directory, ImageDatasetOptions options) {
        if ("both".equals(options.subset())) {
            throw new IllegalArgumentException("subset \"both\" gives two datasets: call imageDatasetsFromDirectory");
        }
        return imageDatasetsFromDirectory(directory, options).get(0);
    }

    /**
     * Keras's call with {@code subset="both"}: the training and the validation dataset (the validation one never
     * shuffled per pass), or the one dataset of any other subset.
     *
     * @return [training, validation] for subset {@code "both"}, else one dataset
     */
    public static List<ImageDataset> imageDatasetsFromDirectory(Path directory, ImageDatasetOptions options) {
        String labelMode = options.inferLabels() ? options.labelMode() : null;
        boolean inferLabels = labelMode != null;
        Double split = options.validationSplit();
        String subset = options.subset();
        if ((split != null) != (subset != null)) {
            throw new IllegalArgumentException("If `subset` is set, `validation_split` must be set, and inversely.");
        }
        if (split != null && options.shuffle() && options.seed() == null) {
            throw new IllegalArgumentException("If using `validation_split` and shuffling the data, you must provide a "
                    + "`seed` argument, to make sure that there is no overlap between the training and validation subset.");
        }
        if (!inferLabels && options.classNames() != null) {
            throw new IllegalArgumentException("class_names: not with labels=null or label_mode=null (no labels)");
        }
        if ("binary".equals(labelMode) && options.classNames() != null && options.classNames().size() != 2) {
            throw binaryRefusal(options.classNames());
        }
        long seed = options.seed() != null ? options.seed() : ThreadLocalRandom.current().nextLong(1_000_000);
        DirectoryIndex.Result index = DirectoryIndex.index(directory, inferLabels, options.classNames(),
                options.shuffle(), seed, options.followLinks());
        List<String> files = index.files();
        if (options.verbose()) {
            if (!index.skipped().isEmpty()) {
                options.out().println(skippedLine(index.skipped(), "file", "without an image extension ("
                        + String.join(" ", DirectoryIndex.FORMATS) + ")"));
            }
            if (!index.unlisted().isEmpty()) {
                options.out().println(skippedLine(index.unlisted(), "folder", "that cannot be listed"));
            }
            options.out().println(inferLabels
                    ? "Found " + files.size() + " files belonging to " + index.classNames().size() + " classes."
                    : "Found " + files.size() + " files.");
        }
        if ("binary".equals(labelMode) && index.classNames().size() != 2) {
            throw binaryRefusal(index.classNames());
        }
        int batch = options.batchSize() == null ? 0 : options.batchSize();
        int shuffleBuffer = options.batchSize() != null ? options.batchSize() * 8 : 1024;
        List<ImageDataset> datasets = new ArrayList<>();
        if (subset == null) {
            datasets.add(dataset(directory, options, index, labelMode, 0, files.size(), options.shuffle() ? shuffleBuffer : 0, seed, batch));
        } else {
            int validation = (int) (split * files.size());
            if (files.isEmpty()) {
                throw noImages(directory);
            }
            if (validation == 0) {
                throw new PipelineException(directory + ": validation_split " + split + " of " + files.size()
                        + " files keeps no file for validation");
            }
            int training = files.size() - validation;
            boolean both = subset.equals("both");
            if (both || subset.equals("training")) {
                say(options, "Using " + training + " files for training.");
                datasets.add(dataset(directory, options, index, labelMode, 0, training,
                        options.shuffle() ? shuffleBuffer : 0, seed, batch));
            }
            if (both || subset.equals("validation")) {
                say(options, "Using " + validation + " files for validation.");
                datasets.add(dataset(directory, options, index, labelMode, training, files.size(),
                        options.shuffle() && !both ? shuffleBuffer : 0, seed, batch));
            }
        }
        return List.copyOf(datasets);
    }

    private static ImageDataset dataset(Path directory, ImageDatasetOptions options, DirectoryIndex.Result index,
            String labelMode, int from, int to, int shuffleBuffer, long seed, int batch) {
        if (from == to) {
            throw noImages(directory);
        }
        List<Path> paths = new ArrayList<>(to - from);
        for (String file : index.files().subList(from, to)) {
            paths.add(directory.resolve(file));
        }
        int[] labels = index.labels() == null ? null : Arrays.copyOfRange(index.labels(), from, to);
        int classes = index.classNames() == null ? 0 : index.classNames().size();
        ImageResize resize = new ImageResize(options.height(), options.width(), options.interpolation(),
                options.cropToAspectRatio());
        Pipeline pipeline = new ImageFileSource(paths, labels, labelMode, classes, options.channels(), resize,
                shuffleBuffer, seed, options.decodeThreads());
        if (batch > 0) {
            pipeline = pipeline.batch(batch);
        }
        return new ImageDataset(pipeline, index.classNames(), paths);
    }

    private static void say(ImageDatasetOptions options, String line) {
        if (options.verbose()) {
            options.out().println(line);
        }
    }

    private static PipelineException noImages(Path directory) {
        return new PipelineException("No images found in directory " + directory + ". Allowed formats: "
                + String.join(", ", DirectoryIndex.FORMATS));
    }

    private static IllegalArgumentException binaryRefusal(List<String> classNames) {
        return new IllegalArgumentException("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. "
                + "Received: class_names=" + classNames);
    }

    /** @return e.g. {@code Skipped 7 files without an image extension (...): a.txt, b.txt, ... (2 more)} */
    static String skippedLine(List<String> skipped, String noun, String why) {
        int shown = Math.min(5, skipped.size());
        String names = String.join(", ", skipped.subList(0, shown))
                + (skipped.size() > shown ? ", ... (" + (skipped.size() - shown) + " more)" : "");
        return "Skipped " + skipped.size() + " " + noun + (skipped.size() == 1 ? "" : "s") + " " + why + ": " + names;
    }
}
