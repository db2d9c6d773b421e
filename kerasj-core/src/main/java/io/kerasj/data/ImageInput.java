package io.kerasj.data;

import io.kerasj.KerasJException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Images as a model's input, the library's one helper for it: PNG or JPEG files resized to the model's height and
 * width with bilinear interpolation (Java2D, as Keras's default {@code "bilinear"}), turned grey with ITU-R 601 luma
 * ({@code 0.299 R + 0.587 G + 0.114 B}, as PIL's {@code convert("L")} that Keras uses) or kept RGB, then scaled.
 * Grey files are read from their raster, so 8-bit grey PNGs give their exact pixel values.
 *
 * <pre>{@code
 * FloatSamples x = ImageInput.read(List.of(Path.of("boot.png")), model.inputShape());   // pixels / 255
 * float[][] probabilities = model.predict(x);
 * }</pre>
 */
public final class ImageInput {
    private static final long MAX_PIXELS = 1L << 26;
    /** What decoding one image may allocate: 2^26 pixels of 8-bit RGBA. */
    private static final long MAX_DECODED_BYTES = 1L << 28;
    private final int height;
    private final int width;
    private final int channels;
    private final int[] sampleShape;
    private final IntToDoubleFunction scale;

    private ImageInput(long[] shape, IntToDoubleFunction scale, Path first) {
        int[] hwc = hwc(first, shape);
        this.height = hwc[0];
        this.width = hwc[1];
        this.channels = hwc[2];
        this.sampleShape = java.util.Arrays.stream(shape).mapToInt(d -> (int) d).toArray();
        this.scale = scale;
    }

    /**
     * @param files PNG or JPEG files
     * @param sampleShape the model's per-sample input shape: [H, W], [H, W, 1|3], or [H*W] / [H*W*3] for a square image
     * @return the images, pixels divided by 255 (as {@code x / 255.0} in float32)
     */
    public static FloatSamples read(List<Path> files, long[] sampleShape) {
        return read(files, sampleShape, v -> v / 255f);
    }

    /**
     * @param files PNG or JPEG files
     * @param sampleShape the model's per-sample input shape
     * @param scale maps a raw 0..255 pixel value to the model's input value (e.g. {@code v -> v} for a model with
     *     its own Rescaling layer)
     * @return the images in the model's shape
     * @throws KerasJException naming a file that cannot be read or a shape that is not an image's
     */
    public static FloatSamples read(List<Path> files, long[] sampleShape, IntToDoubleFunction scale) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files: expected at least one image");
        }
        ImageInput input = new ImageInput(sampleShape, scale, files.get(0));
        int size = input.height * input.width * input.channels;
        float[] values = new float[Math.multiplyExact(files.size(), size)];
        for (int i = 0; i < files.size(); i++) {
            input.pixels(files.get(i), values, i * size);
        }
        return FloatSamples.of(values, input.sampleShape);
    }

    private float apply(int raw) {
        return (float) scale.applyAsDouble(raw);
    }

    /**
     * @param file the image, for the message
     * @param shape a model's per-sample input shape
     * @return {height, width, channels} of the images it takes
     * @throws KerasJException when the shape is not an image's
     */
    public static int[] imageShape(Path file, long[] shape) {
        return hwc(file, shape);
    }

    private static int[] hwc(Path file, long[] shape) {
        if (shape == null) {
            throw new KerasJException(file + ": the model's input has an unknown shape: images need a fixed height and width");
        }
        if (shape.length == 3 && (shape[2] == 1 || shape[2] == 3) && shape[0] > 0 && shape[1] > 0) {
            return new int[] {(int) shape[0], (int) shape[1], (int) shape[2]};
        }
        if (shape.length == 2 && shape[0] > 0 && shape[1] > 0) {
            return new int[] {(int) shape[0], (int) shape[1], 1};
        }
        if (shape.length == 1 && shape[0] > 0) {
            for (int c : new int[] {1, 3}) {
                long side = Math.round(Math.sqrt(shape[0] / (double) c));
                if (side * side * c == shape[0]) {
                    return new int[] {(int) side, (int) side, c};
                }
            }
        }
        throw new KerasJException(file + ": the model's input " + java.util.Arrays.toString(shape)
                + " is not an image shape: expected [H, W], [H, W, 1|3] or a flat square image");
    }

    private void pixels(Path file, float[] out, int offset) {
        BufferedImage image = decode(file);
        if (image.getRaster().getNumBands() == 1) {
            grey(image, out, offset);
            return;
        }
        BufferedImage resized = resize(image, BufferedImage.TYPE_INT_RGB);
        int at = offset;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = resized.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int gr = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (channels == 1) {
                    // PIL's convert("L"): (R*299 + G*587 + B*114) / 1000, rounded
                    out[at++] = apply((r * 299 + gr * 587 + b * 114 + 500) / 1000);
                } else {
                    out[at++] = apply(r);
                    out[at++] = apply(gr);
                    out[at++] = apply(b);
                }
            }
        }
    }

    /**
     * Decodes an image after checking its header: its width and height against {@link #MAX_PIXELS} and what decoding
     * allocates (16-bit RGBA takes 8 bytes a pixel) against {@link #MAX_DECODED_BYTES}, so that a small file claiming
     * a huge image is refused before any pixel memory is taken.
     */
    private static BufferedImage decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KerasJException(file + ": " + (Files.exists(file) ? "not a regular file (a folder, FIFO or device)" : "no such file")
                    + ": expected a PNG or JPEG image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new KerasJException(file + ": not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new KerasJException(file + ": " + width + "x" + height + " pixels, expected at most " + MAX_PIXELS);
                }
                ImageTypeSpecifier type = reader.getRawImageType(0);
                if (type != null) {
                    long bits = 0;
                    for (int size : type.getSampleModel().getSampleSize()) {
                        bits += size;
                    }
                    long bytes = width * height * Math.max(1, (bits + 7) / 8);
                    if (bytes > MAX_DECODED_BYTES) {
                        throw new KerasJException(file + ": " + width + "x" + height + " pixels of " + bits + " bits decode to " + bytes
                                + " bytes, expected at most " + MAX_DECODED_BYTES);
                    }
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new KerasJException(file + ": not a PNG or JPEG image");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KerasJException k) {
                throw k;
            }
            throw new KerasJException(file + ": cannot read the image: " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    /** Grey files are read from their raster: Java2D's grey-to-RGB conversion would change the values. */
    private void grey(BufferedImage image, float[] out, int offset) {
        BufferedImage source = image;
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            source = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            int[] row = new int[image.getWidth()];
            int shift = image.getColorModel().getComponentSize(0) - 8;
            for (int y = 0; y < image.getHeight(); y++) {
                image.getRaster().getSamples(0, y, image.getWidth(), 1, 0, row);
                for (int x = 0; x < row.length; x++) {
                    row[x] = shift > 0 ? row[x] >> shift : row[x];
                }
                source.getRaster().setSamples(0, y, image.getWidth(), 1, 0, row);
            }
        }
        BufferedImage resized = source.getWidth() == width && source.getHeight() == height ? source
                : resize(source, BufferedImage.TYPE_BYTE_GRAY);
        int at = offset;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = apply(resized.getRaster().getSample(x, y, 0));
                for (int c = 0; c < channels; c++) {
                    out[at++] = v;
                }
            }
        }
    }

    private BufferedImage resize(BufferedImage image, int type) {
        BufferedImage resized = new BufferedImage(width, height, type);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return resized;
    }
}
