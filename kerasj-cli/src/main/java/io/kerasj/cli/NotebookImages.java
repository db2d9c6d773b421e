package io.kerasj.cli;

import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.Dataset;
import io.kerasj.plot.ImagePlots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The notebook's pictures of the training set: the first image alone ({@code single_image.png}) and the first
 * 21 in a 3 x 7 grid with their class names ({@code grid_images.png}).
 */
final class NotebookImages {
    /** Rows of the grid. */
    static final int GRID_ROWS = 3;
    /** Columns of the grid. */
    static final int GRID_COLS = 7;

    private NotebookImages() {
    }

    /**
     * @param train the training split
     * @param dir where to write
     * @return the two files written
     * @throws java.io.IOException when a file cannot be written
     */
    static List<Path> write(Dataset train, Path dir) throws java.io.IOException {
        Path single = ImagePlots.writeImage(dir.resolve("single_image.png"), train.image(0), train.rows(), train.cols(),
                ImagePlots.DEFAULT_SCALE);
        List<byte[]> images = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < GRID_ROWS * GRID_COLS; i++) {
            images.add(train.image(i));
            titles.add(FashionMnist.className(train.label(i)));
        }
        Path grid = ImagePlots.writeGrid(dir.resolve("grid_images.png"), GRID_ROWS, GRID_COLS, images, train.rows(),
                train.cols(), titles);
        return List.of(single, grid);
    }
}
