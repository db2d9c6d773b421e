package io.kerasj.runtime;

import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's {@code CollectiveReduceV2}, the op {@code MultiWorkerMirroredStrategy}'s all-reduce runs (TensorFlow
 * Java 1.1 generates a class for the communicator-based V3 only, so this builds V2 by name). Every member of the group
 * runs the op with the same group key, group size and instance key; each gets the element-wise sum, or the mean.
 * The runtime does the exchange (a ring over gRPC between workers), coordinated by the group leader named in each
 * session's {@code ConfigProto.experimental.collective_group_leader}.
 */
public final class CollectiveAllReduce {

    /** What the members' values reduce to. */
    public enum Reduction {
        /** the element-wise sum */
        SUM("Id"),
        /** the element-wise sum divided by the group size */
        MEAN("Div");

        private final String finalOp;

        Reduction(String finalOp) {
            this.finalOp = finalOp;
        }
    }

    /**
     * How long a member waits by default for the others before the run fails: a worker that dies fails the others'
     * step instead of hanging them (and so fails a Spark barrier stage, which Spark then retries).
     */
    public static final float TIMEOUT_SECONDS = 120f;

    private CollectiveAllReduce() {
    }

    /**
     * @param tf the ops of the graph (or loop body) to build in
     * @param value this member's value
     * @param groupSize how many members
     * @param groupKey the group's key, the same in every member
     * @param instanceKey this all-reduce's key, the same in every member and distinct from the group's other collectives
     * @param reduction sum or mean
     * @return the reduced value, as every member gets it
     */
    public static Operand<TFloat32> of(Ops tf, Operand<TFloat32> value, int groupSize, int groupKey, int instanceKey,
                                       Reduction reduction) {
        return of(tf, value, groupSize, groupKey, instanceKey, reduction, TIMEOUT_SECONDS);
    }

    /**
     * @param tf the ops of the graph (or loop body) to build in
     * @param value this member's value
     * @param groupSize how many members
     * @param groupKey the group's key, the same in every member
     * @param instanceKey this all-reduce's key, the same in every member and distinct from the group's other collectives
     * @param reduction sum or mean
     * @param timeoutSeconds how long to wait for the others before the run fails
     * @return the reduced value, as every member gets it
     */
    public static Operand<TFloat32> of(Ops tf, Operand<TFloat32> value, int groupSize, int groupKey, int instanceKey,
                                       Reduction reduction, float timeoutSeconds) {
        Operation op = tf.scope().opBuilder("CollectiveReduceV2", "CollectiveReduceV2")
                .addInput(value.asOutput())
                .addInput(tf.constant(groupSize).asOutput())
                .addInput(tf.constant(groupKey).asOutput())
                .addInput(tf.constant(instanceKey).asOutput())
                .addInputList(new Output<?>[0])
                .setAttr("merge_op", "Add")
                .setAttr("final_op", reduction.finalOp)
                .setAttr("communication_hint", "ring")
                .setAttr("timeout_seconds", timeoutSeconds)
                .build();
        return op.<TFloat32>output(0);
    }
}
