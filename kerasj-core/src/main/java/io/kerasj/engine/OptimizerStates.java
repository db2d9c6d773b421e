package io.kerasj.engine;

import io.kerasj.layers.WeightSpec;
import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The optimizers' state as one training step sees it: per optimizer (by identity: two equal optimizers are two
 * optimizers, as in Keras), its step count, its learning rate and its slots for each weight it updates. The step
 * replaces the values it updates; what it finds missing it asks a {@link Source} for, which a tracing pass answers
 * with placeholders (so the program learns which optimizers update which weights) and a built loop refuses.
 */
final class OptimizerStates {

    /** Supplies the state of an optimizer, or of a weight's slots, the step has not seen yet. */
    interface Source {
        /** @return the optimizer's step count and learning rate */
        Operand<TFloat32>[] newOptimizer(Optimizer optimizer);

        /** @return the optimizer's slots for the weight, {@link Optimizer#slotsPerWeight()} of them */
        List<Operand<TFloat32>> newSlots(Optimizer optimizer, WeightSpec weight);
    }

    private static final class State {
        private Operand<TFloat32> iteration;
        private final Operand<TFloat32> learningRate;
        private final Map<WeightSpec, List<Operand<TFloat32>>> slots = new IdentityHashMap<>();
        private final List<WeightSpec> weights = new ArrayList<>();

        State(Operand<TFloat32> iteration, Operand<TFloat32> learningRate) {
            this.iteration = iteration;
            this.learningRate = learningRate;
        }
    }

    private final Map<Optimizer, State> states = new IdentityHashMap<>();
    private final List<Optimizer> order = new ArrayList<>();
    private final Source source;

    /** @param source what answers for state not put in beforehand */
    OptimizerStates(Source source) {
        this.source = source;
    }

    /** A loop's state for those optimizers it was built for: anything else is refused. */
    static OptimizerStates fixed() {
        return new OptimizerStates(new Source() {
            @Override
            public Operand<TFloat32>[] newOptimizer(Optimizer optimizer) {
                throw new IllegalStateException("optimizer " + optimizer.name() + " was not used when the training step was traced: "
                        + "a training step must use the same optimizers on the same weights every time it is built");
            }

            @Override
            public List<Operand<TFloat32>> newSlots(Optimizer optimizer, WeightSpec weight) {
                throw new IllegalStateException("optimizer " + optimizer.name() + " did not update weight " + weight
                        + " when the training step was traced: a training step must use the same optimizers on the same weights every time it is built");
            }
        });
    }

    /** Puts in an optimizer's current step count and learning rate. */
    void put(Optimizer optimizer, Operand<TFloat32> iteration, Operand<TFloat32> learningRate) {
        states.put(optimizer, new State(iteration, learningRate));
        order.add(optimizer);
    }

    /** Puts in an optimizer's current slots for one weight. */
    void putSlots(Optimizer optimizer, WeightSpec weight, List<Operand<TFloat32>> slots) {
        State state = state(optimizer);
        state.slots.put(weight, List.copyOf(slots));
        state.weights.add(weight);
    }

    private State state(Optimizer optimizer) {
        State state = states.get(optimizer);
        if (state == null) {
            Operand<TFloat32>[] fresh = source.newOptimizer(optimizer);
            put(optimizer, fresh[0], fresh[1]);
            state = states.get(optimizer);
        }
        return state;
    }

    Operand<TFloat32> iteration(Optimizer optimizer) {
        return state(optimizer).iteration;
    }

    void setIteration(Optimizer optimizer, Operand<TFloat32> iteration) {
        state(optimizer).iteration = iteration;
    }

    Operand<TFloat32> learningRate(Optimizer optimizer) {
        return state(optimizer).learningRate;
    }

    List<Operand<TFloat32>> slots(Optimizer optimizer, WeightSpec weight) {
        State state = state(optimizer);
        List<Operand<TFloat32>> slots = state.slots.get(weight);
        if (slots == null) {
            putSlots(optimizer, weight, source.newSlots(optimizer, weight));
            slots = state.slots.get(weight);
        }
        return slots;
    }

    void setSlots(Optimizer optimizer, WeightSpec weight, List<Operand<TFloat32>> slots) {
        state(optimizer).slots.put(weight, List.copyOf(slots));
    }

    /** @return the optimizers, in the order they were put in or first used */
    List<Optimizer> optimizers() {
        return List.copyOf(order);
    }

    /** @return the weights an optimizer keeps slots for, in the order they were put in or first used */
    List<WeightSpec> weightsOf(Optimizer optimizer) {
        return List.copyOf(state(optimizer).weights);
    }
}
