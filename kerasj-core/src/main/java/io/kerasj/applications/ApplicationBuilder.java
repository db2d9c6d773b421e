package io.kerasj.applications;

import io.kerasj.layers.Dense;
import io.kerasj.layers.GlobalAveragePooling2D;
import io.kerasj.layers.GlobalMaxPooling2D;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Node;
import io.kerasj.models.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The arguments every Keras Application takes, with Keras's defaults and checks, and what every builder does with
 * them: the input ({@code imagenet_utils.obtain_input_shape}, or the given tensor), the model over the input
 * tensor's source inputs, and the weights (Keras's ImageNet file through {@link WeightsCache}, or a file of the
 * user's, loaded with {@link Model#loadWeights(Path)}).
 *
 * <p>KerasJ's shapes are static: where Keras would leave the spatial sizes {@code None} ({@code include_top=False}
 * without an {@code input_shape}), the builder uses the network's default size.
 *
 * @param <B> the concrete builder
 */
public abstract class ApplicationBuilder<B extends ApplicationBuilder<B>> {
    /** Keras's value of {@code weights} for its published ImageNet weights. */
    public static final String IMAGENET = "imagenet";

    private boolean includeTop = true;
    private Object weights = IMAGENET;
    private long[] inputShape;
    private KerasTensor inputTensor;
    private String pooling;
    private int classes = 1000;
    private String classifierActivation = "softmax";
    private String name;
    private WeightsCache cache;

    /** For subclasses. */
    protected ApplicationBuilder() {
    }

    /** @return this builder, as its own type */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * @param includeTop whether the classifier (pooling and the {@code predictions} Dense) is on top; default true
     * @return this builder
     */
    public B includeTop(boolean includeTop) {
        this.includeTop = includeTop;
        return self();
    }

    /**
     * Keras's {@code weights}: {@code "imagenet"} (the default: Keras's published weights, from Keras's cache
     * {@code ~/.keras/models}, downloaded when absent), null (random initialisation), or the path of a weights file
     * ({@link Path} or {@link String}) that {@link Model#loadWeights(Path)} reads.
     *
     * @param weights "imagenet", null or a path
     * @return this builder
     * @throws IllegalArgumentException for any other kind of value
     */
    public B weights(Object weights) {
        if (weights != null && !(weights instanceof String) && !(weights instanceof Path)) {
            throw new IllegalArgumentException("weights: expected \"imagenet\", null or the path of a weights file, got a "
                    + weights.getClass().getSimpleName());
        }
        this.weights = weights;
        return self();
    }

    /**
     * @param inputShape the per-sample shape, (height, width, channels)
     * @return this builder
     */
    public B inputShape(long... inputShape) {
        this.inputShape = inputShape == null ? null : inputShape.clone();
        return self();
    }

    /**
     * @param inputTensor a tensor to build the network on (an {@link Input}, or the output of layers applied to one)
     * @return this builder
     */
    public B inputTensor(KerasTensor inputTensor) {
        this.inputTensor = inputTensor;
        return self();
    }

    /**
     * @param pooling without the top: null (the 4D feature maps), {@code "avg"} or {@code "max"} (global pooling)
     * @return this builder
     */
    public B pooling(String pooling) {
        if (pooling != null && !pooling.equals("avg") && !pooling.equals("max")) {
            throw new IllegalArgumentException("pooling: expected null, \"avg\" or \"max\", got \"" + pooling + "\"");
        }
        this.pooling = pooling;
        return self();
    }

    /**
     * @param classes the classes of the top's Dense; default 1000
     * @return this builder
     */
    public B classes(int classes) {
        this.classes = classes;
        return self();
    }

    /**
     * @param classifierActivation the top's activation, by Keras name; default {@code "softmax"}, null for logits
     * @return this builder
     */
    public B classifierActivation(String classifierActivation) {
        this.classifierActivation = classifierActivation;
        return self();
    }

    /**
     * @param name the model's name; null for Keras's
     * @return this builder
     */
    public B name(String name) {
        this.name = name;
        return self();
    }

