package io.kerasj.layers;

import io.kerasj.activations.Activation;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code Dense}: {@code activation(x · kernel + bias)}, Glorot-uniform kernel {@code [last_dim, units]}, zero
 * bias. On an input of rank above 1 per sample it applies to the last axis, as Keras does. A subclass saves to a
 * {@code .keras} file as the class it is registered as ({@code io.kerasj.saving.ObjectRegistration}), as Keras's
 * {@code class MyDense(Dense)} does.
 */
public class Dense extends KernelLayer<Dense> {
    private final int units;
    private final Activation activation;
    private final long[] declaredInputShape;
    private WeightSpec kernel;
    private WeightSpec bias;

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
     * The form a loaded model's config fills in; by hand, {@code new Dense(units, "relu").name("head")} after an
     * {@link Input} reads better.
     *
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

    /** @return the kernel's handle, for a subclass's {@code call} (Keras's {@code self.kernel}); null before build */
    protected final WeightSpec kernel() {
        return kernel;
    }

    /** @return the bias's handle (Keras's {@code self.bias}); null before build or without a bias */
    protected final WeightSpec bias() {
        return bias;
    }

    /** @return the output size */
    public int units() {
        return units;
    }

    /** @return the activation applied last */
    public Activation activation() {
        return activation;
    }

    @Override
    public long[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("layer " + name() + " (Dense): expected an input of rank at least 1 per sample, found a scalar");
        }
        long lastDim = inputShape[inputShape.length - 1];
        long kernelSize;
        try {
            kernelSize = Math.multiplyExact(lastDim, (long) units);
        } catch (ArithmeticException e) {
            kernelSize = Long.MAX_VALUE;
        }
        if (kernelSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("units: " + units + " with an input of " + lastDim + " gives a kernel of "
                    + (kernelSize == Long.MAX_VALUE ? "too many" : Long.toString(kernelSize)) + " values; at most "
                    + Integer.MAX_VALUE + " fit in one array");
        }
        kernel = weights.add("kernel", new long[] {lastDim, units}, kernelInitializer(), true);
        bias = weights.add("bias", new long[] {units}, biasInitializer(), true);
        long[] output = Arrays.copyOf(inputShape, inputShape.length);
        output[output.length - 1] = units;
        return output;
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> w = context.read(kernel);
        Operand<TFloat32> product;
        if (inputShape().length == 1) {
            product = tf.linalg.matMul(input, w);
        } else {
            // [batch, ..., last] -> [batch * ..., last] · kernel -> [batch, ..., units]
            Operand<TInt32> leading = tf.slice(tf.shape(input), tf.constant(new int[] {0}), tf.constant(new int[] {inputShape().length}));
            Operand<TFloat32> rows = tf.reshape(input, tf.constant(new long[] {-1, inputShape()[inputShape().length - 1]}));
            product = tf.reshape(tf.linalg.matMul(rows, w), tf.concat(java.util.List.of(leading, tf.constant(new int[] {units})), tf.constant(0)));
        }
        return LayerOutput.activated(activation, tf, tf.nn.biasAdd(product, context.read(bias)));
    }
}
