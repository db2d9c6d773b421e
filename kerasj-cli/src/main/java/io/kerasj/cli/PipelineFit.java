package io.kerasj.cli;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.images.ImageDataset;
import java.io.PrintStream;

/**
 * How {@code kerasj fit} turns a {@link TrainingInput} into the batched {@link Pipeline} that {@code Model.fit}
 * reads, as a Keras user writes it for {@code model.fit(dataset)}: the source, {@code shuffle} (when on), then
 * {@code batch} and {@code prefetch}.
 * <p>
 * Shuffling is tf.data's buffer shuffle, reshuffled each epoch from the seed: the buffer holds the whole data when
 * its size is known and small enough (as Keras's fit shuffles arrays), else {@value #MAX_SHUFFLE_ELEMENTS} elements or
 * {@value #MAX_SHUFFLE_BYTES} bytes, whichever is fewer; CSV shards are also read in a shuffled order.
 */
final class PipelineFit {
    /** The most elements a shuffle buffer holds. */
    static final int MAX_SHUFFLE_ELEMENTS = 100_000;
    /** The most bytes a shuffle buffer holds (elements of the first element's size). */
    static final long MAX_SHUFFLE_BYTES = 256L << 20;
    private static final int PREFETCH = 2;

    private PipelineFit() {
    }

    /** @return whether {@code kerasj fit} reads this kind of data yet */
    static boolean reads(TrainingInput.Kind kind) {
        return true;
    }

    /** @return whether {@code --steps-per-epoch} is supported */
    static boolean takesStepsPerEpoch() {
        return true;
    }

    /**
     * @param input the data's path, checked
     * @param model the loaded, compiled model (its input names, its loss)
     * @param label the {@code --label} option, or null
     * @param imageSize {@code --image-size} as {height, width}, or null
     * @param shuffleSeed the seed of the file order (and of an image folder's own shuffle), or null to read in order
     * @param out the command's output (an image folder's "Found N files belonging to K classes.")
     * @return a pipeline of unbatched {@code (x, y)} elements
     * @throws TrainingInput.Refused when the data does not fit the model's inputs or the options (a usage error)
     */
    static Pipeline open(TrainingInput input, Model model, String label, int[] imageSize, Long shuffleSeed, PrintStream out) {
        return switch (input.kind()) {
            case NPY -> NpyTrainingData.open(input, model.inputNames());
            case CSV -> CsvTrainingData.open(input, label, takesClassIndices(model), shuffleSeed);
            case TFRECORD -> TfRecordTrainingData.open(input, model, label);
            case IMAGES -> ImageFolderTrainingData.open(input, model, imageSize, shuffleSeed, out);
        };
    }

    /**
     * @param elements unbatched training elements
     * @param batchSize samples per batch
     * @param shuffleSeed the shuffle's seed, or null for no shuffle
     * @return the pipeline fit reads: shuffled, batched, prefetched
     */
    static Pipeline training(Pipeline elements, int batchSize, Long shuffleSeed) {
        Pipeline p = elements;
        if (shuffleSeed != null && !(elements instanceof ImageDataset)) { // an image folder shuffles its files itself
            p = p.shuffle(shuffleBuffer(elements), shuffleSeed);
        }
        return p.batch(batchSize).prefetch(PREFETCH);
    }

    /**
     * @param elements unbatched validation elements
     * @param batchSize samples per batch
     * @return the pipeline validation reads, in order
     */
    static Pipeline validation(Pipeline elements, int batchSize) {
        return elements.batch(batchSize).prefetch(PREFETCH);
    }

    /**
     * Runs {@code fit} on the batched pipelines.
     *
     * @param model the compiled model
     * @param train batched training elements
     * @param validation batched validation elements, or null
     * @param options epochs, output, history
     * @param stepsPerEpoch steps per epoch, or null for one pass
     */
    static void fit(Model model, Pipeline train, Pipeline validation, FitOptions options, Integer stepsPerEpoch) {
        if (validation != null) {
            options.validationData(validation);
        }
        if (stepsPerEpoch != null) {
            options.stepsPerEpoch(stepsPerEpoch);
        }
        model.fit(train, options);
    }

    private static int shuffleBuffer(Pipeline elements) {
        long count = elements.cardinality();
        long buffer = count >= 0 ? Math.min(count, MAX_SHUFFLE_ELEMENTS) : MAX_SHUFFLE_ELEMENTS;
        Element first = elements.first();
        long bytes = Math.max(1, first.byteSize());
        return (int) Math.max(1, Math.min(buffer, MAX_SHUFFLE_BYTES / bytes));
    }

    private static boolean takesClassIndices(Model model) {
        return model.compileConfig().outputs().get(0).loss().takesClassIndices();
    }
}
