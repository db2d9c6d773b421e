package io.kerasj.model;

import org.tensorflow.proto.ConfigProto;

/**
 * How many threads TensorFlow uses inside one op (intra) and across ops (inter).
 *
 * <p>Small matrix products do not split well: on the 2-core machines this project is measured on, one intra-op
 * thread trains the notebook's model 20–25% faster than two (design.md), and a sequential graph gains nothing
 * from inter-op threads. So models whose step is small get one thread of each; large ones get the cores.
 *
 * @param intraOp threads inside one op, 0 for TensorFlow's choice
 * @param interOp threads across ops, 0 for TensorFlow's choice
 */
public record ThreadSettings(int intraOp, int interOp) {
    /** Multiply-adds per sample above which a model is worth spreading over all cores. */
    static final long LARGE_MODEL_MACS = 5_000_000L;

    /**
     * Checks the arguments.
     *
     * @param intraOp threads inside one op, 0 for TensorFlow's choice
     * @param interOp threads across ops, 0 for TensorFlow's choice
     */
    public ThreadSettings {
        if (intraOp < 0 || interOp < 0) {
            throw new IllegalArgumentException("threads: expected counts >= 0, found intra " + intraOp + ", inter " + interOp);
        }
    }

    /**
     * The default for a model: one thread of each for small models, all cores inside ops for large ones.
     *
     * @param paramCount the model's number of weights (≈ multiply-adds per sample for dense layers)
     * @return the settings
     */
    public static ThreadSettings forModel(long paramCount) {
        int cores = Runtime.getRuntime().availableProcessors();
        return paramCount < LARGE_MODEL_MACS ? new ThreadSettings(1, 1) : new ThreadSettings(cores, 1);
    }

    /** @return the session configuration */
    ConfigProto toConfigProto() {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOp)
                .setInterOpParallelismThreads(interOp)
                .setAllowSoftPlacement(true)
                .build();
    }
}