    /**
     * @param cache where Keras's ImageNet weights are looked up and downloaded; default {@link WeightsCache#standard()}
     * @return this builder
     */
    public B weightsCache(WeightsCache cache) {
        this.cache = cache;
        return self();
    }

    /**
     * @return the functional model, with Keras's layer names, and its weights loaded when asked
     * @throws IllegalArgumentException for arguments Keras refuses, with Keras's message
     */
    public abstract Model build();

    /** @return whether the top is included */
    protected final boolean includeTop() {
        return includeTop;
    }

    /** @return true when Keras's ImageNet weights are asked for */
    protected final boolean imagenet() {
        return IMAGENET.equals(weights);
    }

    /** @return the weights argument: "imagenet", null, or a path */
    protected final Object weights() {
        return weights;
    }

    /** @return the given input shape, or null */
    protected final long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** @return the given input tensor, or null */
    protected final KerasTensor inputTensor() {
        return inputTensor;
    }

    /** @return null, "avg" or "max" */
    protected final String pooling() {
        return pooling;
    }

    /** @return the number of classes */
    protected final int classes() {
        return classes;
    }

    /** @return the classifier's activation name, or null */
    protected final String classifierActivation() {
        return classifierActivation;
    }

    /** @return the given name, or null */
    protected final String name() {
        return name;
    }

    /**
     * Keras's first checks: {@code weights} is "imagenet", null or an existing file; with ImageNet weights and the top,
     * 1000 classes.
     */
    protected final void checkWeightsAndClasses() {
        boolean file = weights instanceof Path p ? Files.exists(p) : weights instanceof String s && !s.equals(IMAGENET) && Files.exists(Path.of(s));
        if (!(weights == null || imagenet() || file)) {
            throw new IllegalArgumentException("The `weights` argument should be either `None` (random initialization), `imagenet`"
                    + " (pre-training on ImageNet), or the path to the weights file to be loaded.  Received `weights=" + weights + "`");
        }
        if (imagenet() && includeTop && classes != 1000) {
            throw new IllegalArgumentException("If using `weights=\"imagenet\"` with `include_top` as true, `classes` should be 1000."
                    + " Received `classes=" + classes + "`");
        }
    }

    /**
     * Keras's {@code imagenet_utils.obtain_input_shape} for channels-last images, on {@link #inputShape()}.
     *
     * @param defaultSize the network's default height and width
     * @param minSize the smallest height and width it takes
     * @param requireFlatten whether the top needs a fixed size (Keras passes {@code include_top})
     * @return the per-sample input shape; the default size where Keras would leave {@code None}
     */
    protected final long[] obtainInputShape(int defaultSize, int minSize, boolean requireFlatten) {
        long[] given = inputShape;
        long[] defaultShape = !imagenet() && given != null && given.length == 3
                ? new long[]{defaultSize, defaultSize, given[2]} : new long[]{defaultSize, defaultSize, 3};
        if (imagenet() && requireFlatten) {
            if (given != null && !Arrays.equals(given, defaultShape)) {
                throw new IllegalArgumentException("When setting `include_top=True` and loading `imagenet` weights, `input_shape`"
                        + " should be " + tuple(defaultShape) + ".  Received: input_shape=" + tuple(given));
            }
            return defaultShape;
        }
        if (given == null || given.length == 0) {
            return defaultShape;
        }
        if (given.length != 3) {
            throw new IllegalArgumentException("`input_shape` must be a tuple of three integers.");
        }
        if (given[2] != 3 && imagenet()) {
            throw new IllegalArgumentException("The input must have 3 channels; Received `input_shape=" + tuple(given) + "`");
        }
        if (given[0] < minSize || given[1] < minSize) {
            throw new IllegalArgumentException("Input size must be at least " + minSize + "x" + minSize + "; Received: input_shape="
                    + tuple(given));
        }
        if (Arrays.stream(given).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("input_shape: expected positive sizes, got " + tuple(given));
        }
        return given.clone();
    }

