package io.kerasj.layers;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code Dropout}: in training, zeroes each value with probability {@code rate} and scales the rest by
 * {@code 1 / (1 - rate)}; the identity at inference. With a {@code noise_shape} (batch first, as in Keras; a
 * {@link #BATCH} entry takes the input's dimension at run time, as Keras's {@code None}), one draw covers every axis
 * whose noise dimension is 1: EfficientNet's drop-connect is {@code noise_shape=(None, 1, 1, 1)}, one draw per sample.
 */
public class Dropout extends RandomDropLayer {
    /** In a noise shape: the input's dimension at run time (Keras's {@code None}). */
    public static final long BATCH = -1;
    private final long[] noiseShape;
    private final Integer seed;

    /** @param rate the fraction of values dropped, in [0, 1) */
    public Dropout(double rate) {
        this(rate, null);
    }

    /**
     * @param rate the fraction of values dropped, in [0, 1)
     * @param name the layer's name, or null
     */
    public Dropout(double rate, String name) {
        this(rate, null, null, name);
    }

    /**
     * @param rate the fraction of values dropped, in [0, 1)
     * @param noiseShape the mask's shape, batch first, {@link #BATCH} (-1) where the input's dimension applies; null
     *     for the input's shape
     * @param seed Keras's {@code seed}, kept for the saved config (KerasJ draws from the model's seed), or null
     * @param name the layer's name, or null
     */
    public Dropout(double rate, long[] noiseShape, Integer seed, String name) {
        super(rate, name);
        if (noiseShape != null) {
            for (long d : noiseShape) {
                if (d < 1 && d != BATCH) {
                    throw new IllegalArgumentException("noise_shape: expected positive dimensions or -1 (None), found "
                            + Arrays.toString(noiseShape));
                }
            }
        }
        this.noiseShape = noiseShape == null ? null : noiseShape.clone();
        this.seed = seed;
    }

    /** @return the noise shape, batch first, -1 for None; null when the mask has the input's shape */
    public long[] noiseShape() {
        return noiseShape == null ? null : noiseShape.clone();
    }

    /** @return Keras's {@code seed} as configured, or null */
    public Integer seed() {
        return seed;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        if (noiseShape != null) {
            if (noiseShape.length != inputShape.length + 1) {
                throw new IllegalArgumentException("layer " + name() + " (" + className() + "): noise_shape "
                        + Arrays.toString(noiseShape) + " has " + noiseShape.length + " dimensions, but its input "
                        + Shapes.batchTuple(inputShape) + " has " + (inputShape.length + 1));
            }
            for (int i = 1; i < noiseShape.length; i++) {
                long d = noiseShape[i];
                if (d != BATCH && d != 1 && inputShape[i - 1] > 0 && d != inputShape[i - 1]) {
                    throw new IllegalArgumentException("layer " + name() + " (" + className() + "): noise_shape "
                            + Arrays.toString(noiseShape) + " does not broadcast to its input " + Shapes.batchTuple(inputShape));
                }
            }
        }
        return inputShape.clone();
    }

    @Override
    protected Operand<TInt32> noiseShape(Ops tf, Operand<TFloat32> input) {
        if (noiseShape == null) {
            return tf.shape(input);
        }
        // a noise dimension broadcasts only when it is 1 or the input's: any other is the input's at run time, so a
        // file's noise shape never sizes the mask beyond the input
        int[] ones = new int[noiseShape.length];
        int[] useInput = new int[noiseShape.length];
        for (int i = 0; i < noiseShape.length; i++) {
            ones[i] = noiseShape[i] == 1 ? 1 : 0;
            useInput[i] = 1 - ones[i];
        }
        return tf.math.add(tf.math.mul(tf.shape(input), tf.constant(useInput)), tf.constant(ones));
    }

    @Override
    protected Operand<TFloat32> drop(Ops tf, Operand<TFloat32> input, Operand<TFloat32> kept) {
        return tf.math.mul(input, tf.math.mul(kept, tf.constant(1f / (1f - rate()))));
    }
}
