package io.kerasj;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;

/**
 * Gradients for TensorFlow ops that TensorFlow Java cannot differentiate. Training ({@code fit}, a model's own
 * {@code trainStep}, {@code customStep}) takes gradients with {@code Graph.addGradients}, which knows the gradients
 * of TensorFlow's C++ API only: many ops Python differentiates have none there (measured with TensorFlow Java 1.1.0:
 * {@code OnesLike}, which Python declares not differentiable, and the older {@code Concat}), and training a model
 * that uses one fails with "No gradient defined for op: ...". Registering a gradient, once per JVM, before the
 * first training graph is built, lets it train:
 *
 * <pre>{@code
 * // Python: ops.NotDifferentiable("OnesLike"): its output does not depend on its input's values
 * Gradients.register("OnesLike", (tf, op, upstream) -> List.of(tf.zerosLike(op.input(0))));
 * }</pre>
 *
 * <p>The function gets the op and the gradients flowing into each of its outputs, and returns one gradient per
 * input of the op, in its input order (as Python's {@code @ops.RegisterGradient}); a null entry means "no
 * gradient" and becomes zeros shaped like that input.
 */
public final class Gradients {
    private static final Set<String> registered = new TreeSet<>();

    private Gradients() {
    }

    /** The gradient of one op type, Python's {@code @tf.RegisterGradient} function. */
    @FunctionalInterface
    public interface Function {
        /**
         * @param tf the ops to build the gradient with, in the graph being differentiated
         * @param op the op being differentiated: its inputs ({@code op.input(i)}), outputs and attributes
         * @param upstream the gradient flowing into each of the op's outputs
         * @return one gradient per input of the op, in its input order; null for an input with no gradient
         */
        List<Operand<?>> gradients(Ops tf, GraphOperation op, List<Output<?>> upstream);
    }

    /**
     * Registers the gradient of an op type for every graph of this JVM. TensorFlow keeps the first gradient it has
     * for an op type: a native one, or one registered earlier, and then this one is not used.
     *
     * @param opType the op type, as in a GraphDef (e.g. {@code OnesLike})
     * @param gradient the gradient
     * @return true when registered; false when TensorFlow already had a gradient for the op type
     */
    public static synchronized boolean register(String opType, Function gradient) {
        Objects.requireNonNull(opType, "opType");
        Objects.requireNonNull(gradient, "gradient");
        if (opType.isBlank()) {
            throw new IllegalArgumentException("opType: expected an op type such as OnesLike, found a blank string");
        }
        io.kerasj.runtime.NativeRuntime.ensureLoaded();
        boolean added = TensorFlow.registerCustomGradient(opType, (tf, op, upstream) -> complete(opType, op, tf, gradient.gradients(tf, op, upstream)));
        if (added) {
            registered.add(opType);
        }
        return added;
    }

    /** @return the op types whose gradients were registered through {@link #register} in this JVM */
    public static synchronized Set<String> registered() {
        return Set.copyOf(registered);
    }

    /** TensorFlow Java's adapter needs an operand for every input: a null becomes zeros. */
    private static List<Operand<?>> complete(String opType, GraphOperation op, Ops tf, List<Operand<?>> gradients) {
        if (gradients == null || gradients.size() != op.numInputs()) {
            throw new IllegalStateException("gradient of " + opType + ": expected " + op.numInputs() + " gradients (one per input), found "
                    + (gradients == null ? "null" : gradients.size()));
        }
        List<Operand<?>> all = new ArrayList<>(gradients.size());
        for (int i = 0; i < gradients.size(); i++) {
            all.add(gradients.get(i) == null ? tf.zerosLike(op.input(i)) : gradients.get(i));
        }
        return all;
    }
}
