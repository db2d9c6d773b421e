package io.kerasj.engine;

import io.kerasj.layers.WeightSpec;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * What a data-parallel worker's graph exchanges with the others outside the training step: the chief's weights when
 * a fit starts, the check that every worker runs as many steps, and the logged sums of each chunk. The ops are built
 * once, in the model's graph, with instance keys from its counter, in the same order on every worker.
 */
final class WorkerSync {
    private final ModelGraph model;
    private final Replication replication;
    private final Map<Integer, Placeholder<TFloat32>> meanFeeds = new HashMap<>();
    private final Map<Integer, Operand<TFloat32>> means = new HashMap<>();
    private Op weightsFromChief;
    private Operand<TFloat32> rowsSum;
    private Placeholder<TFloat32> rowsFeed;

    WorkerSync(ModelGraph model, Replication replication) {
        this.model = model;
        this.replication = replication;
    }

    /**
     * The element-wise mean of a vector across the workers (the logged sums of a chunk, as Keras reduces its metrics
     * across replicas); every worker calls it with vectors of the same length at the same points.
     *
     * @param values this worker's values
     * @return the workers' mean
     */
    double[] meanAcrossWorkers(double[] values) {
        int n = values.length;
        if (!meanFeeds.containsKey(n)) {
            Ops scope = model.ops().withSubScope("replication");
            Placeholder<TFloat32> feed = scope.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n)));
            meanFeeds.put(n, feed);
            means.put(n, replication.allReduceMean(scope, List.of(feed), model.nextInstanceKey()).get(0));
        }
        float[] floats = new float[n];
        for (int i = 0; i < n; i++) {
            floats[i] = (float) values[i];
        }
        try (TFloat32 mine = Tensors.floats(floats, n);
             Result result = model.session().runner().feed(meanFeeds.get(n), mine).fetch(means.get(n)).run()) {
            TFloat32 mean = (TFloat32) result.get(0);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = mean.getFloat(i);
            }
            return out;
        }
    }

    /**
     * Starts a data-parallel fit: every worker takes the chief's weights (as {@code MultiWorkerMirroredStrategy}
     * broadcasts them), and all must have as many training samples, since each step all-reduces once per worker.
     *
     * @param rows this worker's training samples
     * @throws IllegalStateException if the workers' sample counts differ
     */
    void synchronizeWorkers(int rows) {
        if (weightsFromChief == null) {
            Ops scope = model.ops().withSubScope("replication");
            List<Op> assigns = new ArrayList<>();
            for (WeightSpec spec : model.weightSpecs()) {
                ResourceVariable<TFloat32> variable = model.variableOf(spec);
                assigns.add(scope.assignVariableOp(variable.handle(),
                        replication.fromChief(scope, variable.read(), model.nextInstanceKey())));
            }
            weightsFromChief = scope.withControlDependencies(assigns).noOp();
            rowsFeed = scope.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            rowsSum = replication.allReduceMean(scope, List.of(rowsFeed), model.nextInstanceKey()).get(0);
        }
        try (TFloat32 mine = TFloat32.scalarOf(rows);
             Result result = model.session().runner().feed(rowsFeed, mine).fetch(rowsSum).addTarget(weightsFromChief).run()) {
            float mean = ((TFloat32) result.get(0)).getFloat();
            if (mean != rows) {
                throw new IllegalStateException("data-parallel fit: every worker needs as many training samples (the"
                        + " same number of steps); this worker (task " + replication.taskIndex() + ") has " + rows
                        + ", the workers' mean is " + mean);
            }
        }
    }
}
