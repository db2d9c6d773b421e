package io.kerasj.cli;

import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.model.Sequential;

/** The seed notebook's model: Flatten([28, 28]) → Dense(300, relu) → Dense(100, relu) → Dense(10, softmax). */
final class NotebookModel {
    private NotebookModel() {
    }

    /**
     * @param seed the seed of the first weights and the shuffling
     * @return the model, compiled with SGD, sparse categorical cross-entropy and accuracy
     */
    static Sequential build(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Flatten(28, 28));
        model.add(new Dense(300, "relu"));
        model.add(new Dense(100, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
        return model;
    }
}
