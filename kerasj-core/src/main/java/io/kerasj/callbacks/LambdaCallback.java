package io.kerasj.callbacks;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keras's {@code LambdaCallback}: a callback made of functions, each optional and set by its Keras argument's name
 * ({@code on_epoch_begin}, {@code on_epoch_end}, {@code on_train_begin}, {@code on_train_end},
 * {@code on_train_batch_begin}, {@code on_train_batch_end}):
 * <pre>{@code
 * new LambdaCallback().onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs))
 * }</pre>
 * Each setter shares its name with the hook it sets; the setter takes a function, the hook the logs.
 */
public final class LambdaCallback implements Callback {
    private static final BiConsumer<Integer, Map<String, Double>> NONE = (i, logs) -> { };

    private BiConsumer<Integer, Map<String, Double>> epochBegin = NONE;
    private BiConsumer<Integer, Map<String, Double>> epochEnd = NONE;
    private Consumer<Map<String, Double>> trainBegin = logs -> { };
    private Consumer<Map<String, Double>> trainEnd = logs -> { };
    private BiConsumer<Integer, Map<String, Double>> batchBegin = NONE;
    private BiConsumer<Integer, Map<String, Double>> batchEnd = NONE;

    /** A callback whose functions all do nothing until set. */
    public LambdaCallback() {
    }

    /**
     * @return a builder whose functions all do nothing until set
     * @deprecated use {@code new LambdaCallback()} and its setters
     */
    @Deprecated
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param f Keras's {@code on_epoch_begin(epoch, logs)}
     * @return this
     */
    public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
        epochBegin = Objects.requireNonNull(f, "on_epoch_begin");
        return this;
    }

    /**
     * @param f Keras's {@code on_epoch_end(epoch, logs)}
     * @return this
     */
    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        epochEnd = Objects.requireNonNull(f, "on_epoch_end");
        return this;
    }

    /**
     * @param f Keras's {@code on_train_begin(logs)}
     * @return this
     */
    public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> f) {
        trainBegin = Objects.requireNonNull(f, "on_train_begin");
        return this;
    }

    /**
     * @param f Keras's {@code on_train_end(logs)}
     * @return this
     */
    public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> f) {
        trainEnd = Objects.requireNonNull(f, "on_train_end");
        return this;
    }

    /**
     * @param f Keras's {@code on_train_batch_begin(batch, logs)}
     * @return this
     */
    public LambdaCallback onTrainBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        batchBegin = Objects.requireNonNull(f, "on_train_batch_begin");
        return this;
    }

    /**
     * @param f Keras's {@code on_train_batch_end(batch, logs)}
     * @return this
     */
    public LambdaCallback onTrainBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        batchEnd = Objects.requireNonNull(f, "on_train_batch_end");
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochBegin.accept(epoch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochEnd.accept(epoch, logs);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        trainBegin.accept(logs);
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        trainEnd.accept(logs);
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        batchBegin.accept(batch, logs);
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        batchEnd.accept(batch, logs);
    }

    /**
     * Sets the functions, each by its Keras argument's name.
     *
     * @deprecated use {@code new LambdaCallback()} and its setters, which take the same names
     */
    @Deprecated
    public static final class Builder {
        private final LambdaCallback callback = new LambdaCallback();

        private Builder() {
        }

        /**
         * @param f {@code on_epoch_begin(epoch, logs)}
         * @return this
         */
        public Builder onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
            callback.onEpochBegin(f);
            return this;
        }

        /**
         * @param f {@code on_epoch_end(epoch, logs)}
         * @return this
         */
        public Builder onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
            callback.onEpochEnd(f);
            return this;
        }

        /**
         * @param f {@code on_train_begin(logs)}
         * @return this
         */
        public Builder onTrainBegin(Consumer<Map<String, Double>> f) {
            callback.onTrainBegin(f);
            return this;
        }

        /**
         * @param f {@code on_train_end(logs)}
         * @return this
         */
        public Builder onTrainEnd(Consumer<Map<String, Double>> f) {
            callback.onTrainEnd(f);
            return this;
        }

        /**
         * @param f {@code on_train_batch_begin(batch, logs)}
         * @return this
         */
        public Builder onTrainBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
            callback.onTrainBatchBegin(f);
            return this;
        }

        /**
         * @param f {@code on_train_batch_end(batch, logs)}
         * @return this
         */
        public Builder onTrainBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
            callback.onTrainBatchEnd(f);
            return this;
        }

        /** @return the callback */
        public LambdaCallback build() {
            return callback;
        }
    }
}
