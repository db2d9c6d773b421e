package io.kerasj.examples.chapter3;

import io.kerasj.callbacks.History;
import io.kerasj.data.Split;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.Sequential;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The course's {@code tf_keras_regression-customized_loss}: the regression network trained on a loss of one's own,
 * <pre>{@code
 * def customized_mse(y_true, y_pred):
 *     return tf.reduce_mean(tf.square(y_pred - y_true))
 * model.compile(loss=customized_mse, optimizer="sgd", metrics=["mean_squared_error"])
 * }</pre>
 * so the History's {@code loss} and {@code mean_squared_error} agree. In Java the function is
 * {@code (tf, yTrue, yPred) -> loss}, given to {@code compile} as it is ({@code loss(CustomLoss::customizedMse)}),
 * which wraps it as Keras's {@code LossFunctionWrapper} does (the targets given the output's rank, the batch's mean).
 */
public final class CustomLoss {
    /** The notebooks' seed when none is given. */
    public static final long SEED = 7;

    private CustomLoss() {
    }

    /**
     * The course's {@code customized_mse(y_true, y_pred)}: {@code tf.reduce_mean(tf.square(y_pred - y_true))}, one
     * value for the batch.
     *
     * @param tf the graph's ops
     * @param yTrue the targets, float32, with the output's rank
     * @param yPred the model's output
     * @return the mean of the squared errors over every axis, a scalar
     */
    public static Operand<TFloat32> customizedMse(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
        Operand<TFloat32> squares = tf.math.square(tf.math.sub(yPred, yTrue));
        return tf.math.mean(squares, tf.range(tf.constant(0), tf.rank(squares), tf.constant(1)));
    }

    /**
     * @param seed the seed of the first weights and the shuffling
     * @return {@code Dense(30, relu) -> Dense(1)} on 8 features, compiled with {@link #customizedMse}, {@code "sgd"}
     *     and the metric {@code mean_squared_error}
     */
    public static Sequential model(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Input(8));
        model.add(new Dense(30, "relu"));
        model.add(new Dense(1));
        model.compile(CompileOptions.defaults().loss(CustomLoss::customizedMse).optimizer("sgd").metrics("mean_squared_error"));
        return model;
    }

    /**
     * One epoch of the notebook, after Keras's {@code clear_session()}.
     *
     * @param data the course's split
     * @param seed the model's seed
     * @return the History of that epoch: {@code loss}, {@code mean_squared_error} and their {@code val_} twins
     */
    public static History firstEpoch(Split data, long seed) {
        return CourseData.firstEpoch(CustomLoss::model, data, seed);
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
