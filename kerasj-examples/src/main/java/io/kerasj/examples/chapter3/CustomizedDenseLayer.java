package io.kerasj.examples.chapter3;

import io.kerasj.activations.Activation;
import io.kerasj.initializers.Initializers;
import io.kerasj.layers.CallContext;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightDeclarations;
import io.kerasj.layers.WeightSpec;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The course's {@code CustomizedDenseLayer}, a layer of one's own:
 * <pre>{@code
 * class CustomizedDenseLayer(keras.layers.Layer):
 *     def __init__(self, units, activation=None, **kwargs):
 *         self.units = units
 *         self.activation = keras.layers.Activation(activation)
 *     def build(self, input_shape):
 *         self.kernel = self.add_weight(name='kernel', shape=(input_shape[1], self.units), initializer='uniform', trainable=True)
 *         self.bias = self.add_weight(name='bias', shape=(self.units,), initializer='zeros', trainable=True)
 *     def call(self, x):
 *         return self.activation(x @ self.kernel + self.bias)
 * }</pre>
 * {@code build} declares the weights, {@code call} computes with them; unnamed, a model names it
 * {@code customized_dense_layer}, {@code customized_dense_layer_1}, ... as Keras does.
 */
public final class CustomizedDenseLayer extends Layer {
    private final int units;
    private final Activation activation;
    private WeightSpec kernel;
    private WeightSpec bias;

    /**
     * @param units the output size
     * @param activation a Keras activation name, or null for none
     */
    public CustomizedDenseLayer(int units, String activation) {
        this(units, Activation.of(activation));
    }

    /**
     * @param units the output size
     * @param activation an activation, a built-in or any function {@code (tf, x) -> ...}
     */
    public CustomizedDenseLayer(int units, Activation activation) {
        super(null);
        if (units <= 0) {
            throw new IllegalArgumentException("units: expected a positive number, found " + units);
        }
        this.units = units;
        this.activation = activation == null ? Activation.LINEAR : activation;
    }

    /**
     * A layer without activation.
     *
     * @param units the output size
     */
    public CustomizedDenseLayer(int units) {
        this(units, (String) null);
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("layer " + name() + " (CustomizedDenseLayer): expected samples of rank 1, found rank "
                    + inputShape.length);
        }
        kernel = weights.add("kernel", new long[] {inputShape[0], units}, Initializers.of("uniform"), true);
        bias = weights.add("bias", new long[] {units}, Initializers.of("zeros"), true);
        return new long[] {units};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> x) {
        Ops tf = context.tf();
        return LayerOutput.activated(activation, tf,
                tf.math.add(tf.linalg.matMul(x, context.read(kernel)), context.read(bias)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("units", units);
        config.put("activation", activation.registeredName().orElseGet(activation::kerasName));
        return config;
    }
}
