package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code Dense}: {@code activation(x · kernel + bias)}, Glorot-uniform kernel, zero bias. */
public final class Dense extends Layer {
    private final int units;
    private final Activation activation;
    private final long[] declaredInputShape;
    private List<WeightSpec> specs = List.of();

    /**
     * @param units the output size
     * @param activation a Keras activation name, or null for linear
     */
    public Dense(int units, String activation) {
        this(units, Activation.of(activation), null, null);
    }

    /**
     * A linear Dense layer.
     *
     * @param units the output size
     */
    public Dense(int units) {
        this(units, Activation.LINEAR, null, null);
    }

    /**
     * @param units the output size
     * @param activation the activation
     * @param name the layer's name, or null to let the model name it
     * @param inputShape the per-sample input shape when this is the model's first layer, or null
     */
    public Dense(int units, Activation activation, String name, long[] inputShape) {
        super(name);
        if (units <= 0) {
            throw new IllegalArgumentException("units: expected a positive number, found " + units);
        }
        this.units = units;
        this.activation = activation == null ? Activation.LINEAR : activation;
        this.declaredInputShape = inputShape == null ? null : inputShape.clone();
    }

    /** @return the output size */
    public int units() {
        return units;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public long[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("layer " + name() + " (Dense): expected a 1-D input per sample, found "
                    + java.util.Arrays.toString(inputShape) + "; add a Flatten first");
        }
        long kernelSize;
        try {
            kernelSize = Math.multiplyExact(inputShape[0], (long) units);
        } catch (ArithmeticException e) {
            kernelSize = Long.MAX_VALUE;
        }
        if (kernelSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("units: " + units + " with an input of " + inputShape[0] + " gives a kernel of "
                    + (kernelSize == Long.MAX_VALUE ? "too many" : Long.toString(kernelSize)) + " values; at most "
                    + Integer.MAX_VALUE + " fit in one array");
        }
        specs = List.of(
                new WeightSpec("kernel", new long[] {inputShape[0], units}, new GlorotUniform()),
                new WeightSpec("bias", new long[] {units}, Initializer.ZEROS));
        return new long[] {units};
    }

    @Override
    public List<WeightSpec> weightSpecs() {
        return specs;
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<Operand<TFloat32>> weights, boolean training) {
        return activation.apply(tf, callWithoutActivation(tf, input, weights, training));
    }

    @Override
    public Operand<TFloat32> callWithoutActivation(Ops tf, Operand<TFloat32> input, List<Operand<TFloat32>> weights, boolean training) {
        return tf.nn.biasAdd(tf.linalg.matMul(input, weights.get(0)), weights.get(1));
    }
}
