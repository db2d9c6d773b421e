package io.kerasj.engine;

import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Input;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.Sequential;

/** The notebook's CNN and MLP (as the CLI's series builds them), compiled, for the slice tests. */
final class SliceModels {
    private SliceModels() {
    }

    static Sequential cnn() {
        Sequential model = new Sequential(1);
        model.add(new Input(28, 28, 1));
        model.add(new Conv2D(32, 3).padding("same").activation("relu"));
        model.add(new MaxPooling2D(2));
        model.add(new Conv2D(64, 3).padding("same").activation("relu"));
        model.add(new MaxPooling2D(2));
        model.add(new Flatten());
        model.add(new Dense(128, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile(CompileOptions.defaults().optimizer("adam").loss("sparse_categorical_crossentropy").metrics("accuracy"));
        return model;
    }

    static Sequential mlp() {
        Sequential model = new Sequential(1);
        model.add(new Flatten(28, 28));
        model.add(new Dense(300, "relu"));
        model.add(new Dense(100, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile(CompileOptions.defaults().optimizer("sgd").loss("sparse_categorical_crossentropy").metrics("accuracy"));
        return model;
    }
}
