package io.kerasj.tuner;

import io.kerasj.data.Split;
import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.losses.Loss;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import io.kerasj.testing.CaliforniaHousingData;

/**
 * The course's search (chapter 2), as the tuner tests run it: {@code n_hidden} Dense(relu) layers of {@code n_neurons}
 * units and one output, SGD at {@code learning_rate}, mean squared error; python-reference/random_search_reference.py
 * builds the same in Keras.
 */
public final class CourseHyperModel {
    private CourseHyperModel() {
    }

    /** @return the model-building function */
    public static HyperModel hyperModel() {
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

    /**
     * @param trainRows how many of the course split's training rows to keep (its first ones)
     * @param validationRows how many of its validation rows
     * @return the rows; the test is skipped without the shared copy of the data
     */
    public static TrialData data(int trainRows, int validationRows) {
        Split split = CaliforniaHousing.withDefaults(CaliforniaHousingData.dir()).notebookSplit();
        return new TrialData(split.train().slice(0, trainRows), split.validation().slice(0, validationRows));
    }
}
