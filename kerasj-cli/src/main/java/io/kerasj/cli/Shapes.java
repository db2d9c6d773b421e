package io.kerasj.cli;

import io.kerasj.data.LabeledImages;

/** NumPy-style shape text, as the notebook prints {@code X.shape, y.shape}. */
final class Shapes {

    private Shapes() {
    }

    /**
     * @param set images with labels
     * @return e.g. {@code (5000, 28, 28) (5000,)}
     */
    static String of(LabeledImages set) {
        return "(" + set.count() + ", " + set.rows() + ", " + set.cols() + ") (" + set.count() + ",)";
    }
}
