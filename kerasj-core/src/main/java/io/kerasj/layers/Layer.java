package io.kerasj.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras layer: state (its weights) plus {@link #build} (fixes the shapes once) plus {@link #call} (a pure
 * computation of the output from the input and the weights). Shapes exclude the batch dimension.
 */
public abstract class Layer {
    private String name;
    private long[] inputShape;
    private long[] outputShape;
    private WeightStore store;

    /** @param name the layer's name, or null to let the model name it as Keras does */
    protected Layer(String name) {
        this.name = name;
    }

    /** @return the Keras class name shown by {@code summary()}, e.g. {@code Dense} */
    public String className() {
        return getClass().getSimpleName();
    }

    /** @return the layer's name, e.g. {@code dense_1}; null until the layer is added to a model */
    public String name() {
        return name;
    }

    /**
     * Names the layer (done by the model for unnamed layers).
     *
     * @param name the name
     */
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the input shape this layer was declared with ({@code input_shape}), or null */
    public long[] declaredInputShape() {
        return null;
    }

    /**
     * Fixes the layer's shapes for an input of the given per-sample shape.
     *
     * @param inputShape the per-sample input shape
     * @return the per-sample output shape
     * @throws IllegalArgumentException when the layer cannot take that shape
     */
    public final long[] build(long[] inputShape) {
        if (this.inputShape != null) {
            if (!Arrays.equals(this.inputShape, inputShape)) {
                throw new IllegalArgumentException("layer " + name + ": already built for input shape "
                        + Arrays.toString(this.inputShape) + ", found " + Arrays.toString(inputShape));
            }
            return outputShape.clone();
        }
        this.outputShape = computeOutputShape(inputShape);
        this.inputShape = inputShape.clone();
        return outputShape.clone();
    }

    /** @return true once {@link #build} has run */
    public boolean isBuilt() {
        return inputShape != null;
    }

    /** @return the per-sample input shape; the layer must be built */
    public long[] inputShape() {
        requireBuilt();
        return inputShape.clone();
    }

    /** @return the per-sample output shape; the layer must be built */
    public long[] outputShape() {
        requireBuilt();
        return outputShape.clone();
    }

    /**
     * @param inputShape the per-sample input shape
     * @return the per-sample output shape
     */
    protected abstract long[] computeOutputShape(long[] inputShape);

    /** @return the layer's weights, in Keras's order; empty for layers without weights. Built layers only. */
    public List<WeightSpec> weightSpecs() {
        return List.of();
    }

    /** @return the number of values in all weights */
    public long paramCount() {
        return weightSpecs().stream().mapToLong(WeightSpec::size).sum();
    }

    /**
     * The layer's computation.
     *
     * @param tf the graph's ops
     * @param input a batch of inputs, {@code [batch, ...inputShape]}
     * @param weights the current values of {@link #weightSpecs()}, in that order
     * @param training true inside {@code fit} (e.g. Dropout is active), false for inference
     * @return the batch of outputs
     */
    public abstract Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<Operand<TFloat32>> weights, boolean training);

    /** @return the activation applied last by this layer ({@link Activation#LINEAR} when none) */
    public Activation activation() {
        return Activation.LINEAR;
    }

    /**
     * The layer's output before its activation: what a loss needs to work from logits.
     *
     * @param tf the graph's ops
     * @param input a batch of inputs
     * @param weights the current weight values
     * @param training true inside {@code fit}
     * @return the pre-activation output; equals {@link #call} for layers without activation
     */
    public Operand<TFloat32> callWithoutActivation(Ops tf, Operand<TFloat32> input, List<Operand<TFloat32>> weights, boolean training) {
        return call(tf, input, weights, training);
    }

    /**
     * Attaches the storage that holds this layer's weight values (done by the model).
     *
     * @param store where the values live
     */
    public void attach(WeightStore store) {
        this.store = store;
    }

    /**
     * Keras's {@code get_weights()}: flat row-major copies, in the order and shapes of {@link #weightSpecs()}
     * (kernel {@code [in, out]}, bias {@code [out]}).
     *
     * @return the weight values
     */
    public List<float[]> getWeights() {
        if (weightSpecs().isEmpty()) {
            return List.of();
        }
        if (store == null) {
            throw new IllegalStateException("layer " + name + ": weights do not exist until the layer is part of a built model");
        }
        return store.read(this);
    }

    /**
     * Keras's {@code set_weights()}.
     *
     * @param weights values in the order and sizes of {@link #weightSpecs()}
     * @throws IllegalArgumentException when the count or a size differs
     */
    public void setWeights(List<float[]> weights) {
        List<WeightSpec> specs = weightSpecs();
        if (weights.size() != specs.size()) {
            throw new IllegalArgumentException("layer " + name + ": expected " + specs.size() + " weight arrays, found " + weights.size());
        }
        for (int i = 0; i < specs.size(); i++) {
            if (weights.get(i).length != specs.get(i).size()) {
                throw new IllegalArgumentException("layer " + name + " weight " + specs.get(i) + ": expected "
                        + specs.get(i).size() + " values, found " + weights.get(i).length);
            }
        }
        if (store == null) {
            throw new IllegalStateException("layer " + name + ": weights do not exist until the layer is part of a built model");
        }
        List<float[]> copies = new ArrayList<>();
        weights.forEach(w -> copies.add(w.clone()));
        store.write(this, copies);
    }

    private void requireBuilt() {
        if (inputShape == null) {
            throw new IllegalStateException("layer " + name + " is not built yet: add it to a model with a known input shape");
        }
    }

    /**
     * @param shape a per-sample shape
     * @return the number of values in it
     */
    protected static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
