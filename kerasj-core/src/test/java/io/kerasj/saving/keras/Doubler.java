package io.kerasj.saving.keras;

import io.kerasj.layers.CallContext;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightDeclarations;
import io.kerasj.saving.Config;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A layer without weights, {@code 2 x}, that only {@link TestCustomObjects} (a service provider) registers. */
public final class Doubler extends Layer {

    /** A layer named by its model. */
    public Doubler() {
        super(null);
    }

    static Doubler fromConfig(Config config) {
        Doubler layer = new Doubler();
        layer.setName(config.getString("name"));
        return layer;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        return inputShape.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        return LayerOutput.of(context.tf().math.mul(input, context.tf().constant(2f)));
    }
}
