package io.kerasj.pipeline.images;

import io.kerasj.pipeline.PipelineException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * One image file to 8-bit pixels with the channels Keras's {@code tf.image.decode_image(channels=...)} gives: the
 * format is read from the content (PNG, JPEG, BMP or GIF; the first frame of a GIF), the size is checked on the header
 * before any pixel memory is taken, then the channels are converted as TensorFlow does. PNG: grey from colour by
 * libpng's {@code rgb_to_gray} (0.299, 0.587 in 1/32768ths, truncated), alpha dropped or added as 255, 16-bit samples
 * keep their high byte. JPEG: grey from colour by libjpeg's luma; no 4-channel form. GIF: 3 channels only. BMP: 3 or
 * 4. The refusals are TensorFlow's, so a folder Keras cannot read is refused here too.
 */
final class ImageDecoder {
    /** The largest image decoded: 2^26 pixels, as {@code io.kerasj.data.ImageInput}. */
    static final long MAX_PIXELS = 1L << 26;
    /** What decoding one image may allocate: 2^26 pixels of 8-bit RGBA. */
    static final long MAX_DECODED_BYTES = 1L << 28;

    /** Images above this many pixels decode one at a time across all threads, so parallel decoding of hostile
     *  files stays within one large image's memory plus small ones. */
    static final long LARGE_PIXELS = 1L << 22;
    private static final Semaphore LARGE_DECODES = new Semaphore(1, true);

    /** Pixels row-major, {@code channels} bytes each (read unsigned). */
    record Decoded(int height, int width, int channels, byte[] pixels) {
    }

    private enum Format { PNG, JPEG, BMP, GIF }

    private ImageDecoder() {
    }

