package io.kerasj.saving.keras;

import io.kerasj.initializers.Initializers;
import io.kerasj.layers.CallContext;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightDeclarations;
import io.kerasj.layers.WeightSpec;
import io.kerasj.saving.Config;
import io.kerasj.saving.ObjectRegistration;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A user's layer for the tests: {@code scale * (x · kernel + bias)}, registered as {@code MyLayers>ScaledDense}, the
 * twin of the Python class the interop test writes.
 */
public final class ScaledDense extends Layer {
    private final int units;
    private final float scale;
    private WeightSpec kernel;
    private WeightSpec bias;

    static {
        register();
    }

    /**
     * @param units the output size
     * @param scale the factor applied to the output
     */
    public ScaledDense(int units, float scale) {
        super(null);
        this.units = units;
        this.scale = scale;
    }

    /** Registers the class (once per JVM is enough; again is harmless). */
    public static void register() {
        ObjectRegistration.registerKerasSerializable("MyLayers", null, ScaledDense.class, ScaledDense::fromConfig);
    }

    /**
     * Keras's {@code from_config}.
     *
     * @param config what {@link #getConfig()} gave
     * @return the layer
     */
    public static ScaledDense fromConfig(Config config) {
        ScaledDense layer = new ScaledDense(config.getInt("units"), config.getFloat("scale"));
        layer.setName(config.getString("name"));
        return layer;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("units", units);
        config.put("scale", scale);
        return config;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        kernel = weights.add("kernel", new long[] {inputShape[inputShape.length - 1], units}, Initializers.of("glorot_uniform"), true);
        bias = weights.add("bias", new long[] {units}, Initializers.of("zeros"), true);
        return new long[] {units};
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> affine = tf.nn.biasAdd(tf.linalg.matMul(input, context.read(kernel)), context.read(bias));
        return LayerOutput.of(tf.math.mul(affine, tf.constant(scale)));
    }
}
