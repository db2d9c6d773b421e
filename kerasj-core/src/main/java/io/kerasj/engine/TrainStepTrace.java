package io.kerasj.engine;

import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.WeightSpec;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Runs a user's training step once in a scratch graph, on placeholders, to learn which optimizers besides the
 * compiled one it uses and which weights each updates: the program then keeps slots and a step count for them as
 * variables of its own before it builds the real loops (Keras creates an optimizer's variables on its first
 * {@code apply} the same way).
 *
 * @param optimizers the optimizers other than the compiled one, in the order the step first used them
 * @param weights for each of them, the weights it updates, in first-use order
 */
record TrainStepTrace(List<Optimizer> optimizers, List<List<WeightSpec>> weights) {

    /** @return the trace of a step that uses the compiled optimizer alone */
    static TrainStepTrace none() {
        return new TrainStepTrace(List.of(), List.of());
    }

    static TrainStepTrace of(ModelGraph model, CompileConfig config, TrainStepGraph.StepFunction step) {
        try (Graph scratch = new Graph()) {
            Ops tf = Ops.create(scratch);
            List<Operand<? extends TNumber>> x = new ArrayList<>();
            for (KerasTensor input : model.network().inputs()) {
                x.add(tf.placeholder(InputTypes.of(input.dtype()), Placeholder.shape(Shape.of(Tensors.withBatch(-1, input.shape())))));
            }
            List<Operand<? extends TNumber>> y = new ArrayList<>();
            for (TargetFormat format : TargetFormat.of(config, model.outputShapes())) {
                y.add(format.classIndices() ? tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)))
                        : tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(Tensors.withBatch(-1, format.sampleShape())))));
            }
            Map<WeightSpec, Operand<TFloat32>> values = new IdentityHashMap<>();
            for (WeightSpec spec : model.weightSpecs()) {
                values.put(spec, placeholder(tf, spec.shape()));
            }
            OptimizerStates states = new OptimizerStates(new OptimizerStates.Source() {
                @Override
                @SuppressWarnings("unchecked")
                public Operand<TFloat32>[] newOptimizer(Optimizer optimizer) {
                    return new Operand[] {placeholder(tf, new long[0]), placeholder(tf, new long[0])};
                }

                @Override
                public List<Operand<TFloat32>> newSlots(Optimizer optimizer, WeightSpec weight) {
                    List<Operand<TFloat32>> slots = new ArrayList<>();
                    for (int s = 0; s < optimizer.slotsPerWeight(); s++) {
                        slots.add(placeholder(tf, optimizer.slotShape(s, weight.shape())));
                    }
                    return slots;
                }
            });
            Optimizer compiled = config.optimizer();
            states.iteration(compiled); // the compiled optimizer comes first and keeps slots for every trainable weight
            TrainStepGraph graph = new TrainStepGraph(tf, model, config, x, y, values, states);
            for (WeightSpec spec : graph.trainableWeights()) {
                states.slots(compiled, spec);
            }
            step.build(graph);
            List<Optimizer> others = new ArrayList<>();
            List<List<WeightSpec>> weights = new ArrayList<>();
            for (Optimizer optimizer : states.optimizers()) {
                if (optimizer != compiled) {
                    others.add(optimizer);
                    weights.add(states.weightsOf(optimizer));
                }
            }
            return new TrainStepTrace(others, weights);
        }
    }

    private static Operand<TFloat32> placeholder(Ops tf, long[] shape) {
        return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
    }
}
