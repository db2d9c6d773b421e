package io.kerasj.cli;

import io.kerasj.models.Sequential;

/** The seed notebook's model: Flatten([28, 28]) → Dense(300, relu) → Dense(100, relu) → Dense(10, softmax). */
final class NotebookModel {
    private NotebookModel() {
    }

    /**
     * @param seed the seed of the first weights and the shuffling
     * @return the model, compiled with SGD, sparse categorical cross-entropy and accuracy
     */
    static Sequential build(long seed) {
        return FashionMnistModels.MLP.build(seed, null);
    }
}
