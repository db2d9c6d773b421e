package io.kerasj.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders grey-scale images as matplotlib's {@code plt.imshow(img, cmap="binary")} with the axes off: white
 * background, dark ink (grey = 255 - pixel), nearest-neighbour upscaling; and grids of such images with a
 * title above each, laid out as a matplotlib figure of {@code figsize=(cols * 1.2, rows * 1.2)} with
 * {@code subplots_adjust(wspace=0.2, hspace=0.5)}.
 */
public final class ImagePlots {

    /** Dots per inch of grid figures. */
    public static final int DEFAULT_DPI = 150;
    /** Upscaling factor of single images. */
    public static final int DEFAULT_SCALE = 10;
    /** Title font size in points. */
    public static final float TITLE_POINTS = 10f;

    // matplotlib's default subplot parameters, with the notebook's wspace/hspace
    private static final double LEFT = 0.125;
    private static final double RIGHT = 0.9;
    private static final double BOTTOM = 0.11;
    private static final double TOP = 0.88;
    private static final double WSPACE = 0.2;
    private static final double HSPACE = 0.5;
    private static final double TITLE_PAD_POINTS = 6.0;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ImagePlots() {
    }

    /**
     * One image, upscaled {@code scale} times, with a white margin of two source pixels on each side.
     *
     * @param pixels the image's unsigned bytes, row-major
     * @param rows image rows
     * @param cols image columns
     * @param scale upscaling factor, at least 1
     * @return an RGB image (grey values) of {@code (cols + 4) * scale} x {@code (rows + 4) * scale} pixels
     */
    public static BufferedImage renderImage(byte[] pixels, int rows, int cols, int scale) {
        checkImage(pixels, rows, cols);
        if (scale < 1) {
            throw new IllegalArgumentException("scale: expected at least 1, found " + scale);
        }
        int margin = 2 * scale;
        BufferedImage out = new BufferedImage(cols * scale + 2 * margin, rows * scale + 2 * margin, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(inked(pixels, rows, cols), margin, margin, cols * scale, rows * scale, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * A grid of {@code gridRows x gridCols} images, each with its title centred above it, as the notebook's
     * {@code show_imgs}: a white figure of {@code gridCols * 1.2 x gridRows * 1.2} inches at {@code dpi}.
     *
     * @param gridRows rows of the grid
     * @param gridCols columns of the grid
     * @param images at least {@code gridRows * gridCols} images of {@code rows x cols} unsigned bytes, row by row
     * @param rows image rows
     * @param cols image columns
     * @param titles one title per image shown
     * @param dpi dots per inch
     * @return an RGB image of {@code round(gridCols * 1.2 * dpi)} x {@code round(gridRows * 1.2 * dpi)} pixels
     */
    public static BufferedImage renderGrid(int gridRows, int gridCols, List<byte[]> images, int rows, int cols,
            List<String> titles, int dpi) {
        if (gridRows < 1 || gridCols < 1) {
            throw new IllegalArgumentException("grid: expected at least 1 x 1, found " + gridRows + " x " + gridCols);
        }
        int n = gridRows * gridCols;
        if (images.size() < n || titles.size() < n) {
            throw new IllegalArgumentException("images, titles: expected at least " + n + " each, found "
                    + images.size() + " and " + titles.size());
        }
        int width = (int) Math.round(gridCols * 1.2 * dpi);
        int height = (int) Math.round(gridRows * 1.2 * dpi);
        double cellW = (RIGHT - LEFT) * width / (gridCols + (gridCols - 1) * WSPACE);
        double cellH = (TOP - BOTTOM) * height / (gridRows + (gridRows - 1) * HSPACE);
        double scale = Math.min(cellW / cols, cellH / rows); // aspect "equal", as imshow
        int imgW = (int) Math.round(cols * scale);
        int imgH = (int) Math.round(rows * scale);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setFont(titleFont(dpi));
            g.setColor(Color.BLACK);
            FontMetrics metrics = g.getFontMetrics();
            float pad = (float) (TITLE_PAD_POINTS * dpi / 72.0);
            for (int r = 0; r < gridRows; r++) {
                for (int c = 0; c < gridCols; c++) {
                    int index = r * gridCols + c;
                    checkImage(images.get(index), rows, cols);
                    double cellX = LEFT * width + c * cellW * (1 + WSPACE);
                    double cellY = (1 - TOP) * height + r * cellH * (1 + HSPACE);
                    int x = (int) Math.round(cellX + (cellW - imgW) / 2);
                    int y = (int) Math.round(cellY + (cellH - imgH) / 2);
                    g.drawImage(inked(images.get(index), rows, cols), x, y, imgW, imgH, null);
                    String title = titles.get(index);
                    float tx = (float) (x + imgW / 2.0 - metrics.getStringBounds(title, g).getWidth() / 2.0);
                    g.drawString(title, tx, y - pad - metrics.getDescent());
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Renders one image with {@link #renderImage} and writes it as PNG.
     *
     * @param file the PNG file
     * @param pixels the image's unsigned bytes, row-major
     * @param rows image rows
     * @param cols image columns
     * @param scale upscaling factor
     * @return the file written, absolute
     * @throws IOException when the file cannot be written
     */
    public static Path writeImage(Path file, byte[] pixels, int rows, int cols, int scale) throws IOException {
        return PngFiles.write(renderImage(pixels, rows, cols, scale), file);
    }

    /**
     * Renders a grid with {@link #renderGrid} at {@link #DEFAULT_DPI} and writes it as PNG.
     *
     * @param file the PNG file
     * @param gridRows rows of the grid
     * @param gridCols columns of the grid
     * @param images at least {@code gridRows * gridCols} images, row by row
     * @param rows image rows
     * @param cols image columns
     * @param titles one title per image shown
     * @return the file written, absolute
     * @throws IOException when the file cannot be written
     */
    public static Path writeGrid(Path file, int gridRows, int gridCols, List<byte[]> images, int rows, int cols,
            List<String> titles) throws IOException {
        return PngFiles.write(renderGrid(gridRows, gridCols, images, rows, cols, titles, DEFAULT_DPI), file);
    }

    private static Font titleFont(int dpi) {
        Font base = new Font("DejaVu Sans", Font.PLAIN, 12);
        if (!"DejaVu Sans".equals(base.getFamily())) {
            base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        }
        return base.deriveFont(TITLE_POINTS * dpi / 72f);
    }

    /** The image as grey ink on white: grey = 255 - pixel, as the "binary" colour map. */
    private static BufferedImage inked(byte[] pixels, int rows, int cols) {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            int grey = 255 - (pixels[i] & 0xFF);
            rgb[i] = grey << 16 | grey << 8 | grey;
        }
        img.setRGB(0, 0, cols, rows, rgb, 0, cols);
        return img;
    }

    private static void checkImage(byte[] pixels, int rows, int cols) {
        if (rows < 1 || cols < 1 || pixels.length != rows * cols) {
            throw new IllegalArgumentException("image: expected " + rows + " x " + cols + " = " + (long) rows * cols
                    + " pixels, found " + pixels.length);
        }
    }
}
