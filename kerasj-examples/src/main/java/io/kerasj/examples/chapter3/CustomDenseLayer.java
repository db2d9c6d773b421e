package io.kerasj.examples.chapter3;

import io.kerasj.callbacks.History;
import io.kerasj.data.Split;
import io.kerasj.layers.Input;
import io.kerasj.layers.Lambda;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.Sequential;

/**
 * The course's {@code tf_keras_regression-customized_layer}: the regression network of {@link CustomizedDenseLayer}s,
 * its output passed through softplus,
 * <pre>{@code
 * customized_softplus = keras.layers.Lambda(lambda x: tf.nn.softplus(x))
 * model = keras.models.Sequential([
 *     CustomizedDenseLayer(30, activation='relu', input_shape=x_train.shape[1:]),
 *     CustomizedDenseLayer(1),
 *     customized_softplus,
 * ])
 * model.compile(loss="mean_squared_error", optimizer="sgd")
 * }</pre>
 */
public final class CustomDenseLayer {
    /** The notebooks' seed when none is given. */
    public static final long SEED = 7;

    private CustomDenseLayer() {
    }

    /**
     * @param seed the seed of the first weights and the shuffling
     * @return the model on 8 features, compiled with {@code mean_squared_error} and {@code "sgd"}
     */
    public static Sequential model(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Input(8));
        model.add(new CustomizedDenseLayer(30, "relu"));
        model.add(new CustomizedDenseLayer(1));
        model.add(new Lambda((tf, x) -> tf.math.softplus(x)));  // keras.layers.Lambda(lambda x: tf.nn.softplus(x))
        model.compile(CompileOptions.defaults().loss("mean_squared_error").optimizer("sgd"));
        return model;
    }

    /**
     * One epoch of the notebook, after Keras's {@code clear_session()}.
     *
     * @param data the course's split
     * @param seed the model's seed
     * @return the History of that epoch: {@code loss}, {@code val_loss}
     */
    public static History firstEpoch(Split data, long seed) {
        return CourseData.firstEpoch(CustomDenseLayer::model, data, seed);
    }

    /**
     * Runs the notebook: the summary, up to 100 epochs with early stopping, then the test MSE.
     *
     * @param args none, or the folder holding {@code cal_housing.data}
     */
    public static void main(String[] args) {
        Split data = CourseData.load(args);
        CourseData.run(model(SEED), data);
    }
}
