package io.kerasj.engine;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The model's one learning rate: a float64 variable of the model's graph, which every training program reads (as
 * float32) once per chunk, so that a callback can change it between chunks without rebuilding anything (Keras's
 * {@code model.optimizer.learning_rate}). It is float64 so that reading it back gives exactly the value set. While
 * the graph does not exist yet (after compile, before the first run), the value waits here and goes into the
 * variable when the graph is made; the optimizer record keeps only the compiled initial rate.
 */
final class LearningRate {
    private static final String NAME = "learning_rate";

    private ModelGraph graph;
    private ResourceVariable<TFloat64> variable;
    private double waiting = Double.NaN;

    /** @return the current learning rate */
    double get() {
        if (variable == null) {
            return waiting;
        }
        try (Result result = graph.session().runner().fetch(variable.read()).run()) {
            return ((TFloat64) result.get(0)).getDouble();
        }
    }

    /** @param value the learning rate the next chunks use */
    void set(double value) {
        if (variable == null) {
            waiting = value;
            return;
        }
        try (TFloat64 tensor = TFloat64.scalarOf(value)) {
            graph.session().runner().feed(variable.feed(), tensor).addTarget(variable.assign()).run().close();
        }
    }

    /** Makes the variable in a new graph, holding the current rate. */
    void placeIn(ModelGraph newGraph) {
        double value = get();
        graph = newGraph;
        variable = new ResourceVariable<>(newGraph.ops(), NAME, TFloat64.class, new long[0]);
        set(value);
    }

    /** Keeps the rate before the graph is closed. */
    void leaveGraph() {
        waiting = get();
        graph = null;
        variable = null;
    }

    /** @return the rate as the training step takes it, read once per run of a program built with {@code tf} */
    Operand<TFloat32> read(Ops tf) {
        return tf.dtypes.cast(variable.read(), TFloat32.class);
    }
}
