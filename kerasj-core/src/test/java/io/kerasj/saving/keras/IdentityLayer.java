package io.kerasj.saving.keras;

import io.kerasj.layers.CallContext;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightDeclarations;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras's {@code Identity} layer, which KerasJ itself lacks: a jar's layer, saved through {@link IdentityFormat}. */
public final class IdentityLayer extends Layer {

    /** A layer named by its model. */
    public IdentityLayer() {
        super(null);
    }

    @Override
    public String className() {
        return "Identity";
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(context.tf().identity(input));
    }
}