    /**
     * Decodes an image and hands its pixels to {@code use} (a large image holds its turn until {@code use} returns).
     *
     * @param file the image
     * @param channels 1, 3 or 4
     * @param use what is made of the pixels (the resize)
     * @return what {@code use} returns
     * @throws PipelineException in one line naming the file when it cannot be decoded or is too large
     */
    static <T> T decode(Path file, int channels, Function<Decoded, T> use) {
        if (!Files.isRegularFile(file)) {
            throw new PipelineException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file")
                    + ": expected an image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new PipelineException(file + ": cannot open the file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                Format format = formatOf(reader);
                if (format == null) {
                    continue;
                }
                try {
                    checkChannels(file, format, channels);
                    reader.setInput(in, true, true);
                    long pixels = checkSize(file, reader);
                    boolean large = pixels > LARGE_PIXELS;
                    if (large) {
                        LARGE_DECODES.acquire();
                    }
                    try {
                        return use.apply(convert(read(file, reader), format, channels));
                    } finally {
                        if (large) {
                            LARGE_DECODES.release();
                        }
                    }
                } finally {
                    reader.dispose();
                }
            }
            throw new PipelineException(file + ": cannot decode the image: not a PNG, JPEG, BMP or GIF file");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException(file + ": interrupted while waiting to decode a large image", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof PipelineException p) {
                throw p;
            }
            throw new PipelineException(file + ": cannot decode the image: " + firstLine(e), e);
        }
    }

    private static Format formatOf(ImageReader reader) {
        try {
            return switch (reader.getFormatName().toLowerCase(Locale.ROOT)) {
                case "png" -> Format.PNG;
                case "jpeg", "jpg" -> Format.JPEG;
                case "bmp" -> Format.BMP;
                case "gif" -> Format.GIF;
                default -> null;
            };
        } catch (IOException e) {
            return null;
        }
    }

    /** TensorFlow's {@code decode_image} refusals, so that KerasJ reads the folders Keras reads. */
    private static void checkChannels(Path file, Format format, int channels) {
        String refusal = switch (format) {
            case JPEG -> channels == 4 ? "a JPEG image has no 4-channel form (color_mode \"rgba\")" : null;
            case GIF -> channels != 3 ? "a GIF image decodes to 3 channels only (color_mode \"rgb\")" : null;
            case BMP -> channels == 1 ? "a BMP image decodes to 3 or 4 channels only (not color_mode \"grayscale\")" : null;
            case PNG -> null;
        };
        if (refusal != null) {
            throw new PipelineException(file + ": " + refusal + ", as in Keras");
        }
    }

    /** @return the header's pixel count, checked against the caps */
    private static long checkSize(Path file, ImageReader reader) throws IOException {
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
            throw new PipelineException(file + ": " + width + "x" + height + " pixels, expected at most " + MAX_PIXELS);
        }
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type != null) {
            long bits = 0;
            for (int size : type.getSampleModel().getSampleSize()) {
                bits += size;
            }
            long bytes = width * height * Math.max(1, (bits + 7) / 8);
            if (bytes > MAX_DECODED_BYTES) {
                throw new PipelineException(file + ": " + width + "x" + height + " pixels of " + bits + " bits decode to "
                        + bytes + " bytes, expected at most " + MAX_DECODED_BYTES);
            }
        }
        return width * height;
    }

    private static BufferedImage read(Path file, ImageReader reader) throws IOException {
        BufferedImage image = reader.read(0);
        if (image == null) {
            throw new PipelineException(file + ": cannot decode the image");
        }
        return image;
    }

    private static Decoded convert(BufferedImage image, Format format, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), channels)];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int type = cm.getColorSpace().getType();
        boolean direct = !(cm instanceof IndexColorModel) && !cm.isAlphaPremultiplied()
                && (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB);
        boolean grey = direct && type == ColorSpace.TYPE_GRAY;
        int colours = grey ? 1 : 3;
        boolean alpha = cm.hasAlpha();
        int[][] bands = new int[colours + 1][w];
        int[] argb = new int[w];
        int at = 0;
        for (int y = 0; y < h; y++) {
            if (direct) {
                for (int b = 0; b < colours; b++) {
                    raster.getSamples(0, y, w, 1, b, bands[b]);
                    to8Bits(bands[b], cm.getComponentSize(b));
                }
                if (alpha) {
                    raster.getSamples(0, y, w, 1, colours, bands[colours]);
                    to8Bits(bands[colours], cm.getComponentSize(colours));
                }
            } else {
                image.getRGB(0, y, w, 1, argb, 0, w);
                for (int x = 0; x < w; x++) {
                    bands[0][x] = (argb[x] >> 16) & 0xFF;
                    bands[1][x] = (argb[x] >> 8) & 0xFF;
                    bands[2][x] = argb[x] & 0xFF;
                    bands[3][x] = (argb[x] >>> 24) & 0xFF;
                }
            }
            for (int x = 0; x < w; x++) {
                int r = bands[0][x];
                int g = grey ? r : bands[1][x];
                int b = grey ? r : bands[2][x];
                int a = alpha ? bands[colours][x] : 255;
                if (channels == 1) {
                    out[at++] = (byte) (grey ? r : luma(format, r, g, b));
                } else {
                    out[at++] = (byte) r;
                    out[at++] = (byte) g;
                    out[at++] = (byte) b;
                    if (channels == 4) {
                        out[at++] = (byte) a;
                    }
                }
            }
        }
        return new Decoded(h, w, channels, out);
    }

    private static int luma(Format format, int r, int g, int b) {
        if (r == g && g == b) {
            return r;
        }
        if (format == Format.JPEG) {
            // libjpeg's RGB to Y: FIX(0.299), FIX(0.587), FIX(0.114) in 1/65536ths, rounded
            return (19595 * r + 38470 * g + 7471 * b + 32768) >> 16;
        }
        // libpng's png_set_rgb_to_gray(png, 1, 0.299, 0.587) as TensorFlow calls it: 1/32768ths, truncated
        return (9797 * r + 19234 * g + 3737 * b) >> 15;
    }

    /** libpng's 16-to-8 strip keeps the high byte; 1-, 2- and 4-bit grey expands by bit replication. */
    private static void to8Bits(int[] samples, int bits) {
        if (bits == 8) {
            return;
        }
        for (int i = 0; i < samples.length; i++) {
            samples[i] = bits > 8 ? samples[i] >> (bits - 8) : samples[i] * 255 / ((1 << bits) - 1);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(e.getClass().getSimpleName());
    }
}
