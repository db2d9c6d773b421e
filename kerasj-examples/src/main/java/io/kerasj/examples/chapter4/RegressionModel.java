package io.kerasj.examples.chapter4;

import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.Sequential;

/** The course's chapter 4 regression network: {@code Dense(30, relu) -> Dense(1)} on 8 features, MSE and SGD. */
public final class RegressionModel {
    private RegressionModel() {
    }

    /**
     * @param seed the seed of the first weights
     * @return the compiled model: {@code model.compile(loss="mean_squared_error", optimizer="sgd")}
     */
    public static Sequential create(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Input(8));
        model.add(new Dense(30, "relu"));
        model.add(new Dense(1));
        model.compile(CompileOptions.defaults().loss("mean_squared_error").optimizer("sgd"));
        return model;
    }
}
