package io.kerasj.plot;

import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.ui.RectangleAnchor;

/**
 * Chooses where the legend goes inside the axes, as matplotlib's {@code loc="best"}: of the nine candidate
 * places, in matplotlib's order of preference, the first that covers the fewest data points and line segments.
 */
final class LegendPlacer {

    /**
     * A candidate place: the legend's anchor point in axes fractions (0..1, y up) and which corner of the legend
     * sits there.
     *
     * @param x axes fraction, 0 left, 1 right
     * @param y axes fraction, 0 bottom, 1 top
     * @param anchor the legend's point placed at (x, y)
     */
    record Place(double x, double y, RectangleAnchor anchor) {
    }

    /** matplotlib's codes 1..10 without 'right' (5), which duplicates 'center right'. */
    private static final Place[] PLACES = {
        new Place(1, 1, RectangleAnchor.TOP_RIGHT), // upper right
        new Place(0, 1, RectangleAnchor.TOP_LEFT), // upper left
        new Place(0, 0, RectangleAnchor.BOTTOM_LEFT), // lower left
        new Place(1, 0, RectangleAnchor.BOTTOM_RIGHT), // lower right
        new Place(0, 0.5, RectangleAnchor.LEFT), // center left
        new Place(1, 0.5, RectangleAnchor.RIGHT), // center right
        new Place(0.5, 0, RectangleAnchor.BOTTOM), // lower center
        new Place(0.5, 1, RectangleAnchor.TOP), // upper center
        new Place(0.5, 0.5, RectangleAnchor.CENTER), // center
    };

    private LegendPlacer() {
    }

    /**
     * @param lines each series as points in axes pixels (x right, y up), NaN points skipped
     * @param width the axes width in pixels
     * @param height the axes height in pixels
     * @param legendWidth the legend's width in pixels, its margin included
     * @param legendHeight the legend's height in pixels, its margin included
     * @return the best place
     */
    static Place best(List<double[][]> lines, double width, double height, double legendWidth, double legendHeight) {
        Place best = PLACES[0];
        long bestBadness = Long.MAX_VALUE;
        for (Place place : PLACES) {
            double left = place.x() * width - anchorFractionX(place.anchor()) * legendWidth;
            double bottom = place.y() * height - anchorFractionY(place.anchor()) * legendHeight;
            Rectangle2D box = new Rectangle2D.Double(left, bottom, legendWidth, legendHeight);
            long badness = 0;
            for (double[][] line : lines) {
                for (int i = 0; i < line.length; i++) {
                    double[] p = line[i];
                    if (Double.isNaN(p[1])) {
                        continue;
                    }
                    if (box.contains(p[0], p[1])) {
                        badness++;
                    }
                    if (i > 0 && !Double.isNaN(line[i - 1][1])
                            && box.intersectsLine(new Line2D.Double(line[i - 1][0], line[i - 1][1], p[0], p[1]))) {
                        badness++;
                    }
                }
            }
            if (badness < bestBadness) {
                bestBadness = badness;
                best = place;
            }
        }
        return best;
    }

    private static double anchorFractionX(RectangleAnchor anchor) {
        if (anchor == RectangleAnchor.TOP_RIGHT || anchor == RectangleAnchor.BOTTOM_RIGHT
                || anchor == RectangleAnchor.RIGHT) {
            return 1;
        }
        if (anchor == RectangleAnchor.TOP_LEFT || anchor == RectangleAnchor.BOTTOM_LEFT
                || anchor == RectangleAnchor.LEFT) {
            return 0;
        }
        return 0.5;
    }

    private static double anchorFractionY(RectangleAnchor anchor) {
        if (anchor == RectangleAnchor.TOP_RIGHT || anchor == RectangleAnchor.TOP_LEFT
                || anchor == RectangleAnchor.TOP) {
            return 1;
        }
        if (anchor == RectangleAnchor.BOTTOM_RIGHT || anchor == RectangleAnchor.BOTTOM_LEFT
                || anchor == RectangleAnchor.BOTTOM) {
            return 0;
        }
        return 0.5;
    }
}
