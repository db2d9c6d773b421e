package io.kerasj.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keras's {@code LambdaCallback}: a callback made of functions, each optional ({@code on_epoch_begin},
 * {@code on_epoch_end}, {@code on_train_begin}, {@code on_train_end}, {@code on_train_batch_begin},
 * {@code on_train_batch_end}). Build one with {@link #builder()}.
 */
public final class LambdaCallback implements Callback {
    private static final BiConsumer<Integer, Map<String, Double>> NONE = (i, logs) -> { };

    private final BiConsumer<Integer, Map<String, Double>> epochBegin;
    private final BiConsumer<Integer, Map<String, Double>> epochEnd;
    private final Consumer<Map<String, Double>> trainBegin;
    private final Consumer<Map<String, Double>> trainEnd;
    private final BiConsumer<Integer, Map<String, Double>> batchBegin;
    private final BiConsumer<Integer, Map<String, Double>> batchEnd;

    private LambdaCallback(Builder b) {
        epochBegin = b.epochBegin;
        epochEnd = b.epochEnd;
        trainBegin = b.trainBegin;
        trainEnd = b.trainEnd;
        batchBegin = b.batchBegin;
        batchEnd = b.batchEnd;
    }

    /** @return a builder whose functions all do nothing until set */
    public static Builder builder() {
        return new Builder();
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

    /** Sets the functions, each by its Keras argument's name. */
    public static final class Builder {
        private BiConsumer<Integer, Map<String, Double>> epochBegin = NONE;
        private BiConsumer<Integer, Map<String, Double>> epochEnd = NONE;
        private Consumer<Map<String, Double>> trainBegin = logs -> { };
        private Consumer<Map<String, Double>> trainEnd = logs -> { };
        private BiConsumer<Integer, Map<String, Double>> batchBegin = NONE;
        private BiConsumer<Integer, Map<String, Double>> batchEnd = NONE;

        private Builder() {
        }

        /**
         * @param f {@code on_epoch_begin(epoch, logs)}
         * @return this
         */
        public Builder onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
            epochBegin = java.util.Objects.requireNonNull(f, "on_epoch_begin");
            return this;
        }

        /**
         * @param f {@code on_epoch_end(epoch, logs)}
         * @return this
         */
        public Builder onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
            epochEnd = java.util.Objects.requireNonNull(f, "on_epoch_end");
            return this;
        }

        /**
         * @param f {@code on_train_begin(logs)}
         * @return this
         */
        public Builder onTrainBegin(Consumer<Map<String, Double>> f) {
            trainBegin = java.util.Objects.requireNonNull(f, "on_train_begin");
            return this;
        }

        /**
         * @param f {@code on_train_end(logs)}
         * @return this
         */
        public Builder onTrainEnd(Consumer<Map<String, Double>> f) {
            trainEnd = java.util.Objects.requireNonNull(f, "on_train_end");
            return this;
        }

        /**
         * @param f {@code on_train_batch_begin(batch, logs)}
         * @return this
         */
        public Builder onTrainBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
            batchBegin = java.util.Objects.requireNonNull(f, "on_train_batch_begin");
            return this;
        }

        /**
         * @param f {@code on_train_batch_end(batch, logs)}
         * @return this
         */
        public Builder onTrainBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
            batchEnd = java.util.Objects.requireNonNull(f, "on_train_batch_end");
            return this;
        }

        /** @return the callback */
        public LambdaCallback build() {
            return new LambdaCallback(this);
        }
    }
}
