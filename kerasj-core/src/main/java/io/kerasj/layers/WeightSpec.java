package io.kerasj.layers;

import io.kerasj.constraints.Constraint;
import io.kerasj.initializers.Initializer;
import io.kerasj.regularizers.Regularizer;

import java.util.Arrays;

/**
 * A weight a layer declared in {@code build}: its Keras name ({@code kernel}, {@code bias}, {@code moving_mean}),
 * its shape, how it starts, and whether training differentiates it. The layer keeps the instance as its handle and
 * reads the weight's value through {@link CallContext#read(WeightSpec)}; the model maps each instance (by
 * identity) to one variable.
 *
 * <p>A weight declared trainable stops being trainable while its layer is frozen ({@link Layer#trainable(boolean)},
 * Keras's {@code variable.trainable}, which the layer's {@code trainable} setter writes); it keeps its place in the
 * layer's order ({@link #declaredTrainable()}).
 */
public final class WeightSpec {
    private final String name;
    private final long[] shape;
    private final Initializer initializer;
    private final boolean declaredTrainable;
    private final Regularizer regularizer;
    private final Constraint constraint;
    private volatile boolean frozen;

    /**
     * A weight without regularizer or constraint.
     *
     * @param name Keras's name for the weight within its layer
     * @param shape the weight's shape
     * @param initializer how its first values are drawn
     * @param trainable true when the optimizer updates it
     */
    public WeightSpec(String name, long[] shape, Initializer initializer, boolean trainable) {
        this(name, shape, initializer, trainable, null, null);
    }

    /**
     * A trainable weight.
     *
     * @param name Keras's name for the weight within its layer
     * @param shape the weight's shape
     * @param initializer how its first values are drawn
     */
    public WeightSpec(String name, long[] shape, Initializer initializer) {
        this(name, shape, initializer, true);
    }

    /**
     * Copies the shape.
     *
     * @param name Keras's name for the weight within its layer
     * @param shape the weight's shape, e.g. {@code [in, out]} for a Dense kernel
     * @param initializer how its first values are drawn
     * @param trainable true when the optimizer updates it; false for state the layer writes itself (moving statistics)
     * @param regularizer a penalty on the weight's value, or null
     * @param constraint a projection applied after each update, or null
     */
    public WeightSpec(String name, long[] shape, Initializer initializer, boolean trainable, Regularizer regularizer,
                      Constraint constraint) {
        this.name = name;
        this.shape = shape.clone();
        this.initializer = initializer;
        this.declaredTrainable = trainable;
        this.regularizer = regularizer;
        this.constraint = constraint;
    }

    /** @return Keras's name for the weight within its layer */
    public String name() {
        return name;
    }

    /** @return how its first values are drawn */
    public Initializer initializer() {
        return initializer;
    }

    /**
     * @return true when the optimizer updates it: declared trainable and its layer not frozen (Keras's
     *     {@code variable.trainable}); false for state the layer writes itself (moving statistics)
     */
    public boolean trainable() {
        return declaredTrainable && !frozen;
    }

    /** @return true when the layer declared it trainable, frozen or not: its place in the layer's weight order */
    public boolean declaredTrainable() {
        return declaredTrainable;
    }

    /** @return the penalty on the weight's value added to the training loss, or null */
    public Regularizer regularizer() {
        return regularizer;
    }

    /** @return the projection applied to the weight's new value after each optimizer update, or null */
    public Constraint constraint() {
        return constraint;
    }

    /** Keras's {@code trainable} setter writing {@code variable.trainable}: only its layer calls it. */
    void frozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** @return a copy of the weight's shape, e.g. {@code [in, out]} for a Dense kernel */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of values in the weight */
    public int size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** Identity: two declarations are the same weight only if they are the same object. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
