package io.kerasj.engine;

import io.kerasj.layers.WeightSpec;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The state a compiled optimizer instance keeps across recompiles, as a Keras 3 optimizer object keeps its variables:
 * the weights it was built with (those trainable when its first training program was made, Keras's
 * {@code optimizer.build(trainable_variables)}), each one's slots as last trained, and its step count. A model
 * recompiled with the same instance continues from it; with another instance it starts afresh. Keras's
 * {@code _check_variables_are_known} is {@link #checkKnown}: a weight trainable now that the optimizer was not built
 * with is refused with Keras's message.
 */
final class OptimizerMemory {
    private final Optimizer optimizer;
    private final Set<WeightSpec> builtWith = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<WeightSpec, List<float[]>> slots = new IdentityHashMap<>();
    private float[] iteration;

    /**
     * @param optimizer the compiled instance
     * @param builtWith the weights trainable when its first program was made
     */
    OptimizerMemory(Optimizer optimizer, List<WeightSpec> builtWith) {
        this.optimizer = optimizer;
        this.builtWith.addAll(builtWith);
    }

    /** @return the optimizer instance this state belongs to */
    Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Keras's {@code _check_variables_are_known}, before a program is built for the weights.
     *
     * @param trainable the weights the program would update
     * @param pathOf each weight's Keras path ({@code sequential/dense/kernel})
     * @throws IllegalArgumentException (Keras's ValueError) naming the first weight the optimizer was not built with
     */
    void checkKnown(List<WeightSpec> trainable, java.util.function.Function<WeightSpec, String> pathOf) {
        for (WeightSpec weight : trainable) {
            if (!builtWith.contains(weight)) {
                throw new IllegalArgumentException("Unknown variable: <Variable path=" + pathOf.apply(weight) + ", shape="
                        + pythonShape(weight.shape()) + ", dtype=float32>. This optimizer can only be called for the variables it was "
                        + "originally built with. When working with a new set of variables, you should recreate a new optimizer instance.");
            }
        }
    }

    private static String pythonShape(long[] shape) {
        String dims = LongStream.of(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + dims + (shape.length == 1 ? ",)" : ")");
    }

    /**
     * Keeps a program's state before its graph closes: the slots of the weights it updated (those of the weights it
     * did not update stay as they were) and the step count.
     *
     * @param trainable the weights the program updated, in its order
     * @param state {@link TrainingProgram#optimizerVariables()}'s values: each weight's slots in turn, then the step count
     */
    void remember(List<WeightSpec> trainable, List<float[]> state) {
        int perWeight = optimizer.slotsPerWeight();
        for (int i = 0; i < trainable.size(); i++) {
            slots.put(trainable.get(i), new ArrayList<>(state.subList(i * perWeight, (i + 1) * perWeight)));
        }
        iteration = state.get(state.size() - 1);
    }

    /**
     * The state for a new program: the remembered slots where there are some, else the fresh ones given.
     *
     * @param trainable the weights the new program updates, in its order (all known: {@link #checkKnown})
     * @param fresh the new program's initial state, as {@link TrainingProgram#optimizerVariables()} orders it
     * @return the state to assign, in the same order; {@code fresh} itself when nothing was remembered yet
     */
    List<float[]> restore(List<WeightSpec> trainable, List<float[]> fresh) {
        if (iteration == null) {
            return fresh;
        }
        int perWeight = optimizer.slotsPerWeight();
        List<float[]> state = new ArrayList<>(fresh);
        for (int i = 0; i < trainable.size(); i++) {
            List<float[]> kept = slots.get(trainable.get(i));
            for (int s = 0; kept != null && s < perWeight; s++) {
                state.set(i * perWeight + s, kept.get(s));
            }
        }
        state.set(state.size() - 1, iteration);
        return state;
    }
}
