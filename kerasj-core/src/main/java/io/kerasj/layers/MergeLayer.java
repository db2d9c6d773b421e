package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Merge} base: a layer called on a list of tensors ({@code new Add().apply(a, b)}),
 * giving one. Subclasses give the output shape (Keras's shape rules) and the computation.
 */
public abstract class MergeLayer extends Layer {

    /** @param name the layer's name, or null to let Keras's naming give one */
    protected MergeLayer(String name) {
        super(name);
    }

    @Override
    protected final long[] build(long[] inputShape, WeightDeclarations weights) {
        throw new IllegalArgumentException("layer " + name() + " (" + className() + ") should be called on a list of at least 2 inputs");
    }

    @Override
    protected List<long[]> buildAll(List<long[]> inputShapes, WeightDeclarations weights) {
        if (inputShapes.size() < minimumInputs()) {
            throw new IllegalArgumentException("layer " + name() + " (" + className() + ") should be called on a list of at least "
                    + minimumInputs() + " inputs, found " + inputShapes.size());
        }
        return List.of(outputShape(inputShapes));
    }

    /** @return how many inputs the layer needs at least (Keras 3: 1 for most merges; Subtract and Dot take exactly 2) */
    protected int minimumInputs() {
        return 2;
    }

    /**
     * Keras's {@code compute_output_shape} with its checks.
     *
     * @param inputShapes the per-sample input shapes
     * @return the per-sample output shape
     * @throws IllegalArgumentException when Keras refuses the shapes, naming them
     */
    protected abstract long[] outputShape(List<long[]> inputShapes);

    @Override
    public final LayerOutput call(CallContext context, Operand<TFloat32> input) {
        throw new IllegalArgumentException("layer " + name() + " (" + className() + ") should be called on a list of inputs");
    }

    @Override
    public abstract LayerOutput call(CallContext context, List<Operand<TFloat32>> inputs);
}
