package io.kerasj.pipeline.images;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Small image folders written at test time: three classes ({@code birds}, {@code cats}, {@code dogs}) of PNGs of
 * several sizes (colour, grey, with alpha, palette), one JPEG and a nested folder in {@code dogs}, a text file to
 * skip, a hidden folder and a loose top-level image (neither is a class).
 */
final class ImageFolderFixture {
    private final Random random = new Random(20261207);

    /** Writes the folder; returns it. */
    Path write(Path dir) throws IOException {
        png(dir.resolve("birds/b1.png"), rgb(7, 5));
        png(dir.resolve("birds/b2.PNG"), rgb(12, 9));
        png(dir.resolve("birds/b 3.png"), grey(4, 6));
        png(dir.resolve("birds/b4.png"), palette(9, 8));
        png(dir.resolve("cats/c1.png"), rgba(10, 10));
        png(dir.resolve("cats/c2.png"), rgb(16, 11));
        png(dir.resolve("cats/c3.png"), grey(20, 13));
        png(dir.resolve("cats/c4.png"), rgb(3, 4));
        png(dir.resolve("cats/c5.png"), rgb(6, 5));
        Files.writeString(dir.resolve("cats/readme.txt"), "not an image");
        png(dir.resolve("dogs/d1.png"), rgb(8, 14));
        png(dir.resolve("dogs/d2.png"), grey(15, 7));
        jpeg(dir.resolve("dogs/d3.jpg"), smooth(24, 18));
        png(dir.resolve("dogs/more/d4.png"), rgb(5, 9));
        png(dir.resolve("dogs/more/d5.png"), rgba(11, 6));
        png(dir.resolve("dogs/more b/d6.png"), rgb(4, 4));
        png(dir.resolve(".hidden/h1.png"), rgb(5, 5));
        png(dir.resolve("loose.png"), rgb(5, 5));
        return dir;
    }

    /** The files of {@link #write} with inferred labels, sorted as Keras lists them. */
    static final String[] SORTED = {"birds/b 3.png", "birds/b1.png", "birds/b2.PNG", "birds/b4.png", "cats/c1.png",
        "cats/c2.png", "cats/c3.png", "cats/c4.png", "cats/c5.png", "dogs/d1.png", "dogs/d2.png", "dogs/d3.jpg",
        "dogs/more/d4.png", "dogs/more/d5.png", "dogs/more b/d6.png"};

    static void png(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    static void bmp(Path file, BufferedImage image) throws IOException {
        write(file, image, "bmp");
    }

    static void gif(Path file, BufferedImage image) throws IOException {
        write(file, image, "gif");
    }

    private static void write(Path file, BufferedImage image, String format) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no " + format + " writer");
        }
    }

    static void jpeg(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }

    BufferedImage rgb(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    BufferedImage rgba(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    BufferedImage grey(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        return image;
    }

    BufferedImage palette(int width, int height) {
        byte[] r = new byte[16];
        byte[] g = new byte[16];
        byte[] b = new byte[16];
        random.nextBytes(r);
        random.nextBytes(g);
        random.nextBytes(b);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(4, 16, r, g, b));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(16));
            }
        }
        return image;
    }

    /** A smooth colour gradient, what JPEG keeps well (noise would differ more between decoders). */
    BufferedImage smooth(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int red = 255 * x / (width - 1);
                int green = 255 * y / (height - 1);
                int blue = 128 + (int) (100 * Math.sin(x * 0.3 + y * 0.2));
                image.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return image;
    }
}
