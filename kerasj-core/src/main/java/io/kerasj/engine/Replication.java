package io.kerasj.engine;

import io.kerasj.runtime.CollectiveAllReduce;
import io.kerasj.runtime.TargetSession;
import io.kerasj.runtime.TensorFlowServer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One worker of a synchronous data-parallel group (between-graph replication, as {@code MultiWorkerMirroredStrategy}):
 * the worker's own TensorFlow server, the group's size and key. Each worker builds the same graph in its own session
 * on its own server; the gradients of every step are averaged across the group by {@link CollectiveAllReduce}.
 *
 * <p>Every worker must build its collectives in the same order: instance keys are handed out by a counter per graph,
 * which is the same on every worker because every worker runs the same code on data of the same shapes.
 */
public final class Replication {

    private final TensorFlowServer server;
    private final int groupKey;
    private final float timeoutSeconds;

    /**
     * @param server this worker's running server
     * @param timeoutSeconds how long a collective waits for the other workers before the step fails
     */
    public Replication(TensorFlowServer server, float timeoutSeconds) {
        this.server = server;
        this.timeoutSeconds = timeoutSeconds;
        // one key per cluster, so that groups on servers a JVM keeps from earlier clusters never meet
        this.groupKey = 1 + (String.join(",", server.cluster()).hashCode() & 0x3fffffff);
    }

    /** @return how many workers train together */
    public int groupSize() {
        return server.cluster().size();
    }

    /** @return this worker's task index; 0 is the chief */
    public int taskIndex() {
        return server.taskIndex();
    }

    /** @return this worker's server */
    public TensorFlowServer server() {
        return server;
    }

    /**
     * @param graph a graph of this worker
     * @param config the model's session configuration
     * @return a session on this worker's server that sees only this worker's devices
     */
    Session openSession(Graph graph, ConfigProto config) {
        // resources stay with the session, so a later model on the same server never meets this one's variables
        ConfigProto isolated = config.toBuilder().setIsolateSessionState(true).build();
        return TargetSession.open(graph, server.target(), server.sessionConfig(isolated));
    }

    /**
     * The mean of each tensor across the group, in one all-reduce of their concatenation (as
     * {@code MultiWorkerMirroredStrategy} packs gradients).
     *
     * @param tf the ops of the graph or loop body
     * @param values this worker's tensors
     * @param instanceKey the all-reduce's key, from the graph's counter
     * @return the group's means, shaped as {@code values}
     */
    List<Operand<TFloat32>> allReduceMean(Ops tf, List<Operand<TFloat32>> values, int instanceKey) {
        if (values.isEmpty()) {
            return values;
        }
        List<Operand<TFloat32>> flat = new ArrayList<>();
        List<Operand<TInt32>> shapes = new ArrayList<>();
        List<Operand<TInt32>> sizes = new ArrayList<>();
        for (Operand<TFloat32> value : values) {
            flat.add(tf.reshape(value, tf.constant(new int[] {-1})));
            shapes.add(tf.shape(value));
            sizes.add(tf.size(value));
        }
        Operand<TFloat32> packed = flat.size() == 1 ? flat.get(0) : tf.concat(flat, tf.constant(0));
        Operand<TFloat32> reduced = CollectiveAllReduce.of(tf, packed, groupSize(), groupKey, instanceKey,
                CollectiveAllReduce.Reduction.MEAN, timeoutSeconds);
        if (values.size() == 1) {
            return List.of(tf.reshape(reduced, shapes.get(0)));
        }
        List<org.tensorflow.Output<TFloat32>> parts = tf.splitV(reduced, tf.stack(sizes), tf.constant(0), (long) values.size()).output();
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(tf.reshape(parts.get(i), shapes.get(i)));
        }
        return out;
    }

    /**
     * The chief's values on every worker ({@code MultiWorkerMirroredStrategy} broadcasts the chief's initial weights):
     * an all-reduce sum to which the others contribute zeros.
     *
     * @param tf the graph's ops
     * @param value this worker's value
     * @param instanceKey the all-reduce's key
     * @return the chief's value
     */
    Operand<TFloat32> fromChief(Ops tf, Operand<TFloat32> value, int instanceKey) {
        Operand<TFloat32> mine = taskIndex() == 0 ? value : tf.zerosLike(value);
        return CollectiveAllReduce.of(tf, mine, groupSize(), groupKey, instanceKey, CollectiveAllReduce.Reduction.SUM,
                timeoutSeconds);
    }
}
