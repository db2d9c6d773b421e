package io.kerasj.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A Keras layer: {@link #build(long[], WeightDeclarations)} fixes the shapes once and declares the weights (the
 * layer keeps their handles), and {@link #call(CallContext, Operand)} computes the output from the input and the
 * weights it reads through the context. Shapes exclude the batch dimension.
 */
public abstract class Layer {
    private String name;
    private long[] inputShape;
    private long[] outputShape;
    private List<WeightSpec> weights = List.of();
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
     * Keras's {@code name} argument: {@code new Dense(1, "sigmoid").name("head")}. Set before the layer joins a
     * model; an unnamed layer is named by the model as Keras names it ({@code dense}, {@code dense_1}, ...).
     *
     * @param name the layer's name, unique within its model
     * @return this layer
     * @throws IllegalStateException once the layer is built
     */
    public Layer name(String name) {
        requireUnbuilt();
        setName(name);
        return this;
    }

    /**
     * Names the layer (done by the model for unnamed layers).
     *
     * @param name the name
     */
    public void setName(String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("name: expected a non-blank layer name");
        }
        this.name = name;
    }

    /** @return the input shape this layer was declared with ({@code input_shape}), or null */
    public long[] declaredInputShape() {
        return null;
    }

    /**
     * Fixes the layer's shapes for an input of the given per-sample shape, and declares its weights.
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
        WeightDeclarations declarations = new WeightDeclarations();
        this.outputShape = build(inputShape.clone(), declarations).clone();
        this.weights = declarations.declared();
        this.inputShape = inputShape.clone();
        return outputShape.clone();
    }

    /**
     * Keras's {@code build(input_shape)}: checks the input shape, declares the weights with
     * {@link WeightDeclarations#add} (keeping the handles) and returns the output shape.
     *
     * @param inputShape the per-sample input shape
     * @param weights where to declare the weights
     * @return the per-sample output shape
     */
    protected abstract long[] build(long[] inputShape, WeightDeclarations weights);

    /**
     * The layer's computation.
     *
     * @param context the weights' values, the training flag, the seed, where to write state
     * @param input a batch of inputs, {@code [batch, ...inputShape]}
     * @return the batch of outputs, with the logits behind them where the activation can be split off
     */
    public abstract LayerOutput call(CallContext context, Operand<TFloat32> input);

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

    /** @return the layer's weights in declaration order (Keras's order); empty before build or without weights */
    public final List<WeightSpec> weightSpecs() {
        return weights;
    }

    /** @return the number of values in all weights */
    public long paramCount() {
        return weights.stream().mapToLong(WeightSpec::size).sum();
    }

    /**
     * @return the multiply-adds of one sample's forward pass, for choosing thread counts: by default the parameter
     *     count (exact for Dense's kernel); a convolution counts each output position
     */
    public long multiplyAdds() {
        return paramCount();
    }

    /** @return the number of values in the trainable weights */
    public long trainableParamCount() {
        return weights.stream().filter(WeightSpec::trainable).mapToLong(WeightSpec::size).sum();
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
        if (weights.isEmpty()) {
            return List.of();
        }
        if (store == null) {
            throw new IllegalStateException("layer " + name + ": weights do not exist until the layer is part of a built model");
        }
        return store.read(this);
    }

    /**
     * Keras's {@code layer.weights}: each weight's values with its path ({@code dense/kernel}) and shape, in the
     * order of {@link #getWeights()}.
     *
     * @return copies of the weights
     */
    public List<Weight> weights() {
        List<float[]> values = getWeights();
        List<Weight> out = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            out.add(new Weight(name + "/" + weights.get(i).name(), weights.get(i).shape(), values.get(i)));
        }
        return out;
    }

    /**
     * Keras's {@code set_weights()}.
     *
     * @param values values in the order and sizes of {@link #weightSpecs()}
     * @throws IllegalArgumentException when the count or a size differs
     */
    public void setWeights(List<float[]> values) {
        if (values.size() != weights.size()) {
            throw new IllegalArgumentException("layer " + name + ": expected " + weights.size() + " weight arrays, found " + values.size());
        }
        for (int i = 0; i < weights.size(); i++) {
            if (values.get(i).length != weights.get(i).size()) {
                throw new IllegalArgumentException("layer " + name + " weight " + weights.get(i) + ": expected "
                        + weights.get(i).size() + " values, found " + values.get(i).length);
            }
        }
        if (store == null) {
            throw new IllegalStateException("layer " + name + ": weights do not exist until the layer is part of a built model");
        }
        List<float[]> copies = new ArrayList<>();
        values.forEach(w -> copies.add(w.clone()));
        store.write(this, copies);
    }

    /** @return true once a model holds this layer's weights */
    protected final boolean hasStore() {
        return store != null;
    }

    /** @throws IllegalStateException once the layer is built (its weights are declared) */
    protected final void requireUnbuilt() {
        if (inputShape != null) {
            throw new IllegalStateException("layer " + name + ": already built; set its arguments before adding it to a model");
        }
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
    public static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
