package io.kerasj.models;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;

/**
 * How many threads TensorFlow uses inside one op (intra) and across ops (inter).
 *
 * <p>Small matrix products do not split well: on the 2-core machines this project is measured on, one intra-op
 * thread trains the notebook's model 20–25% faster than two (design.md), and a sequential graph gains nothing
 * from inter-op threads, while the Fashion-MNIST CNN (4.2M multiply-adds per sample, nearly all in its second
 * convolution) trains 1.4 times faster on two intra-op threads than on one (issue 13's raw TensorFlow figures:
 * 18.4 against 25.7 s/epoch). So models under 1M multiply-adds per sample get one thread of each; larger ones
 * get the cores inside ops.
 *
 * <p>TensorFlow sizes its intra-op pool, and (unless a session asks for threads of its own) its inter-op pool, once
 * per process, from the first session's options ({@code local_device.cc}; {@code use_per_session_threads} in
 * {@code config.proto}). The first session is KerasJ's runtime check at native log level 1 or more (the default), made
 * with TensorFlow's defaults, so a model's session then runs on pools of all cores whatever these counts say (issue
 * 23's profile: two Eigen workers busy under a one-thread MLP). One inter-op thread is therefore asked for as
 * TensorFlow's "run in the caller's thread" ({@link #RUN_IN_CALLER_THREAD}), which every session honours: each
 * {@code Session.run} of the model, its in-graph training loop included, runs its ops on the Java thread that called it,
 * with no hand-off to a pool thread and back. The intra-op count stays the shared pool's. Not changed: a per-session
 * intra-op pool ({@code TF_OVERRIDE_GLOBAL_THREADPOOL}) made trainOnBatch slower on the loaded machine.
 *
 * <p>{@code xlaJit} sets {@code global_jit_level ON_1}. On CPU, TensorFlow's auto-clustering only acts on it when
 * {@code TF_XLA_FLAGS} holds {@code --tf_xla_cpu_global_jit} as the runtime loads (without it no cluster is compiled),
 * so {@link io.kerasj.runtime.NativeRuntime} adds that flag; it changes nothing for sessions with XLA off.
 *
 * @param intraOp threads inside one op, 0 for TensorFlow's choice
 * @param interOp threads across ops, 0 for TensorFlow's choice (its shared pool), 1 for the calling thread alone
 * @param xlaJit whether TensorFlow compiles the graph with XLA ({@code global_jit_level ON_1}); off by default
 */
public record ThreadSettings(int intraOp, int interOp, boolean xlaJit) {
    /** Multiply-adds per sample above which a model is worth spreading over all cores. */
    static final long LARGE_MODEL_MACS = 1_000_000L;

    /**
     * TensorFlow's {@code inter_op_parallelism_threads} below 0: the session runs every step's ops on the thread that
     * calls it ({@code direct_session.cc}'s {@code run_in_caller_thread_}). One inter-op thread is asked for this way,
     * as a count of 1 would be ignored after the process's first session sized the shared pool (to all cores), and
     * even when honoured would hand each run to a pool thread and back.
     */
    static final int RUN_IN_CALLER_THREAD = -1;

    /**
     * Checks the arguments.
     *
     * @param intraOp threads inside one op, 0 for TensorFlow's choice
     * @param interOp threads across ops, 0 for TensorFlow's choice
     * @param xlaJit whether TensorFlow compiles the graph with XLA ({@code global_jit_level ON_1}); off by default
     */
    public ThreadSettings {
        if (intraOp < 0 || interOp < 0) {
            throw new IllegalArgumentException("threads: expected counts >= 0, found intra " + intraOp + ", inter " + interOp);
        }
    }

    /**
     * Settings without XLA.
     *
     * @param intraOp threads inside one op, 0 for TensorFlow's choice
     * @param interOp threads across ops, 0 for TensorFlow's choice
     */
    public ThreadSettings(int intraOp, int interOp) {
        this(intraOp, interOp, false);
    }

    /**
     * @param on whether to compile with XLA
     * @return these settings with XLA JIT on or off
     */
    public ThreadSettings withXlaJit(boolean on) {
        return new ThreadSettings(intraOp, interOp, on);
    }

    @Override
    public String toString() {
        return "ThreadSettings[intraOp=" + intraOp + ", interOp=" + interOp + (xlaJit ? ", xlaJit" : "") + "]";
    }

    /**
     * The default for a model: one thread of each for small models (their steps then run on the calling thread);
     * for large ones, all cores inside ops and TensorFlow's shared inter-op pool, as they have always run (independent
     * ops of a convolution's backward pass may overlap there).
     *
     * @param multiplyAdds the model's multiply-adds per sample ({@link io.kerasj.layers.Layer#multiplyAdds()})
     * @return the settings
     */
    public static ThreadSettings forModel(long multiplyAdds) {
        int cores = Runtime.getRuntime().availableProcessors();
        return multiplyAdds < LARGE_MODEL_MACS ? new ThreadSettings(1, 1) : new ThreadSettings(cores, 0);
    }

    /** @return the session configuration */
    public ConfigProto toConfigProto() {
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (xlaJit) {
            config.setGraphOptions(GraphOptions.newBuilder().setOptimizerOptions(
                    OptimizerOptions.newBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1)));
        }
        return config
                .setIntraOpParallelismThreads(intraOp)
                .setInterOpParallelismThreads(interOp == 1 ? RUN_IN_CALLER_THREAD : interOp)
                .setAllowSoftPlacement(true)
                .build();
    }
}
