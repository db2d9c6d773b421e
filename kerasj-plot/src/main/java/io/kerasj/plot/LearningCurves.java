package io.kerasj.plot;

import io.kerasj.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws training curves as the seed notebook's
 * {@code pd.DataFrame(history.history).plot(figsize=(8, 5)); plt.grid(True); plt.gca().set_ylim(0, 1)} does: one
 * line per metric against the epoch index (0 to epochs - 1), matplotlib's default colour cycle, a legend placed as
 * {@code loc="best"}, a grey grid, y from 0 to 1, on an 8 × 5 inch figure at 100 dpi (800 × 500 px, or a multiple
 * of it for sharper output), with matplotlib's margins, fonts (DejaVu Sans 10 pt) and line widths.
 */
public final class LearningCurves {

    /** matplotlib's default colour cycle ({@code tab10}), used in order, then repeated. */
    public static final List<Color> COLORS = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));
    /** Figure width in pixels at scale 1 (8 in at 100 dpi). */
    public static final int WIDTH = 800;
    /** Figure height in pixels at scale 1 (5 in at 100 dpi). */
    public static final int HEIGHT = 500;

    /** Pixels per typographic point at 100 dpi. */
    private static final float PT = 100f / 72f;
    private static final float FONT_SIZE = 10 * PT;
    // matplotlib's subplot parameters: left .125, right .9, bottom .11, top .88.
    private static final double LEFT = 0.125 * WIDTH;
    private static final double RIGHT = 0.1 * WIDTH;
    private static final double TOP = 0.12 * HEIGHT;
    private static final double BOTTOM = 0.11 * HEIGHT;
    private static final Color GRID = new Color(0xb0b0b0);
    private static final Color LEGEND_EDGE = new Color(0xcccccc);

    private LearningCurves() {
    }

    /**
     * Writes the chart as an 800 × 500 PNG.
     *
     * @param history metric name → one value per epoch, e.g. {@code History.history()}; drawn in map order
     * @param png the target file, written through a temporary file and an atomic rename
     * @throws IllegalArgumentException if history is empty
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Map<String, List<Double>> history, Path png) {
        write(history, png, 1);
    }

    /**
     * Writes the chart as a PNG of (800 × scale) × (500 × scale) pixels: the same figure, drawn sharper.
     *
     * @param history metric name → one value per epoch; drawn in map order
     * @param png the target file, written through a temporary file and an atomic rename
     * @param scale 1 for 800 × 500 (matplotlib's default 100 dpi), 2 for 1600 × 1000
     * @throws IllegalArgumentException if history is empty or scale is not positive
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Map<String, List<Double>> history, Path png, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("expected scale >= 1, found " + scale);
        }
        JFreeChart chart = chart(history);
        BufferedImage image = chart.createBufferedImage(WIDTH * scale, HEIGHT * scale, WIDTH, HEIGHT, null);
        writeAtomically(image, png);
    }

    /**
     * Builds the chart without writing it, e.g. to show it in a window.
     *
     * @param history metric name → one value per epoch; drawn in map order
     * @return the chart, meant to be drawn at 800 × 500
     * @throws IllegalArgumentException if history is empty
     */
    public static JFreeChart chart(Map<String, List<Double>> history) {
        Objects.requireNonNull(history, "history");
        if (history.isEmpty()) {
            throw new IllegalArgumentException("expected at least one metric in history, found none");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Font font = new Font("DejaVu Sans", Font.PLAIN, 1).deriveFont(FONT_SIZE);

        XYSeriesCollection dataset = new XYSeriesCollection();
        int epochs = 0;
        for (Map.Entry<String, List<Double>> entry : history.entrySet()) {
            XYSeries series = new XYSeries(entry.getKey(), false, true);
            List<Double> values = entry.getValue();
            for (int i = 0; i < values.size(); i++) {
                Double v = values.get(i);
                series.add(i, v == null ? Double.NaN : v);
            }
            epochs = Math.max(epochs, values.size());
            dataset.addSeries(series);
        }

        double xMin = epochs > 1 ? 0 : -0.5;
        double xMax = epochs > 1 ? epochs - 1 : 0.5;
        NumberAxis xAxis = axis(font, xMin, xMax, 9);
        NumberAxis yAxis = axis(font, 0, 1, 9);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        BasicStroke line = new BasicStroke(1.5f * PT, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_ROUND);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLORS.get(i % COLORS.size()));
            renderer.setSeriesStroke(i, line);
        }
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setLegendLine(new Line2D.Double(-FONT_SIZE, 0, FONT_SIZE, 0)); // 2 em, as handlelength=2

        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.BLACK);
        plot.setOutlineStroke(new BasicStroke(0.8f * PT));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(RectangleInsets.ZERO_INSETS);
        BasicStroke grid = new BasicStroke(0.8f * PT);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(grid);
        plot.setRangeGridlineStroke(grid);
        AxisSpace vertical = new AxisSpace();
        vertical.setTop(TOP);
        vertical.setBottom(BOTTOM);
        plot.setFixedDomainAxisSpace(vertical);
        AxisSpace horizontal = new AxisSpace();
        horizontal.setLeft(LEFT);
        horizontal.setRight(RIGHT);
        plot.setFixedRangeAxisSpace(horizontal);

        LegendTitle legend = new LegendTitle(renderer, new ColumnArrangement(), new ColumnArrangement());
        legend.setItemFont(font);
        legend.setBackgroundPaint(new Color(255, 255, 255, 204)); // framealpha 0.8
        legend.setFrame(new BlockBorder(1, 1, 1, 1, LEGEND_EDGE));
        double em = FONT_SIZE;
        legend.setPadding(new RectangleInsets(0.4 * em, 0.4 * em, 0.4 * em, 0.4 * em)); // borderpad
        legend.setMargin(new RectangleInsets(0.5 * em, 0.5 * em, 0.5 * em, 0.5 * em)); // borderaxespad
        legend.setItemLabelPadding(new RectangleInsets(0.25 * em, 0.8 * em, 0.25 * em, 0)); // labelspacing/handletextpad
        legend.setLegendItemGraphicPadding(new RectangleInsets(0, 0, 0, 0));
        LegendPlacer.Place place = bestPlace(dataset, xMin, xMax, font, em);
        XYTitleAnnotation annotation = new XYTitleAnnotation(place.x(), place.y(), legend, place.anchor());
        annotation.setMaxWidth(0.9);
        annotation.setMaxHeight(0.9);
        plot.addAnnotation(annotation);

        JFreeChart chart = new JFreeChart(null, font, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(RectangleInsets.ZERO_INSETS);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return chart;
    }

    private static NumberAxis axis(Font font, double lower, double upper, int bins) {
        NumberAxis axis = new NumberAxis(null);
        axis.setRange(lower, upper);
        axis.setAutoRange(false);
        double step = TickLocator.step(lower, upper, bins);
        axis.setTickUnit(new NumberTickUnit(step, TickLocator.format(step)), false, false);
        axis.setAutoTickUnitSelection(false, false);
        axis.setTickLabelFont(font);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setTickMarkPaint(Color.BLACK);
        axis.setTickMarkStroke(new BasicStroke(0.8f * PT));
        axis.setTickMarkOutsideLength(3.5f * PT);
        axis.setTickMarkInsideLength(0);
        axis.setTickLabelInsets(new RectangleInsets(3.5 * PT, 3.5 * PT, 3.5 * PT, 3.5 * PT));
        axis.setAxisLineVisible(false);
        axis.setMinorTickMarksVisible(false);
        return axis;
    }

    /** Estimates the legend's size as matplotlib lays it out and finds the least crowded place for it. */
    private static LegendPlacer.Place bestPlace(XYSeriesCollection dataset, double xMin, double xMax, Font font,
            double em) {
        double width = WIDTH - LEFT - RIGHT;
        double height = HEIGHT - TOP - BOTTOM;
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        FontMetrics metrics = g.getFontMetrics(font);
        int textWidth = 0;
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            textWidth = Math.max(textWidth, metrics.stringWidth(dataset.getSeriesKey(i).toString()));
        }
        double rowHeight = metrics.getHeight() + 0.5 * em;
        g.dispose();
        double legendWidth = 2 * 0.4 * em + 2 * em + 0.8 * em + textWidth + 2 * 0.5 * em;
        double legendHeight = 2 * 0.4 * em + dataset.getSeriesCount() * rowHeight + 2 * 0.5 * em;
        List<double[][]> lines = new ArrayList<>();
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            XYSeries series = dataset.getSeries(s);
            double[][] points = new double[series.getItemCount()][];
            for (int i = 0; i < points.length; i++) {
                double x = series.getX(i).doubleValue();
                double y = series.getY(i).doubleValue();
                points[i] = new double[] {(x - xMin) / (xMax - xMin) * width, y * height};
            }
            lines.add(points);
        }
        return LegendPlacer.best(lines, width, height, legendWidth, legendHeight);
    }

    private static void writeAtomically(BufferedImage image, Path png) {
        Path target = png.toAbsolutePath();
        try {
            AtomicFiles.write(target, out -> ChartUtils.writeBufferedImageAsPNG(out, image));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write learning curves to " + png, e);
        }
    }
}
