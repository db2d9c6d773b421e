package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.ImageInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * PNG and JPEG files (or folders of them, searched recursively in name order) converted to the model's input by
 * {@link ImageInput} (bilinear resize, grey or RGB), then scaled. A sample's label is the position of its folder's
 * name in the class names, or the folder's name when it is a number.
 */
final class ImageSamples implements SampleSource {
    private final List<Path> files;
    private final long[] shape;
    private final Scale scale;
    private final int[] labels;

    private ImageSamples(List<Path> files, long[] shape, Scale scale, List<String> classNames) {
        ImageInput.imageShape(files.get(0), shape);
        this.files = files;
        this.shape = shape.clone();
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
        return ImageInput.read(files.subList(from, to), shape, raw -> scale.apply(raw));
    }
}
