package io.kerasj.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code ReLU} layer: {@code x} above {@code threshold} (clipped at {@code max_value} when given),
 * {@code negative_slope * (x - threshold)} below; Keras 3's defaults: no maximum, slope 0, threshold 0.
 */
public final class ReLU extends Layer {
    private final Float maxValue;
    private final float negativeSlope;
    private final float threshold;

    /** Keras's defaults: {@code max(x, 0)}. */
    public ReLU() {
        this(null, 0, 0);
    }

    /**
     * @param maxValue the largest output, at least 0, or null for none
     * @param negativeSlope the slope below the threshold, at least 0
     * @param threshold the value below which the slope applies, at least 0
     */
    public ReLU(Double maxValue, double negativeSlope, double threshold) {
        super(null);
        if (maxValue != null && !(maxValue >= 0)) {
            throw new IllegalArgumentException("max_value: expected a value of at least 0, found " + maxValue);
        }
        if (!(negativeSlope >= 0) || !Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("negative_slope: expected a finite value of at least 0, found " + negativeSlope);
        }
        if (!(threshold >= 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold: expected a finite value of at least 0, found " + threshold);
        }
        this.maxValue = maxValue == null ? null : maxValue.floatValue();
        this.negativeSlope = (float) negativeSlope;
        this.threshold = (float) threshold;
    }

    /** @return Keras's {@code max_value}, or null */
    public Float maxValue() {
        return maxValue;
    }

    /** @return Keras's {@code negative_slope} */
    public float negativeSlope() {
        return negativeSlope;
    }

    /** @return Keras's {@code threshold} */
    public float threshold() {
        return threshold;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    /** Keras 3's {@code ReLU.static_call}, op for op. */
    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> x = input;
        Operand<TFloat32> negativePart = null;
        if (negativeSlope != 0f) {
            if (maxValue == null && threshold == 0f) {
                return LayerOutput.of(tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha(negativeSlope)));
            }
            negativePart = tf.nn.relu(threshold != 0f ? tf.math.add(tf.math.neg(x), tf.constant(threshold)) : tf.math.neg(x));
        }
        boolean clip = maxValue != null;
        if (threshold != 0f) {
            x = tf.select(tf.math.greater(x, tf.constant(threshold)), x, tf.zerosLike(x));
        } else if (maxValue != null && maxValue == 6f) {
            x = tf.nn.relu6(x);
            clip = false;
        } else {
            x = tf.nn.relu(x);
        }
        if (clip) {
            x = tf.clipByValue(x, tf.constant(0f), tf.constant(maxValue));
        }
        if (negativePart != null) {
            x = tf.math.sub(x, tf.math.mul(tf.constant(negativeSlope), negativePart));
        }
        return LayerOutput.of(x);
    }
}
