package io.kerasj.spark;

import io.kerasj.models.MultiWorkerMirroredStrategy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * Synchronous data-parallel training on Spark with the JVM on both ends, as {@code spark-tensorflow-distributor}'s
 * {@code MirroredStrategyRunner} does it for Python: one barrier stage of N tasks ({@code rdd.barrier()
 * .mapPartitionsWithIndex}); each task picks a free port, {@code BarrierTaskContext.allGather} exchanges the workers'
 * addresses, each starts its TensorFlow gRPC server through a {@link MultiWorkerMirroredStrategy} and runs the user's
 * training function on its own partition. Gradients are all-reduced every step by TensorFlow's collectives; Spark only
 * places the workers and tells them of each other.
 *
 * <p>The partitions become the workers' shards. Every worker must run as many steps, so each gets the first
 * {@code min(partition sizes)} rows of its partition (the runner counts them first, in a cheap job of its own). The
 * function writes only on the chief ({@link Worker#isChief()}): History, TensorBoard logs, checkpoints, the model. A
 * barrier stage fails as a whole when one task fails (the others' collectives time out), and Spark retries it whole
 * (up to {@code spark.stage.maxConsecutiveAttempts}); with a {@code BackupAndRestore} on a shared directory given to
 * every worker, the retry resumes from the last finished epoch.
 *
 * @see MultiWorkerMirroredStrategy what is synchronized
 */
public final class MirroredStrategyRunner implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numSlots;
    private float timeoutSeconds = MultiWorkerMirroredStrategy.DEFAULT_TIMEOUT_SECONDS;

    /**
     * @param numSlots how many workers (barrier tasks); the data must have this many partitions
     * @throws IllegalArgumentException if it is not positive
     */
    public MirroredStrategyRunner(int numSlots) {
        if (numSlots <= 0) {
            throw new IllegalArgumentException("numSlots: expected a positive number of workers, found " + numSlots);
        }
        this.numSlots = numSlots;
    }

    /**
     * @param seconds how long a worker's step waits for the others before it fails, so that a dead worker fails the
     *                stage (default {@value MultiWorkerMirroredStrategy#DEFAULT_TIMEOUT_SECONDS})
     * @return this runner
     * @throws IllegalArgumentException if not positive
     */
    public MirroredStrategyRunner timeoutSeconds(float seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("timeoutSeconds: expected a positive number, found " + seconds);
        }
        this.timeoutSeconds = seconds;
        return this;
    }

    /** A worker's training, run once per barrier task; it returns what the driver gets from the chief. */
    @FunctionalInterface
    public interface TrainFunction<T, R extends Serializable> extends Serializable {
        /**
         * @param worker this worker: its strategy and its shard
         * @return a result (the driver keeps the chief's)
         * @throws Exception to fail the stage
         */
        R train(Worker<T> worker) throws Exception;
    }

    /**
     * One barrier task's view: its strategy (to give the model before it first runs) and its shard.
     *
     * @param <T> the element type of the data
     */
    public static final class Worker<T> {
        private final MultiWorkerMirroredStrategy strategy;
        private final List<T> shard;

        Worker(MultiWorkerMirroredStrategy strategy, List<T> shard) {
            this.strategy = strategy;
            this.shard = List.copyOf(shard);
        }

        /** @return this worker's strategy: {@code model.distributeStrategy(worker.strategy())} */
        public MultiWorkerMirroredStrategy strategy() {
            return strategy;
        }

        /** @return this worker's rows, as many as every other worker's */
        public List<T> shard() {
            return shard;
        }

        /** @return true for task 0, the only worker that writes */
        public boolean isChief() {
            return strategy.isChief();
        }

        /** @return this worker's task index */
        public int taskIndex() {
            return strategy.taskIndex();
        }

        /** @return how many workers train together */
        public int numWorkers() {
            return strategy.numReplicasInSync();
        }
    }

    /**
     * Runs the training on {@code numSlots} barrier tasks, one per partition of {@code data}.
     *
     * @param data the training rows, in {@code numSlots} partitions (one shard per worker)
     * @param train the training of one worker
     * @param <T> the element type
     * @param <R> the result type
     * @return the chief's result
     * @throws IllegalArgumentException if {@code data} has another number of partitions
     */
    public <T, R extends Serializable> R run(JavaRDD<T> data, TrainFunction<T, R> train) {
        if (data.getNumPartitions() != numSlots) {
            throw new IllegalArgumentException("data: expected " + numSlots + " partitions (one per worker), found "
                    + data.getNumPartitions() + "; repartition it first");
        }
        List<Integer> sizes = data.mapPartitions(rows -> {
            int n = 0;
            for (; rows.hasNext(); rows.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        int rows = sizes.stream().mapToInt(Integer::intValue).min().orElse(0);
        RDD<T> rdd = data.rdd();
        ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
        RDD<Object> trained = rdd.barrier().mapPartitionsWithIndex(new BarrierTask<>(train, rows, timeoutSeconds), false, tag);
        // A shuffle after the barrier stage makes it a map stage, which Spark retries whole when a task fails; a failed
        // barrier result stage is aborted instead ("Could not recover from a failed barrier ResultStage").
        List<Object> results = new JavaRDD<>(trained, tag).repartition(1).collect();
        if (results.size() != 1) {
            throw new IllegalStateException("expected the chief's result alone, found " + results.size());
        }
        @SuppressWarnings("unchecked")
        R chief = (R) results.get(0);
        return chief;
    }

    /**
     * @param address a barrier task's address as Spark gives it: {@code host:port}, {@code [v6]:port} or a host
     * @return the host, as a gRPC address takes it
     */
    static String host(String address) {
        if (address.startsWith("[")) {
            return address.substring(0, address.indexOf(']') + 1);
        }
        int colon = address.indexOf(':');
        if (colon >= 0 && colon == address.lastIndexOf(':')) {
            return address.substring(0, colon);
        }
        return colon >= 0 ? "[" + address + "]" : address; // a bare IPv6 address
    }

    /** What each barrier task runs: address exchange, the server, the training. */
    private static final class BarrierTask<T, R extends Serializable>
            extends AbstractFunction2<Object, scala.collection.Iterator<T>, scala.collection.Iterator<Object>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final TrainFunction<T, R> train;
        private final int rows;
        private final float timeoutSeconds;

        BarrierTask(TrainFunction<T, R> train, int rows, float timeoutSeconds) {
            this.train = train;
            this.rows = rows;
            this.timeoutSeconds = timeoutSeconds;
        }

        @Override
        public scala.collection.Iterator<Object> apply(Object partition, scala.collection.Iterator<T> input) {
            BarrierTaskContext context = BarrierTaskContext.get();
            int task = context.partitionId();
            String host = host(context.getTaskInfos()[task].address());
            String mine = host + ":" + MultiWorkerMirroredStrategy.freePort();
            List<String> cluster = List.of(context.allGather(mine)); // in partition order
            List<T> shard = new ArrayList<>(rows);
            Iterator<T> it = scala.jdk.javaapi.CollectionConverters.asJava(input);
            while (shard.size() < rows && it.hasNext()) {
                shard.add(it.next());
            }
            MultiWorkerMirroredStrategy strategy = new MultiWorkerMirroredStrategy(cluster, task, timeoutSeconds);
            R result;
            try {
                result = train.train(new Worker<>(strategy, shard));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("worker " + task + " failed: " + e.getMessage(), e);
            }
            context.barrier(); // no worker leaves before all finished their collectives
            List<Object> out = task == 0 ? List.of((Object) result) : List.of();
            return scala.jdk.javaapi.CollectionConverters.asScala(out.iterator());
        }
    }
}
