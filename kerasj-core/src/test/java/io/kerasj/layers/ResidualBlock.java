package io.kerasj.layers;

import io.kerasj.initializers.Initializer;
import io.kerasj.initializers.Initializers;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A user's layer that owns sublayers, as in Keras's guide: two Conv2D, a BatchNormalization and an Add, plus two
 * weights of its own (a non-trainable {@code scale} declared first, a trainable {@code alpha}). Its Python twin is
 * {@code python-reference/sublayers.py}'s {@code ResidualBlock}: {@code add([x, bn(conv2(conv1(x)))]) * scale + alpha}.
 */
public class ResidualBlock extends Layer {
    private final int filters;
    private final Conv2D conv1;
    private final Conv2D conv2;
    private final BatchNormalization bn;
    private final Add add;
    private WeightSpec scale;
    private WeightSpec alpha;

    /** @param filters the convolutions' filters: the input's channels, so that the residual adds up */
    public ResidualBlock(int filters) {
        super(null);
        this.filters = filters;
        this.conv1 = new Conv2D(filters, 3).padding("same").activation("relu");
        this.conv2 = new Conv2D(filters, 3).padding("same");
        this.bn = new BatchNormalization();
        this.add = new Add();
    }

    /** @return the filters */
    public int filters() {
        return filters;
    }

    /** Registers the class as its Python twin is, {@code kerasj_test>ResidualBlock}, so that its files load both ways. */
    public static void register() {
        io.kerasj.saving.ObjectRegistration.registerKerasSerializable("kerasj_test", null, ResidualBlock.class, ResidualBlock::fromConfig);
    }

    /**
     * @param config what {@link #getConfig()} gave
     * @return the block it describes
     */
    public static ResidualBlock fromConfig(io.kerasj.saving.Config config) {
        ResidualBlock block = new ResidualBlock(config.getInt("filters"));
        block.setName(config.getString("name"));
        return block;
    }

    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> config = super.getConfig();
        config.put("filters", filters);
        return config;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        scale = weights.add("scale", new long[0], Initializers.of("ones"), false);
        alpha = weights.add("alpha", new long[] {filters}, Initializer.ZEROS, true);
        long[] hidden = conv2.build(conv1.build(inputShape));
        bn.build(hidden);
        return add.build(List.of(inputShape, hidden)).get(0);
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> y = context.call(conv1, input).output();
        y = context.call(conv2, y).output();
        y = context.call(bn, y).output();
        Operand<TFloat32> sum = context.call(add, List.of(input, y)).output();
        return LayerOutput.of(tf.math.add(tf.math.mul(sum, context.read(scale)), context.read(alpha)));
    }
}
