package io.kerasj.examples.chapter3;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.NumpyRandomState;
import io.kerasj.data.Split;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.Naming;
import io.kerasj.layers.WeightSpec;
import io.kerasj.losses.Loss;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.CustomStep;
import io.kerasj.models.Sequential;
import io.kerasj.models.StepLogs;
import io.kerasj.models.TrainStep;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.SGD;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

/**
 * The course's {@code tf_keras_regression-manu-use-tf-gradienttape}: the regression network trained by a loop of
 * one's own instead of {@code fit},
 * <pre>{@code
 * for epoch in range(epochs):
 *     metric.reset_states()
 *     for step in range(steps_per_epoch):
 *         x_batch, y_batch = random_batch(x_train_scaled, y_train, batch_size)   # np.random.randint
 *         with tf.GradientTape() as tape:
 *             y_pred = tf.squeeze(model(x_batch), 1)
 *             loss = keras.losses.mean_squared_error(y_batch, y_pred)
 *             metric(y_batch, y_pred)
 *         grads = tape.gradient(loss, model.variables)
 *         optimizer.apply_gradients(zip(grads, model.variables))
 *     valid_loss = keras.losses.mean_squared_error(tf.squeeze(model(x_valid_scaled), 1), y_valid)
 * }</pre>
 * TensorFlow Java has no eager tape: the body of the {@code with} block is the step given to
 * {@link Sequential#customStep}, built once into the model's graph ({@link TrainStep#gradients} is
 * {@code tape.gradient}, {@link TrainStep#applyGradients} is {@code optimizer.apply_gradients}) and run on each batch
 * from the Java loop. The course's {@code keras.metrics.MeanSquaredError()} is the model's compiled metric
 * {@code mean_squared_error}, which the step updates and {@link CustomStep#resetMetrics()} resets each epoch; the
 * model's compiled loss and optimizer are not used. The batches are drawn as NumPy's
 * {@code np.random.randint(0, len(x), size=32)} after {@code keras.utils.set_random_seed(seed)} draws them
 * ({@link NumpyRandomState}), so a seed gives Python's batches.
 */
public final class GradientTapeLoop {
    /** The notebooks' seed when none is given. */
    public static final long SEED = 7;
    /** The course's {@code batch_size}. */
    public static final int BATCH_SIZE = 32;

    private final Sequential model;
    private final NumpyRandomState random;
    private final Optimizer optimizer = new SGD();
    private final CustomStep trainStep;
    private final float[] x;
    private final float[] y;
    private final int rows;
    private final int features;

    /**
     * @param train the training rows
     * @param seed the seed of the first weights and of the batches
     */
    public GradientTapeLoop(io.kerasj.data.Dataset train, long seed) {
        FloatSamples samples = train.floats();
        this.x = samples.toArray();
        this.y = train.y().floatValues();
        this.rows = samples.count();
        this.features = samples.sampleSize();
        this.random = new NumpyRandomState(seed);
        this.model = new Sequential(seed);
        model.add(new Input(features));
        model.add(new Dense(30, "relu"));
        model.add(new Dense(1));
        model.compile(CompileOptions.defaults().loss("mean_squared_error").metrics("mean_squared_error"));
        this.trainStep = model.customStep(this::step);
    }

    /** The body of the course's {@code with tf.GradientTape() as tape:} block, and the update after it. */
    private StepLogs step(TrainStep step) {
        Ops tf = step.tf();
        LayerOutput output = step.call(step.x(), true).get(0);
        Operand<TFloat32> yPred = tf.squeeze(output.output(), Squeeze.axis(1L));          // tf.squeeze(model(x_batch), 1)
        Operand<TFloat32> yBatch = tf.squeeze(Loss.floats(tf, step.y().get(0)), Squeeze.axis(1L));
        Operand<TFloat32> loss = tf.math.mean(tf.math.square(tf.math.sub(yBatch, yPred)), tf.constant(-1)); // mean_squared_error
        step.updateMetrics(step.y(), List.of(output));                                           // metric(y_batch, y_pred)
        List<WeightSpec> variables = step.trainableWeights();                                    // model.variables
        step.applyGradients(optimizer, step.gradients(loss, variables), variables);              // tape.gradient, apply_gradients
        return StepLogs.of(loss);
    }

    /** @return the model being trained */
    public Sequential model() {
        return model;
    }

    /**
     * The course's {@code random_batch}: {@code idx = np.random.randint(0, len(x), size=batch_size)}.
     *
     * @return the rows of the next batch, drawn with replacement
     */
    public int[] randomBatch() {
        int[] idx = new int[BATCH_SIZE];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = random.interval(rows - 1);
        }
        return idx;
    }

    /**
     * One epoch of the loop: {@code len(x) // 32} steps on random batches, the metric reset first.
     *
     * @return the metric's result at the end of the epoch: the training MSE over its steps
     */
    public double trainEpoch() {
        trainStep.resetMetrics();
        double result = Double.NaN;
        int steps = rows / BATCH_SIZE;
        for (int step = 0; step < steps; step++) {
            int[] idx = randomBatch();
            float[] xBatch = new float[BATCH_SIZE * features];
            float[] yBatch = new float[BATCH_SIZE];
            for (int i = 0; i < BATCH_SIZE; i++) {
                System.arraycopy(x, idx[i] * features, xBatch, i * features, features);
                yBatch[i] = y[idx[i]];
            }
            Map<String, Double> logs = trainStep.run(FloatSamples.of(xBatch, features), Targets.of(yBatch, 1));
            result = logs.get("mean_squared_error");
        }
        return result;
    }

    /**
     * @param valid the validation rows
     * @return {@code mean_squared_error} of the model's predictions on them
     */
    public double validationMse(io.kerasj.data.Dataset valid) {
        float[][] predicted = model.predict(valid.floats());
        float[] target = valid.y().floatValues();
        double sum = 0;
        for (int i = 0; i < target.length; i++) {
            double d = predicted[i][0] - (double) target[i];
            sum += d * d;
        }
        return sum / target.length;
    }

    /**
     * One epoch of the loop, after Keras's {@code clear_session()}.
     *
     * @param data the course's split
     * @param seed the seed of the first weights and the batches
     * @return the training MSE of the epoch (the metric's result), then the validation MSE
     */
    public static double[] firstEpoch(Split data, long seed) {
        Naming.clearSession();
        GradientTapeLoop loop = new GradientTapeLoop(data.train(), seed);
        try (Sequential model = loop.model()) {
            double train = loop.trainEpoch();
            return new double[] {train, loop.validationMse(data.validation())};
        }
    }

    /**
     * Runs the notebook's loop for 100 epochs, printing the training and validation MSE of each.
     *
     * @param args none, or the folder holding {@code cal_housing.data}
     */
    public static void main(String[] args) {
        Split data = CourseData.load(args);
        GradientTapeLoop loop = new GradientTapeLoop(data.train(), SEED);
        try (Sequential model = loop.model()) {
            for (int epoch = 0; epoch < CourseData.EPOCHS; epoch++) {
                double train = loop.trainEpoch();
                System.out.printf(Locale.ROOT, "Epoch %d  train mse: %.6f\t valid mse: %.6f%n", epoch, train, loop.validationMse(data.validation()));
            }
        }
    }
}
