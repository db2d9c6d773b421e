package io.kerasj.models;

import io.kerasj.engine.Network;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;

import io.kerasj.layers.Layer;
import io.kerasj.layers.Naming;
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
    private Input input;
    private KerasTensor output;

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
     * @param input the input
     * @return this model
     * @throws IllegalStateException when a layer was already added
     */
    public Sequential add(Input input) {
        if (!layers.isEmpty() || this.input != null) {
            throw new IllegalStateException("an Input must come first and once, before any layer of model " + name());
        }
        this.input = input;
        this.output = input;
        return this;
    }

    /**
     * Adds a layer on top, naming it if unnamed and calling it on the previous layer's output. A model may be
     * added as a layer (Keras's {@code Sequential([base, head])}); its weights stay shared with it.
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
        if (layer.name() == null) {
            layer.setName(uniqueLayerName(layer.className()));
        }
        String layerName = layer.name();
        long[] declared = layer.declaredInputShape();
        if (layers.isEmpty() && input != null && declared != null && !Arrays.equals(input.shape(), declared)) {
            throw new IllegalArgumentException("layer " + layerName + ": declared input shape " + Arrays.toString(declared)
                    + " does not match the Input " + Arrays.toString(input.shape()));
        }
        if (output == null) {
            long[] first = declared != null ? declared : layer instanceof Model model && model.isBuilt() && model.inputShapes().size() == 1
                    ? model.inputShape() : null;
            if (first == null) {
                throw new IllegalArgumentException("layer " + layerName + ": the first layer needs an input shape, e.g. new Flatten(28, 28) or model.add(new Input(28, 28)) first");
            }
            input = new Input(first);
            output = input;
        } else if (!layers.isEmpty() && declared != null && !Arrays.equals(declared, output.shape())) {
            throw new IllegalArgumentException("layer " + layerName + ": declared input shape " + Arrays.toString(declared)
                    + " does not match the previous output " + Arrays.toString(output.shape()));
        }
        output = layer.apply(output);
        layers.add(layer);
        layer.attach(weightStore());
        resetNetwork();
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
    protected Network defineNetwork() {
        return layers.isEmpty() ? null : Network.of(List.of(input), List.of(output));
    }

    @Override
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public Sequential trainable(boolean trainable) {
        super.trainable(trainable);
        return this;
    }

    @Override
    public Sequential threads(ThreadSettings settings) {
        super.threads(settings);
        return this;
    }
}
