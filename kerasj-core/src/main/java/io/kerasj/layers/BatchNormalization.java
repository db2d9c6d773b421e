package io.kerasj.layers;

import io.kerasj.initializers.Initializer;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code BatchNormalization} over the last axis: in training it normalizes with the batch's mean and
 * (biased) variance and moves {@code moving_mean} and {@code moving_variance} towards them by
 * {@code moving = moving * momentum + batch * (1 - momentum)}; at inference it uses the moving statistics. Weights,
 * in Keras's order: {@code gamma} (ones), {@code beta} (zeros), then the non-trainable {@code moving_mean} (zeros)
 * and {@code moving_variance} (ones). The output is {@code x * inv + (beta - mean * inv)} with
 * {@code inv = gamma / sqrt(variance + epsilon)}, as {@code tf.nn.batch_normalization}. Frozen
 * ({@code trainable(false)}), it runs in inference mode in training too, as in Keras 3: the moving statistics
 * normalize and stay as they are.
 */
public class BatchNormalization extends Layer {
    /** Keras's {@code ones}. */
    private static final Initializer ONES = (shape, random) -> {
        float[] values = Initializer.ZEROS.initialize(shape, random);
        java.util.Arrays.fill(values, 1f);
        return values;
    };

    private final float momentum;
    private final float epsilon;
    private int axis = -1;
    private boolean center = true;
    private boolean scale = true;
    private WeightSpec gamma;
    private WeightSpec beta;
    private WeightSpec movingMean;
    private WeightSpec movingVariance;

    /** Keras's defaults: momentum 0.99, epsilon 1e-3. */
    public BatchNormalization() {
        this(0.99, 1e-3, null);
    }

    /**
     * @param momentum the moving statistics' momentum, in [0, 1]
     * @param epsilon added to the variance, positive
     * @param name the layer's name, or null
     */
    public BatchNormalization(double momentum, double epsilon, String name) {
        super(name);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum: expected a value in [0, 1], found " + momentum);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon: expected a positive number, found " + epsilon);
        }
        this.momentum = (float) momentum;
        this.epsilon = (float) epsilon;
    }

    /** @return gamma's handle, for a subclass (Keras's {@code self.gamma}); null before build or without scale */
    protected final WeightSpec gamma() {
        return gamma;
    }

    /** @return beta's handle (Keras's {@code self.beta}); null before build or without center */
    protected final WeightSpec beta() {
        return beta;
    }

    /** @return the moving mean's handle (Keras's {@code self.moving_mean}); null before build */
    protected final WeightSpec movingMean() {
        return movingMean;
    }

    /** @return the moving variance's handle (Keras's {@code self.moving_variance}); null before build */
    protected final WeightSpec movingVariance() {
        return movingVariance;
    }

    /** @return the momentum of the moving statistics */
    public float momentum() {
        return momentum;
    }

    /** @return the term added to the variance */
    public float epsilon() {
        return epsilon;
    }

    /**
     * Keras's {@code axis}, counted with the batch axis: -1, or the positive index of the last axis (Keras
     * Applications write {@code axis=3} for images); KerasJ normalizes the last axis only, checked at build.
     *
     * @param axis the axis
     * @return this layer
     */
    public BatchNormalization axis(int axis) {
        if (axis != -1 && axis < 1) {
            throw new IllegalArgumentException("axis: KerasJ normalizes the last axis (-1, or its positive index), found " + axis);
        }
        this.axis = axis;
        return this;
    }

    /**
     * Keras's {@code center}: with false, no {@code beta} (InceptionV3 writes it so).
     *
     * @param center whether beta is added
     * @return this layer
     */
    public BatchNormalization center(boolean center) {
        this.center = center;
        return this;
    }

    /**
     * Keras's {@code scale}: with false, no {@code gamma} (InceptionV3's {@code scale=False}).
     *
     * @param scale whether gamma multiplies
     * @return this layer
     */
    public BatchNormalization scale(boolean scale) {
        this.scale = scale;
        return this;
    }

    /** @return whether beta is added */
    public boolean center() {
        return center;
    }

    /** @return whether gamma multiplies */
    public boolean scale() {
        return scale;
    }

    /** @return the normalized axis as given: -1, or the last axis's positive index */
    public int axis() {
        return axis;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("layer " + name() + " (BatchNormalization): expected an input of rank at least 1 per sample, found a scalar");
        }
        if (axis != -1 && axis != inputShape.length) {
            throw new IllegalArgumentException("layer " + name() + " (BatchNormalization): axis=" + axis + " is not the last axis of an input of rank "
                    + (inputShape.length + 1) + ": KerasJ normalizes the last axis only");
        }
        long[] channels = {inputShape[inputShape.length - 1]};
        gamma = scale ? weights.add("gamma", channels, ONES, true) : null;
        beta = center ? weights.add("beta", channels, Initializer.ZEROS, true) : null;
        movingMean = weights.add("moving_mean", channels, Initializer.ZEROS, false);
        movingVariance = weights.add("moving_variance", channels, ONES, false);
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> mean;
        Operand<TFloat32> variance;
        if (context.training() && isTrainable()) { // Keras 3: training = training and self.trainable
            int[] axes = new int[inputShape().length]; // every axis but the last, the batch axis included
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
            Operand<TInt32> reduce = tf.constant(axes);
            mean = tf.math.mean(input, reduce);
            variance = tf.math.mean(tf.math.squaredDifference(input, tf.stopGradient(mean)), reduce);
            Operand<TFloat32> m = tf.constant(momentum);
            Operand<TFloat32> rest = tf.constant(1f - momentum);
            context.update(movingMean, tf.math.add(tf.math.mul(context.read(movingMean), m), tf.math.mul(mean, rest)));
            context.update(movingVariance, tf.math.add(tf.math.mul(context.read(movingVariance), m), tf.math.mul(variance, rest)));
        } else {
            mean = context.read(movingMean);
            variance = context.read(movingVariance);
        }
        Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon)));
        if (scale) {
            inv = tf.math.mul(inv, context.read(gamma));
        }
        Operand<TFloat32> shift = center ? tf.math.sub(context.read(beta), tf.math.mul(mean, inv)) : tf.math.neg(tf.math.mul(mean, inv));
        return LayerOutput.of(tf.math.add(tf.math.mul(input, inv), shift));
    }
}
