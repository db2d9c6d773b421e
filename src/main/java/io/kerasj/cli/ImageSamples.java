package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.data.FloatSamples;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * PNG and JPEG files (or folders of them, searched recursively in name order) converted to the model's input:
 * resized to its height and width with bilinear interpolation (Java2D, as Keras's default {@code "bilinear"}), turned
 * grey with ITU-R 601 luma ({@code 0.299 R + 0.587 G + 0.114 B}, as PIL's {@code convert("L")} that Keras uses) or
 * kept RGB, then multiplied by the scale. A sample's label is the position of its folder's name in the class names,
 * or the folder's name when it is a number.
 */
final class ImageSamples implements SampleSource {
    private static final long MAX_PIXELS = 1L << 26;
    private final List<Path> files;
    private final int height;
    private final int width;
    private final int channels;
    private final int[] sampleShape;
    private final Scale scale;
    private final int[] labels;

    private ImageSamples(List<Path> files, long[] shape, Scale scale, List<String> classNames) {
        this.files = files;
        this.sampleShape = java.util.Arrays.stream(shape).mapToInt(d -> (int) d).toArray();
        int[] hwc = hwc(files.get(0), shape);
        this.height = hwc[0];
        this.width = hwc[1];
        this.channels = hwc[2];
        this.scale = scale;
        this.labels = labels(files, classNames);
    }

    /** @return true for a PNG or JPEG name, or a folder */
    static boolean accepts(Path path) {
        return Files.isDirectory(path) || isImage(path);
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /**
     * @param path an image or a folder of images
     * @param shape the model's per-sample input shape: [H, W], [H, W, 1|3] or [H*W] / [H*W*3] for a square image
     * @param scale the multiplier of the 0..255 pixel values
     * @param classNames the class names, to label images by their folder
     * @return the source
     */
    static ImageSamples open(Path path, long[] shape, Scale scale, List<String> classNames) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).filter(ImageSamples::isImage).sorted().toList();
            } catch (IOException e) {
                throw new KerasJException(path + ": cannot list the folder: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new KerasJException(path + ": no .png, .jpg or .jpeg files in this folder");
            }
        } else {
            files = List.of(path);
        }
        return new ImageSamples(files, shape, scale, classNames);
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

    private static int[] labels(List<Path> files, List<String> classNames) {
        int[] out = new int[files.size()];
        for (int i = 0; i < out.length; i++) {
            Path parent = files.get(i).getParent();
            String folder = parent == null ? "" : parent.getFileName().toString();
            int index = classNames.indexOf(folder);
            if (index < 0 && folder.matches("\\d{1,6}")) {
                index = Integer.parseInt(folder);
            }
            if (index < 0) {
                return null;
            }
            out[i] = index;
        }
        return out;
    }

    @Override
    public int count() {
        return files.size();
    }

    @Override
    public String id(int index) {
        return files.get(index).toString();
    }

    @Override
    public int[] labels() {
        return labels;
    }

    @Override
    public Scale scale() {
        return scale;
    }

    @Override
    public FloatSamples read(int from, int to) {
        int size = height * width * channels;
        float[] values = new float[(to - from) * size];
        for (int i = from; i < to; i++) {
            pixels(files.get(i), values, (i - from) * size);
        }
        return FloatSamples.of(values, sampleShape);
    }

    private void pixels(Path file, float[] out, int offset) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new KerasJException(file + ": cannot read the image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new KerasJException(file + ": not a PNG or JPEG image");
        }
        if ((long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
            throw new KerasJException(file + ": " + image.getWidth() + "x" + image.getHeight() + " pixels, expected at most " + MAX_PIXELS);
        }
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
                    out[at++] = scale.apply((r * 299 + gr * 587 + b * 114 + 500) / 1000);
                } else {
                    out[at++] = scale.apply(r);
                    out[at++] = scale.apply(gr);
                    out[at++] = scale.apply(b);
                }
            }
        }
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
                float v = scale.apply(resized.getRaster().getSample(x, y, 0));
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
