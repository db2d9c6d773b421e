package io.kerasj.plot;

import io.kerasj.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes PNG files atomically: to a temporary file beside the target, then renamed over it. */
public final class PngFiles {

    private PngFiles() {
    }

    /**
     * @param image the image to write
     * @param file the PNG file to create or replace; its parent directories are created
     * @return {@code file}, absolute
     * @throws IOException when the file cannot be written
     */
    public static Path write(BufferedImage image, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException(file + ": no PNG writer for image type " + image.getType());
            }
        });
        return target;
    }
}
