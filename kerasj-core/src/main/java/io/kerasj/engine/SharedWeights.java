package io.kerasj.engine;

import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.layers.WeightStore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.tensorflow.types.TFloat32;

/**
 * Where each weight's current value lives, so that a layer used by several models has one set of weights, as in
 * Keras. Every model has a graph of its own with a variable per weight; the graph that last used a weight holds its
 * current value (its home). Before a graph runs, it {@link #claim}s its weights: those last changed elsewhere are
 * copied in. When a graph closes, the values it holds are kept here in Java arrays, so that the other models still
 * have them. Weights are keys by identity ({@link WeightSpec} compares by identity), held weakly.
 */
public final class SharedWeights implements WeightStore {
    /** The one store every layer of every model reads and writes through. */
    public static final SharedWeights STORE = new SharedWeights();

    private static final Object LOCK = new Object();
    private static final Map<WeightSpec, Residence> RESIDENCES = new WeakHashMap<>();

    /** A weight's home graph, or its value in Java once no graph holds it. */
    private static final class Residence {
        private ModelGraph home;
        private float[] detached;
    }

    private SharedWeights() {
    }

    /**
     * Takes the weights into a new graph: a weight with a value elsewhere keeps it (copied in), a new one starts
     * from its first value.
     *
     * @param graph the new graph
     * @param specs its weights, in its variable order
     * @param firstValues the first values of each, drawn from the model's seed, used for new weights only
     */
    static void adopt(ModelGraph graph, List<WeightSpec> specs, List<float[]> firstValues) {
        synchronized (LOCK) {
            float[][] values = new float[specs.size()][];
            Map<ModelGraph, List<Integer>> byHome = new java.util.IdentityHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                Residence r = RESIDENCES.computeIfAbsent(specs.get(i), s -> new Residence());
                if (r.home != null) {
                    byHome.computeIfAbsent(r.home, h -> new ArrayList<>()).add(i);
                } else {
                    values[i] = r.detached != null ? r.detached : firstValues.get(i);
                }
            }
            byHome.forEach((home, indices) -> { // one read per graph that holds some of the values
                List<ResourceVariable<TFloat32>> variables = new ArrayList<>();
                indices.forEach(i -> variables.add(home.variableOf(specs.get(i))));
                List<float[]> read = home.read(variables);
                for (int k = 0; k < indices.size(); k++) {
                    values[indices.get(k)] = read.get(k);
                }
            });
            graph.assign(graph.variablesOf(specs), java.util.Arrays.asList(values));
            for (WeightSpec spec : specs) {
                Residence r = RESIDENCES.get(spec);
                r.home = graph;
                r.detached = null;
            }
        }
    }

    /**
     * Makes a graph the home of its weights before it runs, copying in the values last changed by other graphs.
     *
     * @param graph the graph about to run
     * @param specs its weights
     */
    static void claim(ModelGraph graph, List<WeightSpec> specs) {
        synchronized (LOCK) {
            List<WeightSpec> stale = new ArrayList<>();
            for (WeightSpec spec : specs) {
                if (RESIDENCES.get(spec).home != graph) {
                    stale.add(spec);
                }
            }
            if (!stale.isEmpty()) {
                adopt(graph, stale, null);
            }
        }
    }

    /**
     * Keeps the values a closing graph holds, for the other models that use those weights.
     *
     * @param graph the graph about to close
     * @param specs its weights
     */
    static void release(ModelGraph graph, List<WeightSpec> specs) {
        synchronized (LOCK) {
            List<WeightSpec> homed = new ArrayList<>();
            for (WeightSpec spec : specs) {
                Residence r = RESIDENCES.get(spec);
                if (r != null && r.home == graph) {
                    homed.add(spec);
                }
            }
            List<float[]> values = graph.read(graph.variablesOf(homed));
            for (int i = 0; i < homed.size(); i++) {
                Residence r = RESIDENCES.get(homed.get(i));
                r.home = null;
                r.detached = values.get(i);
            }
        }
    }

    /**
     * @param layer a layer
     * @return true when every weight of the layer has a value (some model's graph made it)
     */
    public boolean hasValues(Layer layer) {
        synchronized (LOCK) {
            for (WeightSpec spec : layer.weightSpecs()) {
                Residence r = RESIDENCES.get(spec);
                if (r == null || (r.home == null && r.detached == null)) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public List<float[]> read(Layer layer) {
        synchronized (LOCK) {
            List<WeightSpec> specs = layer.weightSpecs();
            float[][] values = new float[specs.size()][];
            Map<ModelGraph, List<Integer>> byHome = new java.util.IdentityHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                Residence r = residence(layer, specs.get(i));
                if (r.home != null) {
                    byHome.computeIfAbsent(r.home, h -> new ArrayList<>()).add(i);
                } else {
                    values[i] = r.detached.clone();
                }
            }
            byHome.forEach((home, indices) -> { // one run per graph that holds some of them
                List<ResourceVariable<TFloat32>> variables = new ArrayList<>();
                indices.forEach(i -> variables.add(home.variableOf(specs.get(i))));
                List<float[]> read = home.read(variables);
                for (int k = 0; k < indices.size(); k++) {
                    values[indices.get(k)] = read.get(k);
                }
            });
            return new ArrayList<>(java.util.Arrays.asList(values));
        }
    }

    @Override
    public void write(Layer layer, List<float[]> values) {
        writeAll(Map.of(layer, values));
    }

    /**
     * Writes the weights of many layers with one assignment run per home graph: a file's weights load in one
     * {@code Session.run} instead of one per weight (each run of a new set of feeds costs TensorFlow a pass over the
     * whole graph, which made a 400-layer network take tens of seconds to load).
     *
     * @param values each layer's new values, in its {@link Layer#weightSpecs()} order, checked for size by the caller
     */
    public void writeAll(Map<Layer, List<float[]>> values) {
        synchronized (LOCK) {
            values.forEach((layer, v) -> {
                for (int i = 0; i < v.size(); i++) {
                    InputChecks.finite(layer.name() + " weights[" + i + "]", v.get(i));
                }
            });
            Map<ModelGraph, List<ResourceVariable<TFloat32>>> variables = new LinkedHashMap<>();
            Map<ModelGraph, List<float[]>> assigned = new IdentityHashMap<>();
            values.forEach((layer, v) -> {
                List<WeightSpec> specs = layer.weightSpecs();
                for (int i = 0; i < specs.size(); i++) {
                    Residence r = residence(layer, specs.get(i));
                    if (r.home != null) {
                        variables.computeIfAbsent(r.home, h -> new ArrayList<>()).add(r.home.variableOf(specs.get(i)));
                        assigned.computeIfAbsent(r.home, h -> new ArrayList<>()).add(v.get(i));
                    } else {
                        r.detached = v.get(i).clone();
                    }
                }
            });
            variables.forEach((home, vars) -> home.assign(vars, assigned.get(home)));
        }
    }

    private static Residence residence(Layer layer, WeightSpec spec) {
        Residence r = RESIDENCES.get(spec);
        if (r == null || (r.home == null && r.detached == null)) {
            throw new IllegalStateException("layer " + layer.name() + ": weights do not exist until the layer is part of a built model");
        }
        return r;
    }
}
