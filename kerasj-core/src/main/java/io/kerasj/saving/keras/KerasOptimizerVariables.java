package io.kerasj.saving.keras;

import io.kerasj.optimizers.Adagrad;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.AdamW;
import io.kerasj.optimizers.Nadam;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.RMSprop;
import io.kerasj.optimizers.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where each of a KerasJ optimizer's slots goes in Keras 3's {@code optimizer/vars} ({@code model.optimizer.variables}
 * after the iteration and the learning rate), and back.
 *
 * <p>KerasJ keeps {@link Optimizer#slotsPerWeight()} slots per trainable weight, grouped by weight. Keras 3 creates its
 * variables in {@code build} with {@code add_optimizer_variables(weights, names)}, which makes, for each trainable
 * weight in turn, one variable per name of the call; each call's variables follow the previous call's:
 * <ul>
 *   <li>SGD with momentum: one call, {@code momentum}.
 *   <li>Adam, AdamW: one call, {@code [momentum, velocity]}: m0, v0, m1, v1, ...
 *   <li>RMSprop: one call per kind: all {@code velocity}, then all {@code momentum} (momentum &gt; 0), then all
 *       {@code average_gradient} (centered).
 *   <li>Adagrad: one call, {@code accumulator}.
 *   <li>Nadam: one call, {@code [momentum, velocity]}, then one scalar {@code _u_product} (the momentum-cache product)
 *       for all weights, of which KerasJ keeps an equal copy per weight.
 * </ul>
 */
final class KerasOptimizerVariables {
    /** The weight index of a variable Keras keeps once for all weights. */
    private static final int SHARED = -1;

    private final Optimizer optimizer;
    private final int[][] calls;
    private final int[] shared;

    /** One Keras variable: the KerasJ slot {@code slot} of the trainable weight {@code weight}, or of all ({@link #SHARED}). */
    private record Entry(int weight, int slot) {
    }

    private KerasOptimizerVariables(Optimizer optimizer, int[][] calls, int[] shared) {
        this.optimizer = optimizer;
        this.calls = calls;
        this.shared = shared;
    }

    /**
     * @param optimizer a KerasJ optimizer
     * @return its Keras 3 variable order, or empty for an optimizer Keras does not have (its state is then not saved)
     */
    static Optional<KerasOptimizerVariables> of(Optimizer optimizer) {
        int[][] calls;
        int[] shared = {};
        if (optimizer instanceof SGD || optimizer instanceof Adam || optimizer instanceof AdamW || optimizer instanceof Adagrad) {
            calls = optimizer.slotsPerWeight() == 0 ? new int[0][] : new int[][] {slotRange(optimizer.slotsPerWeight())};
        } else if (optimizer instanceof RMSprop) {
            // KerasJ's slots are velocity, momentum if any, average gradient if centered: the order of Keras's calls
            calls = Arrays.stream(slotRange(optimizer.slotsPerWeight())).mapToObj(s -> new int[] {s}).toArray(int[][]::new);
        } else if (optimizer instanceof Nadam) {
            calls = new int[][] {{0, 1}};
            shared = new int[] {2};
        } else {
            return Optional.empty();
        }
        return Optional.of(new KerasOptimizerVariables(optimizer, calls, shared));
    }

    private static int[] slotRange(int n) {
        int[] slots = new int[n];
        Arrays.setAll(slots, i -> i);
        return slots;
    }

    private List<Entry> entries(int weights) {
        List<Entry> out = new ArrayList<>();
        for (int[] call : calls) {
            for (int w = 0; w < weights; w++) {
                for (int slot : call) {
                    out.add(new Entry(w, slot));
                }
            }
        }
        for (int slot : shared) {
            out.add(new Entry(SHARED, slot));
        }
        return out;
    }

    /**
     * @param weightShapes the shapes of the model's trainable weights, in order
     * @return the shapes of Keras's variables after the iteration and the learning rate, in Keras's order
     */
    List<long[]> shapes(List<long[]> weightShapes) {
        return entries(weightShapes.size()).stream()
                .map(e -> e.weight() == SHARED ? new long[0] : optimizer.slotShape(e.slot(), weightShapes.get(e.weight())))
                .toList();
    }

    /**
     * @param weightShapes the shapes of the model's trainable weights, in order
     * @return a fresh optimizer's slots in KerasJ's order (each slot's initial value)
     */
    List<float[]> fresh(List<long[]> weightShapes) {
        List<float[]> out = new ArrayList<>();
        for (long[] shape : weightShapes) {
            for (int s = 0; s < optimizer.slotsPerWeight(); s++) {
                float[] values = new float[Math.toIntExact(Arrays.stream(optimizer.slotShape(s, shape)).reduce(1, (a, b) -> a * b))];
                Arrays.fill(values, optimizer.initialSlotValue(s));
                out.add(values);
            }
        }
        return out;
    }

    /**
     * @param slots KerasJ's slots (without the step count), {@link Optimizer#slotsPerWeight()} per weight
     * @param weights how many trainable weights
     * @return the same values as Keras's variables after the iteration and the learning rate, in Keras's order
     */
    List<float[]> toKeras(List<float[]> slots, int weights) {
        int per = optimizer.slotsPerWeight();
        return entries(weights).stream().map(e -> e.weight() != SHARED ? slots.get(e.weight() * per + e.slot())
                : weights > 0 ? slots.get(e.slot()) : new float[] {optimizer.initialSlotValue(e.slot())}).toList();
    }

    /**
     * @param keras Keras's variables after the iteration and the learning rate, in Keras's order
     * @param weights how many trainable weights
     * @return KerasJ's slots (without the step count), {@link Optimizer#slotsPerWeight()} per weight
     */
    List<float[]> fromKeras(List<float[]> keras, int weights) {
        int per = optimizer.slotsPerWeight();
        float[][] slots = new float[weights * per][];
        List<Entry> entries = entries(weights);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            for (int w = 0; w < weights; w++) {
                if (e.weight() == w || e.weight() == SHARED) {
                    slots[w * per + e.slot()] = keras.get(i).clone();
                }
            }
        }
        return Arrays.asList(slots);
    }
}
