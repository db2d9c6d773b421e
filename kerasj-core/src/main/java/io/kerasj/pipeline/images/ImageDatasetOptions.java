package io.kerasj.pipeline.images;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The arguments of {@link ImageDatasets#imageDatasetFromDirectory}, with Keras 3's names and defaults: labels
 * {@code "inferred"}, label mode {@code "int"}, colour mode {@code "rgb"}, batches of 32, images resized to 256 x 256
 * with {@code "bilinear"} interpolation, shuffled, no validation split. A builder: each setter returns {@code this}.
 */
public final class ImageDatasetOptions {
    private static final Set<String> LABEL_MODES = Set.of("int", "categorical", "binary");
    private static final Set<String> SUBSETS = Set.of("training", "validation", "both");
    private static final Set<String> KERAS_ONLY_INTERPOLATIONS = Set.of("bicubic", "area", "lanczos3", "lanczos5",
            "gaussian", "mitchellcubic");

    private boolean inferLabels = true;
    private String labelMode = "int";
    private List<String> classNames;
    private String colorMode = "rgb";
    private Integer batchSize = 32;
    private int height = 256;
    private int width = 256;
    private boolean shuffle = true;
    private Long seed;
    private Double validationSplit;
    private String subset;
    private String interpolation = "bilinear";
    private boolean followLinks;
    private boolean cropToAspectRatio;
    private boolean verbose = true;
    private PrintStream out = System.out;
    private int decodeThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** @return options with Keras's defaults */
    public static ImageDatasetOptions defaults() {
        return new ImageDatasetOptions();
    }

    /**
     * @param labels {@code "inferred"} (labels from the subfolder names) or null (no labels: images alone)
     * @return this
     */
    public ImageDatasetOptions labels(String labels) {
        if (labels != null && !labels.equals("inferred")) {
            throw new IllegalArgumentException("labels: expected \"inferred\" or null, found \"" + labels
                    + "\" (a list of labels is not supported)");
        }
        this.inferLabels = labels != null;
        return this;
    }

    /**
     * @param labelMode {@code "int"} (int32 class indices), {@code "categorical"} (float32 one-hot),
     *     {@code "binary"} (float32 0 or 1, shape [1], for exactly two classes) or null (no labels)
     * @return this
     */
    public ImageDatasetOptions labelMode(String labelMode) {
        if (labelMode != null && !LABEL_MODES.contains(labelMode)) {
            throw new IllegalArgumentException("label_mode: expected \"int\", \"categorical\", \"binary\" or null, found \""
                    + labelMode + "\"");
        }
        this.labelMode = labelMode;
        return this;
    }

    /**
     * @param classNames the subfolders to read, in the order of their labels (a subset of the subfolders); null for
     *     all subfolders in alphanumeric order
     * @return this
     */
    public ImageDatasetOptions classNames(List<String> classNames) {
        if (classNames != null && Set.copyOf(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("class_names: expected distinct names, found " + classNames);
        }
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        return this;
    }

    /**
     * @param colorMode {@code "grayscale"} (1 channel), {@code "rgb"} (3) or {@code "rgba"} (4)
     * @return this
     */
    public ImageDatasetOptions colorMode(String colorMode) {
        channelsOf(colorMode);
        this.colorMode = colorMode;
        return this;
    }

    /**
     * @param batchSize images per batch, or null for single images (an unbatched pipeline)
     * @return this
     */
    public ImageDatasetOptions batchSize(Integer batchSize) {
        if (batchSize != null && batchSize <= 0) {
            throw new IllegalArgumentException("batch_size: expected a positive number or null, found " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * @param height the height every image is resized to
     * @param width the width every image is resized to
     * @return this
     */
    public ImageDatasetOptions imageSize(int height, int width) {
        if (height <= 0 || width <= 0 || (long) height * width > ImageDecoder.MAX_PIXELS) {
            throw new IllegalArgumentException("image_size: expected positive sizes of at most " + ImageDecoder.MAX_PIXELS
                    + " pixels, found (" + height + ", " + width + ")");
        }
        this.height = height;
        this.width = width;
        return this;
    }

    /**
     * @param shuffle shuffle the files once (Keras's file order for a seed) and the training images every pass;
     *     false keeps the alphanumeric order
     * @return this
     */
    public ImageDatasetOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * @param seed the shuffling seed, in [0, 2^32 - 1] as NumPy's {@code RandomState}; null draws one in [0, 10^6)
     *     as Keras does
     * @return this
     */
    public ImageDatasetOptions seed(Long seed) {
        if (seed != null && (seed < 0 || seed > 0xffffffffL)) {
            throw new IllegalArgumentException("seed: expected a value in [0, 2**32 - 1], found " + seed);
        }
        this.seed = seed;
        return this;
    }

    /**
     * @param validationSplit the fraction of the files kept for validation, in (0, 1), or null: the last
     *     {@code (int) (split * n)} files of Keras's order; a split that keeps no file is refused (Keras would return
     *     every file as its validation subset)
     * @return this
     */
    public ImageDatasetOptions validationSplit(Double validationSplit) {
        if (validationSplit != null && !(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation_split: must be between 0 and 1, found " + validationSplit);
        }
        this.validationSplit = validationSplit;
        return this;
    }

    /**
     * @param subset {@code "training"}, {@code "validation"} or {@code "both"} (with
     *     {@link ImageDatasets#imageDatasetsFromDirectory}); only with a validation split
     * @return this
     */
    public ImageDatasetOptions subset(String subset) {
        if (subset != null && !SUBSETS.contains(subset)) {
            throw new IllegalArgumentException("subset: expected \"training\", \"validation\" or \"both\", found \""
                    + subset + "\"");
        }
        this.subset = subset;
        return this;
    }

    /**
     * @param interpolation {@code "bilinear"} or {@code "nearest"} (tf.image.resize's, half-pixel centres, no
     *     antialiasing); Keras's other methods are refused
     * @return this
     */
    public ImageDatasetOptions interpolation(String interpolation) {
        String lower = interpolation == null ? "" : interpolation.toLowerCase(Locale.ROOT);
        if (KERAS_ONLY_INTERPOLATIONS.contains(lower)) {
            throw new IllegalArgumentException("interpolation: \"" + interpolation
                    + "\" is not implemented in KerasJ: expected \"bilinear\" or \"nearest\"");
        }
        if (!lower.equals("bilinear") && !lower.equals("nearest")) {
            throw new IllegalArgumentException("interpolation: expected \"bilinear\" or \"nearest\", found \"" + interpolation + "\"");
        }
        this.interpolation = lower;
        return this;
    }

    /**
     * @param followLinks walk into folders reached through symbolic links (a link back to an enclosing folder is
     *     not walked twice)
     * @return this
     */
    public ImageDatasetOptions followLinks(boolean followLinks) {
        this.followLinks = followLinks;
        return this;
    }

    /**
     * @param cropToAspectRatio crop the largest centred window of the target aspect ratio before resizing, instead
     *     of stretching
     * @return this
     */
    public ImageDatasetOptions cropToAspectRatio(boolean cropToAspectRatio) {
        this.cropToAspectRatio = cropToAspectRatio;
        return this;
    }

    /**
     * @param verbose print what was found and skipped, and the split (Keras prints its split lines even when not
     *     verbose; KerasJ is silent)
     * @return this
     */
    public ImageDatasetOptions verbose(boolean verbose) {
        this.verbose = verbose;
        return this;
    }

    /**
     * @param out where the messages go (standard output by default)
     * @return this
     */
    public ImageDatasetOptions out(PrintStream out) {
        this.out = java.util.Objects.requireNonNull(out, "out");
        return this;
    }

    /**
     * @param decodeThreads threads decoding images ahead of the consumer, in order (Keras maps with
     *     {@code AUTOTUNE}); 1 decodes on the reading thread
     * @return this
     */
    public ImageDatasetOptions decodeThreads(int decodeThreads) {
        if (decodeThreads <= 0) {
            throw new IllegalArgumentException("decodeThreads: expected a positive number, found " + decodeThreads);
        }
        this.decodeThreads = decodeThreads;
        return this;
    }

    static int channelsOf(String colorMode) {
        if ("rgb".equals(colorMode)) {
            return 3;
        }
        if ("rgba".equals(colorMode)) {
            return 4;
        }
        if ("grayscale".equals(colorMode)) {
            return 1;
        }
        throw new IllegalArgumentException("color_mode: must be one of \"rgb\", \"rgba\", \"grayscale\", found \"" + colorMode + "\"");
    }

    boolean inferLabels() {
        return inferLabels;
    }

    String labelMode() {
        return labelMode;
    }

    List<String> classNames() {
        return classNames;
    }

    String colorMode() {
        return colorMode;
    }

    int channels() {
        return channelsOf(colorMode);
    }

    Integer batchSize() {
        return batchSize;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    boolean shuffle() {
        return shuffle;
    }

    Long seed() {
        return seed;
    }

    Double validationSplit() {
        return validationSplit;
    }

    String subset() {
        return subset;
    }

    String interpolation() {
        return interpolation;
    }

    boolean followLinks() {
        return followLinks;
    }

    boolean cropToAspectRatio() {
        return cropToAspectRatio;
    }

    boolean verbose() {
        return verbose;
    }

    PrintStream out() {
        return out;
    }

    int decodeThreads() {
        return decodeThreads;
    }
}
