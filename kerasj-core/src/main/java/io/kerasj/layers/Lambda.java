package io.kerasj.layers;

import io.kerasj.activations.Activation;
import io.kerasj.runtime.NativeRuntime;
import java.util.Objects;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Lambda} layer: any function on a tensor as a layer without weights,
 * {@code new Lambda((tf, x) -> tf.math.softplus(x))}. The function has an activation's type (in Keras both are
 * callables), so a registered activation is a registered Lambda function too. Its output shape is what the function
 * gives for a batch of the input shape (traced once, as Keras's {@code compute_output_spec}).
 *
 * <p>Saving: Keras writes a Python lambda as bytecode, which its safe mode refuses to load. KerasJ cannot write
 * bytecode, so a Lambda saves only with a registered function (written by its registered name, as Keras writes a
 * registered function, which Keras loads in safe mode); saving another is refused before anything is written.
 */
public final class Lambda extends Layer {
    private final Activation function;

    /** @param function the function, {@code (tf, x) -> ...}, on a batch of inputs */
    public Lambda(Activation function) {
        this(function, null);
    }

    /**
     * @param function the function, {@code (tf, x) -> ...}, on a batch of inputs
     * @param name the layer's name, or null to let the model name it
     */
    public Lambda(Activation function, String name) {
        super(name);
        this.function = Objects.requireNonNull(function, "function");
    }

    /** @return the function */
    public Activation function() {
        return function;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        NativeRuntime.ensureLoaded();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            long[] batch = new long[inputShape.length + 1];
            batch[0] = Shape.UNKNOWN_SIZE;
            System.arraycopy(inputShape, 0, batch, 1, inputShape.length);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch)));
            Shape out = function.apply(tf, x).shape();
            if (out.isUnknown() || out.numDimensions() < 1) {
                throw new IllegalArgumentException("layer " + name() + " (Lambda): expected the function to keep the batch axis, found shape "
                        + out);
            }
            long[] perSample = new long[out.numDimensions() - 1];
            for (int i = 0; i < perSample.length; i++) {
                perSample[i] = out.size(i + 1);
            }
            return perSample;
        }
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(function.apply(context.tf(), input));
    }
}
