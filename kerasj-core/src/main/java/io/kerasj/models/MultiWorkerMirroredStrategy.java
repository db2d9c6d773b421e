package io.kerasj.models;

import io.kerasj.engine.Replication;
import io.kerasj.runtime.CollectiveAllReduce;
import io.kerasj.runtime.TensorFlowServer;
import java.util.List;

/**
 * Synchronous data-parallel training across workers, TensorFlow's {@code MultiWorkerMirroredStrategy} for KerasJ:
 * each worker (a JVM, a Spark task, or a thread) runs one of these with the same cluster and its own task index,
 * builds the same model, gives it this strategy ({@link Model#distributeStrategy}) and fits on its own shard of the
 * data. Each worker's session runs on its own TensorFlow gRPC server; every training step all-reduces (averages) the
 * gradients across the workers with TensorFlow's {@code CollectiveReduceV2}, inside the in-graph training loop, so all
 * workers keep the same weights. The chief (task 0) leads the collectives, and its initial weights are broadcast to
 * the others when each fit starts.
 *
 * <p>What is synchronized: the trainable weights (through their gradients: each worker's batch of size {@code b}
 * makes a global batch of {@code b * workers}, so use the global batch's learning rate) and the weights at each fit's
 * start. What is not: non-trainable weights that layers write while training (BatchNormalization's moving mean and
 * variance follow each worker's own batches, as Keras's BatchNormalization does under {@code MultiWorkerMirroredStrategy}
 * without {@code synchronized=True}; the chief's are the ones saved). The logged loss and metrics are the group's:
 * each chunk's sums are averaged across the workers, as Keras reduces metrics across replicas (validation runs on
 * each worker's own validation data). Every worker must run the same number of steps (checked when the fit starts) and the same
 * options; a callback that stops training early must stop every worker alike. Callbacks' batch periods do not split
 * chunks in a data-parallel fit (all workers end their chunks at the same steps).
 */
public final class MultiWorkerMirroredStrategy {

    /** How long a step waits by default for the other workers before it fails, in seconds. */
    public static final float DEFAULT_TIMEOUT_SECONDS = CollectiveAllReduce.TIMEOUT_SECONDS;

    private final Replication replication;

    /**
     * Starts this worker's TensorFlow server (or takes the one this JVM already runs for it).
     *
     * @param cluster every worker's {@code host:port}, in task order (as {@code TF_CONFIG}'s {@code cluster.worker})
     * @param taskIndex this worker's position in {@code cluster}; 0 is the chief
     * @throws IllegalArgumentException if the cluster is empty or the index outside it
     */
    public MultiWorkerMirroredStrategy(List<String> cluster, int taskIndex) {
        this(cluster, taskIndex, DEFAULT_TIMEOUT_SECONDS);
    }

    /**
     * @param cluster every worker's {@code host:port}, in task order
     * @param taskIndex this worker's position in {@code cluster}; 0 is the chief
     * @param timeoutSeconds how long a step waits for the other workers before it fails (TensorFlow's collective
     *                       {@code timeout_seconds}; default {@value #DEFAULT_TIMEOUT_SECONDS}): a dead worker
     *                       fails the others after this long
     * @throws IllegalArgumentException if the cluster is empty, the index outside it or the timeout not positive
     */
    public MultiWorkerMirroredStrategy(List<String> cluster, int taskIndex, float timeoutSeconds) {
        if (cluster.isEmpty()) {
            throw new IllegalArgumentException("cluster: expected at least one worker address, found none");
        }
        if (!(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("timeoutSeconds: expected a positive number, found " + timeoutSeconds);
        }
        this.replication = new Replication(TensorFlowServer.start(cluster, taskIndex), timeoutSeconds);
    }

    /**
     * @return a port the system found free on this host, for this worker's address before the cluster is known
     */
    public static int freePort() {
        return TensorFlowServer.freePort();
    }

    /** @return how many workers train together (Keras's {@code num_replicas_in_sync}) */
    public int numReplicasInSync() {
        return replication.groupSize();
    }

    /** @return this worker's task index */
    public int taskIndex() {
        return replication.taskIndex();
    }

    /** @return true for task 0, the worker that writes History, logs, checkpoints and the model */
    public boolean isChief() {
        return replication.taskIndex() == 0;
    }

    /** @return this worker's TensorFlow server target, {@code grpc://host:port} */
    public String target() {
        return replication.server().target();
    }

    Replication replication() {
        return replication;
    }

    @Override
    public String toString() {
        return "MultiWorkerMirroredStrategy[task " + taskIndex() + " of " + numReplicasInSync() + ", " + target() + "]";
    }
}
