package io.kerasj.examples.chapter4;

import io.kerasj.callbacks.EarlyStopping;
import io.kerasj.callbacks.History;
import io.kerasj.data.Split;
import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.Map;

/**
 * The course's {@code tf_data_generate_csv} then {@code tf_data_read_csv}: the split written as CSV shards, read back
 * interleaved, shuffled, batched and repeated, and the regression network trained on them:
 * <pre>{@code
 * history = model.fit(train_set, validation_data=valid_set, steps_per_epoch=11610 // batch_size,
 *                     validation_steps=3870 // batch_size, epochs=100, callbacks=[EarlyStopping(patience=5, min_delta=1e-2)])
 * model.evaluate(test_set, steps=5160 // batch_size)
 * }</pre>
 */
public final class TrainFromCsv {
    /** The seed of the weights, the files' order and the shuffle when none is given. */
    public static final long SEED = 7;

    private TrainFromCsv() {
    }

    /** A training run's History and the test set's loss. */
    public record Result(History history, Map<String, Double> test) {
    }

    /**
     * Trains the course's model on the CSV shards ({@link HousingCsv#readerDataset}).
     *
     * @param shards the CSV files
     * @param counts the rows of the split's parts (for the steps: {@code rows // batch_size})
     * @param epochs the most epochs (early stopping may end sooner)
     * @param seed the seed of the weights, the files' order and the shuffle
     * @param verbose Keras's verbose for fit
     * @return the History and the test loss
     */
    public static Result train(HousingCsv.Shards shards, Split counts, int epochs, long seed, int verbose) {
        int batch = HousingCsv.BATCH_SIZE;
        return train(HousingCsv.readerDataset(shards.train(), batch, seed), HousingCsv.readerDataset(shards.valid(), batch, seed + 1),
                HousingCsv.readerDataset(shards.test(), batch, seed + 2), counts, epochs, seed, verbose);
    }

    /**
     * The course's {@code fit} on repeated batched pipelines, then {@code evaluate} on the test pipeline.
     *
     * @param train batches of 32, repeated
     * @param valid validation batches of 32, repeated
     * @param test test batches of 32
     * @param counts the rows of the split's parts (for the steps: {@code rows // batch_size})
     * @param epochs the most epochs (early stopping may end sooner)
     * @param seed the seed of the weights
     * @param verbose Keras's verbose for fit
     * @return the History and the test loss
     */
    public static Result train(Pipeline train, Pipeline valid, Pipeline test, Split counts, int epochs, long seed, int verbose) {
        int batch = HousingCsv.BATCH_SIZE;
        try (Sequential model = RegressionModel.create(seed)) {
            History history = model.fit(train, FitOptions.defaults().epochs(epochs).verbose(verbose)
                    .validationData(valid)
                    .stepsPerEpoch(counts.train().count() / batch)
                    .validationSteps(counts.validation().count() / batch)
                    .callback(new EarlyStopping().patience(5).minDelta(1e-2)));
            Map<String, Double> evaluated = model.evaluateToMap(test, counts.test().count() / batch, verbose == 0 ? 0 : 2, System.out);
            return new Result(history, evaluated);
        }
    }

    /**
     * Writes the shards, then trains on them for up to 100 epochs and prints the test loss.
     *
     * @param args the folder to write the shards to (a new one, or one KerasJ wrote, which is replaced), then
     *     optionally the folder holding {@code cal_housing.data}
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: TrainFromCsv OUTPUT_FOLDER [CAL_HOUSING_FOLDER]");
            System.exit(2);
        }
        Split data = CaliforniaHousing.withDefaults(args.length > 1 ? Path.of(args[1]) : null).notebookSplit();
        HousingCsv.Shards shards = HousingCsv.write(data, Path.of(args[0]), true);
        Result result = train(shards, data, 100, SEED, 2);
        System.out.println("epochs: " + result.history().history().get("loss").size() + ", test: " + result.test());
    }
}
