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
    private List<long[]> inputShapes;
    private List<long[]> outputShapes;
    private List<WeightSpec> weights = List.of();
    private List<LayerAttribute> sublayerAttributes = List.of();
    private WeightStore store;
    private final List<Node> inboundNodes = new ArrayList<>();
    private io.kerasj.regularizers.Regularizer activityRegularizer;
    private boolean trainable = true;

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
     * Keras's {@code layer.trainable = value}: freezes the layer (false) or unfreezes it (true), with its sublayers
     * (a model: all its layers, nested models included). A frozen layer's weights are not trainable: the optimizer
     * neither differentiates nor updates them, {@code summary()} counts them as non-trainable, and a frozen
     * {@link BatchNormalization} runs in inference mode in {@code fit}. As in Keras, set it before {@code compile}: a
     * compiled model trains the weights that were trainable when it was compiled, until it is compiled again.
     *
     * @param trainable false to freeze
     * @return this layer
     */
    public Layer trainable(boolean trainable) {
        this.trainable = trainable;
        weights.forEach(w -> w.frozen(!trainable));
        for (Layer sublayer : nestedLayers()) {
            sublayer.trainable(trainable);
        }
        return this;
    }

    /** @return Keras's {@code layer.trainable}: false once frozen with {@link #trainable(boolean)} */
    public boolean isTrainable() {
        return trainable;
    }

    /** @return the layers {@link #trainable(boolean)} sets too: the sublayers (a model: its layers) */
    protected List<Layer> nestedLayers() {
        return sublayers();
    }

    /**
     * Keras's {@code activity_regularizer}: a penalty on each of the layer's outputs, divided by the batch size, that
     * the model adds to its loss.
     *
     * @return the regularizer, or null
     */
    public io.kerasj.regularizers.Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    /**
     * Sets Keras's {@code activity_regularizer} before the layer is built.
     *
     * @param regularizer the penalty on the layer's outputs, or null for none
     * @return this layer
     * @throws IllegalStateException once the layer is built
     */
    public Layer activityRegularizer(io.kerasj.regularizers.Regularizer regularizer) {
        requireUnbuilt();
        this.activityRegularizer = regularizer;
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

    /**
     * Keras's {@code get_config()}: the arguments that rebuild this layer, which a {@code .keras} file keeps. A custom
     * layer adds its constructor's arguments to its parent's, as in Keras:
     * <pre>{@code
     * public Map<String, Object> getConfig() {
     *     Map<String, Object> config = super.getConfig();
     *     config.put("units", units);
     *     return config;
     * }
     * }</pre>
     * Values are what JSON holds: strings, booleans, numbers, lists, maps and null.
     *
     * @return a new, mutable map: the base layer's {@code name}, {@code trainable} and {@code dtype}
     */
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", trainable);
        config.put("dtype", "float32");
        return config;
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
        List<long[]> out = build(List.of(inputShape));
        if (out.size() != 1) {
            throw new IllegalStateException("layer " + name + " has " + out.size() + " outputs");
        }
        return out.get(0);
    }

    /**
     * Fixes the layer's shapes for inputs of the given per-sample shapes (several for a merge layer), and declares
     * its weights. A built layer only checks the shapes: a shared layer is built once.
     *
     * @param shapes the per-sample input shapes, in order
     * @return the per-sample output shapes
     * @throws IllegalArgumentException when the layer cannot take those shapes
     */
    public final List<long[]> build(List<long[]> shapes) {
        if (inputShapes != null) {
            if (!sameShapes(inputShapes, shapes)) {
                throw new IllegalArgumentException("layer " + name + ": already built for input shape " + shapesText(inputShapes)
                        + ", found " + shapesText(shapes));
            }
            return copies(outputShapes);
        }
        List<LayerAttribute> attributes = trackSublayers();
        nameUnnamed(attributes);
        WeightDeclarations declarations = new WeightDeclarations();
        List<long[]> built = buildAll(copies(shapes), declarations);
        List<WeightSpec> declared = new ArrayList<>(declarations.declared());
        declared.sort(java.util.Comparator.comparing(w -> !w.declaredTrainable())); // Keras: own trainable, then non-trainable
        this.weights = List.copyOf(declared);
        this.sublayerAttributes = attributes;
        if (!trainable) {
            trainable(false); // frozen before build: the weights and sublayers made now freeze too
        }
        try {
            if (built == null || sublayers().stream().anyMatch(sublayer -> !sublayer.isBuilt())) {
                // Keras builds the sublayers build() left alone at the first (symbolic) call, which gives the output shape
                this.inputShapes = copies(shapes); // call() may read inputShape()
                List<long[]> traced = SublayerTrace.outputShapes(this, copies(shapes));
                built = built == null ? traced : built;
            }
            requireBuiltSublayers(attributes);
        } catch (RuntimeException e) {
            this.inputShapes = null;
            this.weights = List.of();
            this.sublayerAttributes = List.of();
            throw e;
        }
        this.outputShapes = copies(built);
        this.inputShapes = copies(shapes);
        return copies(outputShapes);
    }

    /** Names each unnamed sublayer as Keras named it when it was made: in the order of the fields. */
    private static void nameUnnamed(List<LayerAttribute> attributes) {
        for (LayerAttribute attribute : attributes) {
            for (Layer sublayer : attribute.layers()) {
                if (sublayer.name() == null) {
                    sublayer.setName(Naming.autoName(sublayer.className()));
                }
            }
        }
    }

    private void requireBuiltSublayers(List<LayerAttribute> attributes) {
        for (LayerAttribute attribute : attributes) {
            for (Layer sublayer : attribute.layers()) {
                if (!sublayer.isBuilt()) {
                    throw new IllegalStateException("layer " + name + " (" + className() + "): its sublayer '" + attribute.name()
                            + "' (" + sublayer.className() + ") is neither built in build() nor called in call()");
                }
            }
        }
    }

    /**
     * Keras's tracking of sublayers ({@code __setattr__}): the fields of this layer's class (below {@link Layer})
     * that hold a layer or a list of layers, named by the field. Read once, when the layer is built; a model tracks
     * its layers its own way.
     *
     * @return the attributes holding layers, in declaration order
     */
    protected List<LayerAttribute> trackSublayers() {
        return LayerAttribute.of(this, Layer.class);
    }

    /**
     * The layers this layer holds in its fields ({@code self.conv1 = Conv2D(...)} in Keras), by field name: the
     * weights file keeps a sublayer's variables under its parent's path and the field's name
     * ({@code layers/residual_block/conv1/vars/0}).
     *
     * @return the attributes holding sublayers, in declaration order; empty before build
     */
    public List<LayerAttribute> sublayerAttributes() {
        return sublayerAttributes;
    }

    /**
     * Keras's {@code layer._layers}: the sublayers this layer tracks, each once, in declaration order. A custom
     * layer builds each in its {@code build} and calls it in {@code call} with
     * {@link CallContext#call(Layer, Operand)}; its weights are the parent's too.
     *
     * @return the sublayers; empty before build
     */
    public List<Layer> sublayers() {
        List<Layer> out = new ArrayList<>();
        sublayerAttributes.forEach(a -> out.addAll(a.layers()));
        return out;
    }

    /**
     * The weights this layer declared itself in {@code build} (its {@code vars} in a weights file): the trainable
     * ones, then the others, each in declaration order, as Keras 3 orders a layer's own variables.
     *
     * @return the layer's own weights, without its sublayers'
     */
    public List<WeightSpec> ownWeightSpecs() {
        return weights;
    }

    /**
     * Keras's {@code variable.path} of one of this layer's weights: the layer's name, then each sublayer's down to
     * the one that declared it, then the weight's name ({@code residual_block/conv2d/kernel}).
     *
     * @param weight one of {@link #weightSpecs()}
     * @return its path
     * @throws IllegalArgumentException when the weight is not this layer's
     */
    public String weightPath(WeightSpec weight) {
        if (ownWeightSpecs().contains(weight)) {
            return name + "/" + weight.name();
        }
        for (Layer sublayer : sublayers()) {
            if (sublayer.weightSpecs().contains(weight)) {
                return name + "/" + sublayer.weightPath(weight);
            }
        }
        throw new IllegalArgumentException("layer " + name + ": weight " + weight + " is not one of its own");
    }

    /**
     * Keras's {@code build} for any number of inputs and outputs. By default one input and one output, built by
     * {@link #build(long[], WeightDeclarations)}; a merge layer takes several, a model used as a layer gives several.
     *
     * @param inputShapes the per-sample input shapes
     * @param weights where to declare the weights
     * @return the per-sample output shapes, or null to take them from tracing {@code call}
     */
    protected List<long[]> buildAll(List<long[]> inputShapes, WeightDeclarations weights) {
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException("layer " + name + " (" + className() + ") takes one input, found " + inputShapes.size());
        }
        long[] output = build(inputShapes.get(0), weights);
        return output == null ? null : List.of(output);
    }

    /**
     * Keras's {@code build(input_shape)}: checks the input shape, declares the weights with
     * {@link WeightDeclarations#add} (keeping the handles) and returns the output shape.
     *
     * <p>A layer that holds sublayers in its fields builds them here ({@code long[] h = conv1.build(inputShape)}), as
     * Keras recommends. Those it leaves unbuilt are built as Keras does, at their first call: {@link #call} is traced
     * once on inputs of the known per-sample shape, each sublayer built for what it receives; returning null then
     * takes the output shape from that trace (Keras's {@code compute_output_spec}).
     *
     * @param inputShape the per-sample input shape
     * @param weights where to declare the weights
     * @return the per-sample output shape, or null to take it from tracing {@code call}
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

    /**
     * The layer's computation on several inputs (a merge layer's). By default the layer takes one input and gives
     * {@link #call(CallContext, Operand)}.
     *
     * @param context the weights' values, the training flag, the seed, where to write state
     * @param inputs the batches of inputs, in the order the layer was called with
     * @return the batch of outputs
     */
    public LayerOutput call(CallContext context, List<Operand<TFloat32>> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("layer " + name + " (" + className() + ") takes one input, found " + inputs.size());
        }
        return call(context, inputs.get(0));
    }

    /**
     * The layer's computation, for any number of outputs: by default {@link #call(CallContext, List)}'s one output;
     * a model used as a layer gives each of its outputs.
     *
     * @param context the weights' values, the training flag, the seed, where to write state
     * @param inputs the batches of inputs, in order
     * @return the batches of outputs, in order
     */
    public List<LayerOutput> callAll(CallContext context, List<Operand<TFloat32>> inputs) {
        return List.of(call(context, inputs));
    }

    /**
     * Keras's {@code layer(x)} on symbolic tensors: builds the layer for their shapes (once) and records the call
     * as a node. Calling one layer on several tensors shares its weights.
     *
     * @param inputs the input tensor, or several for a merge layer
     * @return the output tensor
     * @throws IllegalArgumentException when the layer cannot take them, or gives several outputs (use
     *     {@link #applyAll(List)})
     */
    public final KerasTensor apply(KerasTensor... inputs) {
        List<KerasTensor> outputs = applyAll(List.of(inputs));
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("layer " + name + " gives " + outputs.size() + " outputs: use applyAll");
        }
        return outputs.get(0);
    }

    /**
     * Keras's {@code layer([a, b])}: the layer called on a list of symbolic tensors.
     *
     * @param inputs the input tensors, in order
     * @return the output tensors, in order
     */
    public final List<KerasTensor> applyAll(List<KerasTensor> inputs) {
        if (inputs.isEmpty() || inputs.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("layer " + nameOrClass() + ": expected symbolic input tensors, found " + inputs);
        }
        if (name == null) {
            setName(Naming.autoName(className()));
        }
        List<long[]> shapes = new ArrayList<>();
        inputs.forEach(t -> shapes.add(t.shape()));
        List<long[]> outputShapes = build(shapes);
        List<KerasTensor> outputs = new ArrayList<>();
        for (int i = 0; i < outputShapes.size(); i++) {
            outputs.add(new KerasTensor(outputShapes.get(i), "float32", name + "/output" + (outputShapes.size() > 1 ? "_" + i : "")));
        }
        recordNode(inputs, outputs);
        return outputs;
    }

    /** Adds a node of this layer from inputs to outputs (the outputs learn their producer). */
    final void recordNode(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        Node node = new Node(this, inputs, inboundNodes.size());
        outputs.forEach(node::addOutput);
        inboundNodes.add(node);
    }

    /** @return the calls of this layer on symbolic tensors, in order (Keras's {@code _inbound_nodes}) */
    public List<Node> inboundNodes() {
        return List.copyOf(inboundNodes);
    }

    /**
     * Keras's {@code layer.input}: the tensor the layer was first called on.
     *
     * @return the input of the layer's first node
     * @throws IllegalStateException when the layer was never called on a symbolic tensor, or on several
     */
    public KerasTensor input() {
        return single(firstNode().inputs(), "input");
    }

    /**
     * Keras's {@code layer.output}: what the layer's first call gave, e.g. to build a feature extractor
     * {@code new Model(model.inputs(), model.getLayer("dense_1").output())}.
     *
     * @return the output of the layer's first node
     * @throws IllegalStateException when the layer was never called on a symbolic tensor, or gives several
     */
    public KerasTensor output() {
        return single(firstNode().outputs(), "output");
    }

    private Node firstNode() {
        if (inboundNodes.isEmpty()) {
            throw new IllegalStateException("layer " + nameOrClass() + " has never been called and thus has no defined input or output");
        }
        return inboundNodes.get(0);
    }

    private KerasTensor single(List<KerasTensor> tensors, String what) {
        if (tensors.size() != 1) {
            throw new IllegalStateException("layer " + name + " has " + tensors.size() + " " + what + "s");
        }
        return tensors.get(0);
    }

    private String nameOrClass() {
        return name != null ? name : className();
    }

    /** @return true once {@link #build} has run */
    public boolean isBuilt() {
        return inputShapes != null;
    }

    /** @return the per-sample input shape; the layer must be built, and take one input */
    public long[] inputShape() {
        return singleShape(inputShapes(), "input");
    }

    /** @return the per-sample output shape; the layer must be built, and give one output */
    public long[] outputShape() {
        return singleShape(outputShapes(), "output");
    }

    /** @return the per-sample input shapes, in order; the layer must be built */
    public List<long[]> inputShapes() {
        requireBuilt();
        return copies(inputShapes);
    }

    /** @return the per-sample output shapes, in order; the layer must be built */
    public List<long[]> outputShapes() {
        requireBuilt();
        return copies(outputShapes);
    }

    private long[] singleShape(List<long[]> shapes, String what) {
        if (shapes.size() != 1) {
            throw new IllegalStateException("layer " + name + " has " + shapes.size() + " " + what + "s: use " + what + "Shapes()");
        }
        return shapes.get(0);
    }

    /**
     * @return the layer's weights in Keras's order: its own (trainable, then non-trainable, each in declaration
     *     order), then each sublayer's; empty before build or without weights. A model gives its layers' weights.
     */
    public List<WeightSpec> weightSpecs() {
        if (sublayerAttributes.isEmpty()) {
            return weights;
        }
        List<WeightSpec> all = new ArrayList<>(weights);
        for (Layer sublayer : sublayers()) {
            sublayer.weightSpecs().stream().filter(w -> !all.contains(w)).forEach(all::add);
        }
        return List.copyOf(all);
    }

    /** @return the number of values in all weights */
    public long paramCount() {
        return weightSpecs().stream().mapToLong(WeightSpec::size).sum();
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
        return weightSpecs().stream().filter(WeightSpec::trainable).mapToLong(WeightSpec::size).sum();
    }

    /**
     * Attaches the storage that holds this layer's weight values (done by the model).
     *
     * @param store where the values live
     */
    public void attach(WeightStore store) {
        this.store = store;
        sublayers().forEach(sublayer -> sublayer.attach(store));
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
     * Keras's {@code layer.weights}: each weight's values with its path ({@code dense/kernel}, a sublayer's
     * {@code residual_block/conv2d/kernel}) and shape, in the order of {@link #getWeights()}.
     *
     * @return copies of the weights
     */
    public List<Weight> weights() {
        List<float[]> values = getWeights();
        List<WeightSpec> specs = weightSpecs();
        List<Weight> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(new Weight(weightPath(specs.get(i)), specs.get(i).shape(), values.get(i)));
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
        List<WeightSpec> weights = weightSpecs();
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
        if (inputShapes != null) {
            throw new IllegalStateException("layer " + name + ": already built; set its arguments before adding it to a model");
        }
    }

    private void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException("layer " + name + " is not built yet: add it to a model with a known input shape");
        }
    }

    private static List<long[]> copies(List<long[]> shapes) {
        List<long[]> copies = new ArrayList<>();
        shapes.forEach(shape -> copies.add(shape.clone()));
        return List.copyOf(copies);
    }

    private static boolean sameShapes(List<long[]> a, List<long[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String shapesText(List<long[]> shapes) {
        return shapes.size() == 1 ? Arrays.toString(shapes.get(0)) : shapes.stream().map(Arrays::toString).toList().toString();
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