    /**
     * Keras's {@code pooling} without the top: a GlobalAveragePooling2D ({@code "avg"}) or GlobalMaxPooling2D
     * ({@code "max"}), named as the network's Keras module names them (null: auto-named), else the features as they are.
     */
    protected final KerasTensor pooled(KerasTensor x, String avgName, String maxName) {
        if ("avg".equals(pooling())) {
            return named(new GlobalAveragePooling2D(), avgName).apply(x);
        }
        if ("max".equals(pooling())) {
            return named(new GlobalMaxPooling2D(), maxName).apply(x);
        }
        return x;
    }

    /** Keras's usual top: a GlobalAveragePooling2D (named {@code poolName}, or auto-named), then Dense {@code predictions}. */
    protected final KerasTensor averagedPredictions(KerasTensor x, String poolName) {
        KerasTensor pooled = named(new GlobalAveragePooling2D(), poolName).apply(x);
        validateClassifierActivation();
        return new Dense(classes(), classifierActivation()).name("predictions").apply(pooled);
    }

    private static Layer named(Layer layer, String name) {
        return name == null ? layer : layer.name(name);
    }

    /** Keras's {@code imagenet_utils.validate_activation}: pretrained weights take only softmax or no activation on top. */
    protected final void validateClassifierActivation() {
        if (weights == null) {
            return;
        }
        if (classifierActivation != null && !classifierActivation.equals("softmax") && !classifierActivation.equals("linear")) {
            throw new IllegalArgumentException("Only `None` and `softmax` activations are allowed for the `classifier_activation`"
                    + " argument when using pretrained weights, with `include_top=True`; Received: classifier_activation="
                    + classifierActivation);
        }
    }

    /**
     * @param shape the per-sample shape
     * @return the given input tensor, or a new {@link Input} of that shape
     */
    protected final KerasTensor imageInput(long[] shape) {
        return inputTensor != null ? inputTensor : new Input(shape);
    }

    /**
     * Keras's {@code Functional(inputs, x, name)} on the input tensor's source inputs
     * ({@code operation_utils.get_source_inputs}), then the weights: Keras's ImageNet file, or the user's.
     *
     * @param imageInput what {@link #imageInput} returned
     * @param output the network's output
     * @param modelName the model's name (the user's, or Keras's for the network)
     * @param imagenetFile Keras's ImageNet file for this variant, asked only with {@code weights="imagenet"}
     * @return the model
     */
    protected final Model finish(KerasTensor imageInput, KerasTensor output, String modelName, Supplier<PretrainedWeights> imagenetFile) {
        List<KerasTensor> inputs = inputTensor != null ? sourceInputs(inputTensor) : List.of(imageInput);
        Model model = new Model(inputs, List.of(output), modelName);
        try {
            if (imagenet()) {
                model.loadWeights((cache != null ? cache : WeightsCache.standard()).get(imagenetFile.get()));
            } else if (weights != null) {
                model.loadWeights(weights instanceof Path p ? p : Path.of((String) weights));
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Keras's {@code operation_utils.get_source_inputs}: the inputs a tensor was computed from.
     *
     * @param tensor a tensor
     * @return the {@link Input}s upstream of it, in the order first met
     */
    static List<KerasTensor> sourceInputs(KerasTensor tensor) {
        List<KerasTensor> out = new ArrayList<>();
        Set<KerasTensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<KerasTensor> todo = new ArrayDeque<>(List.of(tensor));
        while (!todo.isEmpty()) {
            KerasTensor t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            Node node = t.node();
            if (node == null || node.isInput()) {
                out.add(t);
            } else {
                List<KerasTensor> in = node.inputs();
                for (int i = in.size() - 1; i >= 0; i--) {
                    todo.push(in.get(i));
                }
            }
        }
        return out;
    }

    /** @return a shape as Python prints a tuple, e.g. {@code (96, 96, 3)} */
    static String tuple(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
