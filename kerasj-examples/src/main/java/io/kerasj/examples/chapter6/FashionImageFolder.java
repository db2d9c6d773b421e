package io.kerasj.examples.chapter6;

import io.kerasj.data.Dataset;
import io.kerasj.datasets.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes a few Fashion-MNIST classes as an image folder of the kind {@code image_dataset_from_directory} reads: one
 * subfolder per class ({@code t_shirt_top/}, {@code sneaker/}, ...), each image a 28x28 RGB PNG (the grey level in
 * the three channels); the reader upscales them to the network's input size.
 */
public final class FashionImageFolder {
    private FashionImageFolder() {
    }

    /**
     * @param images Fashion-MNIST images with their labels (28x28 unsigned bytes)
     * @param classes the labels to keep
     * @param perClass how many images of each class to write (the first ones)
     * @param folder a folder that does not exist yet, or an empty one
     * @return the folder
     * @throws IllegalArgumentException when the folder holds anything, or a class has fewer images
     */
    public static Path write(Dataset images, List<Integer> classes, int perClass, Path folder) {
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> entries = Files.list(folder)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(folder + ": not empty; expected a new folder for the images");
                    }
                }
            }
            for (int label : classes) {
                Path dir = Files.createDirectories(folder.resolve(folderName(label)));
                int written = 0;
                for (int i = 0; i < images.count() && written < perClass; i++) {
                    if (images.label(i) == label) {
                        ImageIO.write(rgb(images.image(i), images.rows(), images.cols()), "png", dir.resolve(String.format(Locale.ROOT, "%05d.png", i)).toFile());
                        written++;
                    }
                }
                if (written < perClass) {
                    throw new IllegalArgumentException("class " + label + " has " + written + " images, fewer than " + perClass);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot write the images: " + e.getMessage(), e);
        }
    }

    /** @return the class's folder name: Fashion-MNIST's name in lower case, other characters as {@code _} */
    public static String folderName(int label) {
        return FashionMnist.CLASS_NAMES.get(label).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    private static BufferedImage rgb(byte[] grey, int rows, int cols) {
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = grey[r * cols + c] & 0xff;
                image.setRGB(c, r, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }
}
