package io.kerasj.pipeline.images;

import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;

/**
 * The pipeline {@link ImageDatasets#imageDatasetFromDirectory} returns, with what Keras's dataset carries besides:
 * {@link #classNames()} ({@code dataset.class_names}) and {@link #filePaths()} ({@code dataset.file_paths}). Its
 * elements are batches (or single images without a batch size) of float32 images [h, w, c] with values in
 * [0, 255], and int32, one-hot float32 or float32 [1] labels.
 */
public final class ImageDataset extends Pipeline {
    private final Pipeline pipeline;
    private final List<String> classNames;
    private final List<Path> filePaths;

    ImageDataset(Pipeline pipeline, List<String> classNames, List<Path> filePaths) {
        this.pipeline = pipeline;
        this.classNames = classNames;
        this.filePaths = List.copyOf(filePaths);
    }

    /** @return the class names in label order (the subfolders), or null without labels */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @return the image files in the order Keras lists them ({@code file_paths}): sorted, or shuffled once with the
     *     seed; a training pass with shuffling reads them in a new order each pass
     */
    public List<Path> filePaths() {
        return filePaths;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        return pipeline.iterator(epoch);
    }

    @Override
    public long cardinality() {
        return pipeline.cardinality();
    }

    @Override
    public String toString() {
        return pipeline.toString();
    }
}
