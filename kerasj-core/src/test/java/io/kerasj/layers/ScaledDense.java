package io.kerasj.layers;

import io.kerasj.initializers.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's subclassing of a built-in layer: a Dense whose output is multiplied by a trainable per-unit {@code scale}
 * it adds in {@code build}. Its Python twin is {@code python-reference/sublayers.py}'s {@code ScaledDense}.
 */
public class ScaledDense extends Dense {
    private WeightSpec scale;

    /** @param units the output units */
    public ScaledDense(int units) {
        super(units);
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        long[] output = super.build(inputShape, weights);
        scale = weights.add("scale", new long[] {units()}, Initializers.of("ones"), true);
        return output;
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Operand<TFloat32> dense = super.call(context, input).output();
        return LayerOutput.of(context.tf().math.mul(dense, context.read(scale)));
    }
}
