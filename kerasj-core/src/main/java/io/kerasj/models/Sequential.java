package io.kerasj.models;

import io.kerasj.engine.InputChecks;

import io.kerasj.layers.Layer;
import io.kerasj.layers.Naming;
import io.kerasj.layers.WeightStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Keras's {@code Sequential}: a stack of layers, each fed the previous one's output. Everything else (compile,
 * fit, evaluate, predict, save, summary) is the {@link Model}'s.
 *
 * <p>Unnamed models and layers are named as Keras names them: by class, counting up per session and thread
 * ({@code sequential}, {@code sequential_1}; {@code flatten}, {@code dense}, {@code dense_1}, ...) until
 * {@link Naming#clearSession()}. A layer is named when it is added.
 */
public final class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();
    private long[] inputShape;
    private long[] outputShape;
    private long[] declaredInput;

    /** A model named as Keras names it ({@code sequential}, {@code sequential_1}, ...) with a random seed. */
    public Sequential() {
        this(new Random().nextLong());
    }

    /**
     * A model named as Keras names it ({@code sequential}, {@code sequential_1}, ...).
     *
     * @param seed the seed of the first weights, the shuffling and the dropout masks
     */
    public Sequential(long seed) {
        this(Naming.autoName("Sequential"), seed);
    }

    /**
     * @param name the model's name, shown by {@link #summary()}
     * @param seed the seed of the first weights, the shuffling and the dropout masks
     */
    public Sequential(String name, long seed) {
        super(name, seed);
    }

    /**
     * Keras's {@code keras.Input(shape)} at the start of a Sequential: the per-sample shape the first layer takes.
     *
     * @param input the input shape
     * @return this model
     * @throws IllegalStateException when a layer was already added
     */
    public Sequential add(io.kerasj.layers.Input input) {
        if (!layers.isEmpty() || declaredInput != null) {
            throw new IllegalStateException("an Input must come first and once, before any layer of model " + name());
        }
        declaredInput = input.shape();
        return this;
    }

    /**
     * Adds a layer on top, naming it if unnamed and building it for the previous layer's output shape.
     *
     * @param layer the layer
     * @return this model
     * @throws IllegalStateException when the model already runs (its graph exists)
     * @throws IllegalArgumentException when the layer cannot take the previous output
     */
    public Sequential add(Layer layer) {
        if (isRunning()) {
            throw new IllegalStateException("cannot add layer " + layer.className() + " after the model has been built (fit, predict or weights used)");
        }
        if (layer.name() != null && layers.stream().anyMatch(l -> l.name().equals(layer.name()))) {
            throw new IllegalArgumentException("layer name '" + layer.name() + "' is already used in model " + name());
        }
        String layerName = layer.name() != null ? layer.name() : uniqueLayerName(layer.className());
        layer.setName(layerName);
        long[] in = !layers.isEmpty() ? outputShape : declaredInput != null ? declaredInput : layer.declaredInputShape();
        if (layers.isEmpty() && declaredInput != null && layer.declaredInputShape() != null
                && !Arrays.equals(declaredInput, layer.declaredInputShape())) {
            throw new IllegalArgumentException("layer " + layerName + ": declared input shape " + Arrays.toString(layer.declaredInputShape())
                    + " does not match the Input " + Arrays.toString(declaredInput));
        }
        if (in == null) {
            throw new IllegalArgumentException("layer " + layerName + ": the first layer needs an input shape, e.g. new Flatten(28, 28) or model.add(new Input(28, 28)) first");
        }
        if (!layers.isEmpty() && layer.declaredInputShape() != null && !Arrays.equals(layer.declaredInputShape(), outputShape)) {
            throw new IllegalArgumentException("layer " + layerName + ": declared input shape " + Arrays.toString(layer.declaredInputShape())
                    + " does not match the previous output " + Arrays.toString(outputShape));
        }
        outputShape = layer.build(in);
        if (layers.isEmpty()) {
            inputShape = in.clone();
        }
        layers.add(layer);
        layer.attach(new GraphWeightStore());
        return this;
    }

    /** Keras's {@code auto_name}, skipping a name a layer of this model was given by hand. */
    private String uniqueLayerName(String className) {
        String candidate = Naming.autoName(className);
        while (usesName(candidate)) {
            candidate = Naming.autoName(className);
        }
        return candidate;
    }

    private boolean usesName(String name) {
        return layers.stream().anyMatch(l -> l.name().equals(name));
    }

    @Override
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public long[] inputShape() {
        requireLayers();
        return inputShape.clone();
    }

    @Override
    public long[] outputShape() {
        requireLayers();
        return outputShape.clone();
    }

    @Override
    public Sequential threads(ThreadSettings settings) {
        super.threads(settings);
        return this;
    }

    /** Reads and writes one layer's weights through the model's variables. */
    private final class GraphWeightStore implements WeightStore {
        @Override
        public List<float[]> read(Layer layer) {
            return graph().read(graph().variablesOf(layer.weightSpecs()));
        }

        @Override
        public void write(Layer layer, List<float[]> values) {
            for (int i = 0; i < values.size(); i++) {
                InputChecks.finite(layer.name() + " weights[" + i + "]", values.get(i));
            }
            graph().assign(graph().variablesOf(layer.weightSpecs()), values);
        }
    }
}
