package io.kerasj.cli;

import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.losses.Loss;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import io.kerasj.tuner.HyperModel;

/**
 * The course's hyperparameter search on California housing (chapter 2's {@code RandomizedSearchCV}, as Keras Tuner
 * writes it): {@code n_hidden} hidden Dense(relu) layers in [1, 5] of {@code n_neurons} units in [1, 100], and one
 * output, trained with SGD at {@code learning_rate} log-uniform in [1e-4, 1e-2] on the mean squared error.
 */
final class CaliforniaHousingSearch {
    private CaliforniaHousingSearch() {
    }

    /** @return the model-building function */
    static HyperModel hyperModel() {
        return hp -> {
            int layers = hp.Int("n_hidden", 1, 5);
            int units = hp.Int("n_neurons", 1, 100);
            double learningRate = hp.Float("learning_rate", 1e-4, 1e-2, null, "log");
            Sequential model = new Sequential();
            model.add(new Input(8));
            for (int i = 0; i < layers; i++) {
                model.add(new Dense(units, "relu"));
            }
            model.add(new Dense(1));
            model.compile(Loss.of("mse"), new SGD(learningRate));
            return model;
        };
    }
}
