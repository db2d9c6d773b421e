package io.kerasj.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Two TensorFlow gRPC servers in one JVM, a cluster {@code worker: [localhost:p0, localhost:p1]}; each worker its own
 * graph and session on its own server (between-graph replication), and {@code CollectiveReduceV2} gives every worker
 * the sum, or the mean, of both values.
 */
@org.junit.jupiter.api.Tag("slow")
class CollectiveAllReduceTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoWorkersGetTheSumAndTheMean() throws Exception {
        List<String> cluster = List.of("localhost:" + TensorFlowServer.freePort(), "localhost:" + TensorFlowServer.freePort());
        List<TensorFlowServer> servers = List.of(TensorFlowServer.start(cluster, 0), TensorFlowServer.start(cluster, 1));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (TensorFlowServer server : servers) {
                results.add(workers.submit(() -> run(server)));
            }
            for (Future<float[][]> result : results) {
                float[][] sumAndMean = result.get(50, TimeUnit.SECONDS);
                assertArrayEquals(new float[] {3, 6, 9}, sumAndMean[0]);
                assertArrayEquals(new float[] {1.5f, 3, 4.5f}, sumAndMean[1]);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** Worker i contributes (i + 1) * [1, 2, 3]. */
    private static float[][] run(TensorFlowServer server) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            float k = server.taskIndex() + 1;
            Operand<TFloat32> value = tf.constant(new float[] {k, 2 * k, 3 * k});
            Operand<TFloat32> sum = CollectiveAllReduce.of(tf, value, 2, 1, 1, CollectiveAllReduce.Reduction.SUM);
            Operand<TFloat32> mean = CollectiveAllReduce.of(tf, value, 2, 1, 2, CollectiveAllReduce.Reduction.MEAN);
            ConfigProto config = server.sessionConfig(ConfigProto.getDefaultInstance());
            try (Session session = TargetSession.open(graph, server.target(), config);
                 var result = session.runner().fetch(sum).fetch(mean).run()) {
                return new float[][] {floats((TFloat32) result.get(0)), floats((TFloat32) result.get(1))};
            }
        }
    }

    private static float[] floats(TFloat32 tensor) {
        float[] out = new float[(int) tensor.size()];
        tensor.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
        return out;
    }
}
