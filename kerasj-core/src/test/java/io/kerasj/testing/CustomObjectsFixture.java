package io.kerasj.testing;

import io.kerasj.activations.Activation;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.losses.AbstractLoss;
import io.kerasj.losses.LossFunction;
import io.kerasj.metrics.MetricVariable;
import io.kerasj.metrics.StatefulMetric;
import io.kerasj.saving.Config;
import io.kerasj.saving.ObjectRegistration;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The custom objects the custom-object tests share, registered under package {@code kj} with the names
 * {@code python-reference/custom_objects.py} registers their Python twins by: the activation {@code scaled_tanh}
 * ({@code 2 tanh(x)}), the loss function {@code customized_mse} (the course's {@code reduce_mean(square(y_pred -
 * y_true))}, one number per batch), the metric function {@code abs_err}, the loss class {@code ScaledMse(factor)} and
 * the metric class {@code AboveThreshold(threshold)} (how many outputs exceed it).
 */
public final class CustomObjectsFixture {
    /** {@code 2 tanh(x)}. */
    public static final Activation SCALED_TANH = (tf, x) -> tf.math.mul(tf.constant(2f), tf.math.tanh(x));
    /** The course's {@code customized_mse}: the batch's mean squared error, a scalar. */
    public static final LossFunction CUSTOMIZED_MSE = (tf, yTrue, yPred) ->
            tf.math.mean(tf.math.square(tf.math.sub(yPred, yTrue)), tf.range(tf.constant(0), tf.rank(yPred), tf.constant(1)));
    /** The mean absolute error per sample. */
    public static final LossFunction ABS_ERR = (tf, yTrue, yPred) ->
            tf.math.mean(tf.math.abs(tf.math.sub(yPred, yTrue)), tf.constant(-1));

    static {
        ObjectRegistration.registerKerasSerializable("kj", "scaled_tanh", SCALED_TANH);
        ObjectRegistration.registerKerasSerializable("kj", "customized_mse", CUSTOMIZED_MSE);
        ObjectRegistration.registerKerasSerializable("kj", "abs_err", ABS_ERR);
        ObjectRegistration.registerKerasSerializable("kj", null, ScaledMse.class, ScaledMse::fromConfig);
        ObjectRegistration.registerKerasSerializable("kj", null, AboveThreshold.class, AboveThreshold::fromConfig);
    }

    private CustomObjectsFixture() {
    }

    /** Registers the objects (the class's static initializer does; calling this makes sure it ran). */
    public static void register() {
        // the static initializer registers
    }

    /** {@code factor} times the mean squared error per sample, with its factor in its config. */
    public static final class ScaledMse extends AbstractLoss {
        private final double factor;

        /** @param factor the factor */
        public ScaledMse(double factor) {
            this(factor, "scaled_mse");
        }

        ScaledMse(double factor, String name) {
            super(name);
            this.factor = factor;
        }

        /** @return the factor */
        public double factor() {
            return factor;
        }

        static ScaledMse fromConfig(Config config) {
            return new ScaledMse(config.getDouble("factor", 1.0), config.getString("name", "scaled_mse"));
        }

        @Override
        public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
            return tf.math.mul(tf.constant((float) factor), tf.math.mean(tf.math.square(tf.math.sub(yPred, yTrue)), tf.constant(-1)));
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> config = super.getConfig();
            config.put("factor", factor);
            return config;
        }
    }

    /** Counts the outputs above a threshold, over the batches since the last reset. */
    public static final class AboveThreshold extends StatefulMetric {
        private final double threshold;
        private final MetricVariable count;

        /** @param threshold the threshold */
        public AboveThreshold(double threshold) {
            this(threshold, "above_threshold");
        }

        AboveThreshold(double threshold, String name) {
            super(name);
            this.threshold = threshold;
            this.count = addVariable("count");
        }

        /** @return the threshold */
        public double threshold() {
            return threshold;
        }

        static AboveThreshold fromConfig(Config config) {
            return new AboveThreshold(config.getDouble("threshold", 0.5), config.getString("name", "above_threshold"));
        }

        @Override
        public void updateState(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
            Operand<TFloat32> above = tf.dtypes.cast(tf.math.greater(yPred, tf.constant((float) threshold)), TFloat32.class);
            count.assignAdd(tf.reduceSum(above, tf.range(tf.constant(0), tf.rank(above), tf.constant(1))));
        }

        @Override
        public double result() {
            return count.value();
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> config = super.getConfig();
            config.put("threshold", threshold);
            return config;
        }
    }

    /**
     * @param n how many samples
     * @param width the features per sample
     * @param seed the draw's seed
     * @return Gaussian features
     */
    public static FloatSamples samples(int n, int width, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(values, width);
    }

    /**
     * @param x features
     * @return a noisy linear target per sample, {@code [n, 1]}
     */
    public static Targets targets(FloatSamples x) {
        float[] y = new float[x.count()];
        for (int i = 0; i < y.length; i++) {
            float[] s = x.sample(i);
            y[i] = 0.8f * s[0] - 0.5f * s[1] + 0.3f;
        }
        return Targets.of(y, 1);
    }
}
