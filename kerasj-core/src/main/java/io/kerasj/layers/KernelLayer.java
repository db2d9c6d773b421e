package io.kerasj.layers;

import io.kerasj.constraints.Constraint;
import io.kerasj.initializers.GlorotUniform;
import io.kerasj.initializers.Initializer;
import io.kerasj.initializers.Initializers;
import io.kerasj.regularizers.Regularizer;

import java.util.Objects;

/**
 * A layer with a kernel and a bias (Dense, Conv2D): Keras's {@code kernel_initializer} (default
 * {@code glorot_uniform}) and {@code bias_initializer} (default {@code zeros}), {@code kernel_regularizer},
 * {@code bias_regularizer}, {@code activity_regularizer}, {@code kernel_constraint} and {@code bias_constraint}
 * (default none), set fluently before the layer is built.
 *
 * @param <L> the layer's own class, which the setters return
 */
public abstract class KernelLayer<L extends KernelLayer<L>> extends Layer {
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = Initializer.ZEROS;
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;

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

    /** @return Keras's {@code kernel_regularizer}, or null */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /** @return Keras's {@code bias_regularizer}, or null */
    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    /** @return Keras's {@code kernel_constraint}, or null */
    public Constraint kernelConstraint() {
        return kernelConstraint;
    }

    /** @return Keras's {@code bias_constraint}, or null */
    public Constraint biasConstraint() {
        return biasConstraint;
    }

    /**
     * Keras's {@code kernel_regularizer}: a penalty on the kernel added to the training loss; set before the layer
     * is built.
     *
     * @param regularizer the penalty, or null for none
     * @return this layer
     */
    public L kernelRegularizer(Regularizer regularizer) {
        requireUnbuilt();
        this.kernelRegularizer = regularizer;
        return self();
    }

    /**
     * @param name a Keras regularizer name ({@code "l2"} is {@code L2(0.01)}; {@link Regularizer#of})
     * @return this layer
     */
    public L kernelRegularizer(String name) {
        return kernelRegularizer(Regularizer.of(name));
    }

    /**
     * Keras's {@code bias_regularizer}; set before the layer is built.
     *
     * @param regularizer the penalty, or null for none
     * @return this layer
     */
    public L biasRegularizer(Regularizer regularizer) {
        requireUnbuilt();
        this.biasRegularizer = regularizer;
        return self();
    }

    /**
     * @param name a Keras regularizer name ({@link Regularizer#of})
     * @return this layer
     */
    public L biasRegularizer(String name) {
        return biasRegularizer(Regularizer.of(name));
    }

    /**
     * Keras's {@code activity_regularizer}: a penalty on the layer's output, divided by the batch size; set before
     * the layer is built.
     *
     * @param regularizer the penalty, or null for none
     * @return this layer
     */
    @Override
    public L activityRegularizer(Regularizer regularizer) {
        super.activityRegularizer(regularizer);
        return self();
    }

    /**
     * @param name a Keras regularizer name ({@link Regularizer#of})
     * @return this layer
     */
    public L activityRegularizer(String name) {
        return activityRegularizer(Regularizer.of(name));
    }

    /**
     * Keras's {@code kernel_constraint}: applied to the kernel after each optimizer update; set before the layer is
     * built.
     *
     * @param constraint the projection, or null for none
     * @return this layer
     */
    public L kernelConstraint(Constraint constraint) {
        requireUnbuilt();
        this.kernelConstraint = constraint;
        return self();
    }

    /**
     * @param name a Keras constraint name ({@code "max_norm"} is {@code MaxNorm(2, axis=0)}; {@link Constraint#of})
     * @return this layer
     */
    public L kernelConstraint(String name) {
        return kernelConstraint(Constraint.of(name));
    }

    /**
     * Keras's {@code bias_constraint}; set before the layer is built.
     *
     * @param constraint the projection, or null for none
     * @return this layer
     */
    public L biasConstraint(Constraint constraint) {
        requireUnbuilt();
        this.biasConstraint = constraint;
        return self();
    }

    /**
     * @param name a Keras constraint name ({@link Constraint#of})
     * @return this layer
     */
    public L biasConstraint(String name) {
        return biasConstraint(Constraint.of(name));
    }
}
