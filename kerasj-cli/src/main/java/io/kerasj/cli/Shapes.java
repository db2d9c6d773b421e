package io.kerasj.cli;

import io.kerasj.data.Dataset;
import io.kerasj.data.NumpyShape;

/** NumPy-style shape text, as the notebook prints {@code X.shape, y.shape}. */
final class Shapes {

    private Shapes() {
    }

    /**
     * @param set samples with targets
     * @return e.g. {@code (5000, 28, 28) (5000,)}
     */
    static String of(Dataset set) {
        return NumpyShape.text(set.shape()) + " " + NumpyShape.text(set.y().shape());
    }
}
