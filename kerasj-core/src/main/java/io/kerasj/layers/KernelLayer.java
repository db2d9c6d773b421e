package io.kerasj.layers;

import io.kerasj.initializers.GlorotUniform;
import io.kerasj.initializers.Initializer;
import io.kerasj.initializers.Initializers;

import java.util.Objects;

/**
 * A layer with a kernel and a bias (Dense, Conv2D): Keras's {@code kernel_initializer} (default
 * {@code glorot_uniform}) and {@code bias_initializer} (default {@code zeros}), set fluently before the layer is built.
 *
 * @param <L> the layer's own class, which the setters return
 */
public abstract class KernelLayer<L extends KernelLayer<L>> extends Layer {
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = Initializer.ZEROS;

    /** @param name the layer's name, or null to let the model name it as Keras does */
    protected KernelLayer(String name) {
        super(name);
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    @Override
    public L name(String name) {
        super.name(name);
        return self();
    }

    /** @return the kernel's initializer (Keras's {@code kernel_initializer}) */
    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    /** @return the bias's initializer (Keras's {@code bias_initializer}) */
    public Initializer biasInitializer() {
        return biasInitializer;
    }

    /**
     * Keras's {@code kernel_initializer} (default {@code glorot_uniform}); set before the layer is built.
     *
     * @param name an initializer name ({@link Initializers#of})
     * @return this layer
     */
    public L kernelInitializer(String name) {
        return kernelInitializer(Initializers.of(name));
    }

    /**
     * @param initializer the kernel's initializer
     * @return this layer
     */
    public L kernelInitializer(Initializer initializer) {
        requireUnbuilt();
        this.kernelInitializer = Objects.requireNonNull(initializer, "kernel_initializer");
        return self();
    }

    /**
     * Keras's {@code bias_initializer} (default {@code zeros}); set before the layer is built.
     *
     * @param name an initializer name ({@link Initializers#of})
     * @return this layer
     */
    public L biasInitializer(String name) {
        return biasInitializer(Initializers.of(name));
    }

    /**
     * @param initializer the bias's initializer
     * @return this layer
     */
    public L biasInitializer(Initializer initializer) {
        requireUnbuilt();
        this.biasInitializer = Objects.requireNonNull(initializer, "bias_initializer");
        return self();
    }
}
