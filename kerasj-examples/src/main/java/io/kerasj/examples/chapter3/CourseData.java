package io.kerasj.examples.chapter3;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.EarlyStopping;
import io.kerasj.callbacks.History;
import io.kerasj.data.Split;
import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.ValidationData;
import java.nio.file.Path;

/**
 * What the chapter's notebooks share: California housing as the course splits and scales it
 * ({@link CaliforniaHousing#notebookSplit()}: train_test_split with random_state 7, then 11, a StandardScaler fitted on
 * the training rows), and their {@code fit} (batch 32, the validation rows, up to 100 epochs with
 * {@code EarlyStopping(patience=5, min_delta=1e-2)}).
 */
final class CourseData {
    /** The notebooks' {@code epochs=100}. */
    static final int EPOCHS = 100;

    private CourseData() {
    }

    /**
     * @param args a program's arguments: none, or the folder holding {@code cal_housing.data} (else scikit-learn's
     *     cache, then a download, as {@link CaliforniaHousing#withDefaults(Path)} looks)
     * @return 11,610 training, 3,870 validation and 5,160 test rows, scaled
     */
    static Split load(String[] args) {
        return CaliforniaHousing.withDefaults(args.length > 0 ? Path.of(args[0]) : null).notebookSplit();
    }

    /**
     * The notebooks' {@code model.fit(x_train_scaled, y_train, validation_data=(x_valid_scaled, y_valid), epochs=...)}.
     *
     * @param model a compiled model of one input of 8 features and one output
     * @param data the course's split
     * @param epochs the most epochs
     * @param verbose Keras's verbose: 0 silent, 1 a progress bar, 2 a line per epoch
     * @param callbacks more callbacks
     * @return the History
     */
    static History fit(Model model, Split data, int epochs, int verbose, Callback... callbacks) {
        FitOptions options = FitOptions.defaults().epochs(epochs).verbose(verbose)
                .validation(new ValidationData(data.validation().floats(), data.validation().y()));
        for (Callback callback : callbacks) {
            options.callback(callback);
        }
        return model.fit(data.train().floats(), data.train().y(), options);
    }

    /** @return the notebooks' {@code EarlyStopping(patience=5, min_delta=1e-2)} */
    static EarlyStopping earlyStopping() {
        return new EarlyStopping().patience(5).minDelta(1e-2);
    }

    /**
     * One epoch of a notebook's model, after Keras's {@code clear_session()}.
     *
     * @param model the notebook's model for a seed
     * @param data the course's split
     * @param seed the model's seed
     * @return the History of that epoch
     */
    static History firstEpoch(java.util.function.LongFunction<io.kerasj.models.Sequential> model, Split data, long seed) {
        io.kerasj.layers.Naming.clearSession();
        try (io.kerasj.models.Sequential m = model.apply(seed)) {
            return fit(m, data, 1, 0);
        }
    }

    /**
     * Runs a notebook: the summary, up to 100 epochs with early stopping, then the test MSE.
     *
     * @param model the notebook's model
     * @param data the course's split
     */
    static void run(io.kerasj.models.Sequential model, Split data) {
        try (model) {
            model.summary();
            History history = fit(model, data, EPOCHS, 2, earlyStopping());
            java.util.Map<String, Double> test = model.evaluateToMap(data.test().floats(), data.test().y(), 0, System.out);
            System.out.println("epochs: " + history.history().get("loss").size() + ", test: " + test);
        }
    }
}
