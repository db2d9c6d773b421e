package io.kerasj.runtime;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewServer;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_ServerStart;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_ServerTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.internal.c_api.TF_Server;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * One in-process TensorFlow gRPC server (Python's {@code tf.distribute.Server}): task {@code taskIndex} of the job
 * {@code worker} in a cluster of {@code host:port} addresses, started through the C API ({@code TF_NewServer},
 * {@code TF_ServerStart}). Sessions reach it by its {@link #target()} ({@link TargetSession}).
 *
 * <p>TensorFlow cannot stop a gRPC server cleanly ({@code GrpcServer::Stop} answers "Unimplemented"), so a started
 * server lives as long as the JVM, and one is kept per address: asking again for the same task of the same cluster
 * returns the server already running.
 */
public final class TensorFlowServer {

    /** The job name every KerasJ cluster uses, as {@code MultiWorkerMirroredStrategy}'s {@code TF_CONFIG} does. */
    public static final String JOB = "worker";

    private static final Map<String, TensorFlowServer> RUNNING = new ConcurrentHashMap<>();

    private final List<String> cluster;
    private final int taskIndex;
    private final String target;
    @SuppressWarnings("unused") // kept reachable: the native server must never be freed while the JVM runs
    private final TF_Server handle;

    private TensorFlowServer(List<String> cluster, int taskIndex, TF_Server handle, String target) {
        this.cluster = cluster;
        this.taskIndex = taskIndex;
        this.handle = handle;
        this.target = target;
    }

    /**
     * Starts the server of one task, or returns the one this JVM already runs for it.
     *
     * @param cluster every worker's {@code host:port}, in task order
     * @param taskIndex this task's position in {@code cluster}
     * @return the running server
     * @throws IllegalArgumentException if the task index is outside the cluster
     * @throws IllegalStateException if TensorFlow refuses to start it (a port in use, a bad address)
     */
    public static TensorFlowServer start(List<String> cluster, int taskIndex) {
        if (taskIndex < 0 || taskIndex >= cluster.size()) {
            throw new IllegalArgumentException("taskIndex: expected 0 to " + (cluster.size() - 1) + ", found " + taskIndex);
        }
        List<String> workers = List.copyOf(cluster);
        return RUNNING.computeIfAbsent(workers.get(taskIndex) + "#" + String.join(",", workers),
                key -> create(workers, taskIndex));
    }

    private static TensorFlowServer create(List<String> cluster, int taskIndex) {
        NativeRuntime.ensureLoaded();
        JobDef.Builder job = JobDef.newBuilder().setName(JOB);
        for (int i = 0; i < cluster.size(); i++) {
            job.putTasks(i, cluster.get(i));
        }
        byte[] def = ServerDef.newBuilder()
                .setCluster(ClusterDef.newBuilder().addJob(job))
                .setJobName(JOB)
                .setTaskIndex(taskIndex)
                .setProtocol("grpc")
                // the collectives' resolver reads its group leader from the server's configuration, not the session's
                .setDefaultSessionConfig(ConfigProto.newBuilder().setExperimental(
                        ConfigProto.Experimental.newBuilder().setCollectiveGroupLeader(deviceOf(0))))
                .build().toByteArray();
        TF_Status status = TF_NewStatus();
        try (BytePointer bytes = new BytePointer(def)) {
            TF_Server server = TF_NewServer(bytes, def.length, status);
            check(status, "TF_NewServer for task " + taskIndex + " at " + cluster.get(taskIndex));
            TF_ServerStart(server, status);
            check(status, "TF_ServerStart for task " + taskIndex + " at " + cluster.get(taskIndex));
            String target = TF_ServerTarget(server).getString();
            return new TensorFlowServer(cluster, taskIndex, server, target);
        } finally {
            TF_DeleteStatus(status);
        }
    }

    /**
     * A port the system has just found free on this host: bound to port 0, read back and released, as
     * {@code spark-tensorflow-distributor} picks its workers' ports. Another process could take it in between; the
     * server's start then fails and says so.
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }

    static void check(TF_Status status, String what) {
        if (TF_GetCode(status) != TF_OK) {
            throw new IllegalStateException(what + " failed: " + TF_Message(status).getString());
        }
    }

    /** @return the address sessions connect to, {@code grpc://host:port} */
    public String target() {
        return target;
    }

    /** @return every worker's address, in task order */
    public List<String> cluster() {
        return cluster;
    }

    /** @return this server's task */
    public int taskIndex() {
        return taskIndex;
    }

    /** @return this task's device prefix, {@code /job:worker/replica:0/task:i} */
    public String device() {
        return deviceOf(taskIndex);
    }

    /**
     * The configuration of a session on this server for between-graph replication, as {@code MultiWorkerMirroredStrategy}
     * makes it: the session sees only this task's devices (so every op of its graph runs here), and task 0 leads the
     * collectives' groups.
     *
     * @param base the model's configuration (threads, XLA)
     * @return {@code base} with the device filter and the group leader
     */
    public ConfigProto sessionConfig(ConfigProto base) {
        return base.toBuilder()
                .clearDeviceFilters()
                .addDeviceFilters("/job:" + JOB + "/task:" + taskIndex)
                .setExperimental(base.getExperimental().toBuilder().setCollectiveGroupLeader(deviceOf(0)))
                .build();
    }

    /**
     * @param task a task of the cluster
     * @return its device prefix
     */
    public static String deviceOf(int task) {
        return "/job:" + JOB + "/replica:0/task:" + task;
    }
}
