package io.kerasj.spark;

import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.LoadOptions;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models loaded in this JVM, one per {@link ModelSource#key()}: each executor loads a model once, however many
 * tasks and partitions it runs, and its task threads share it (a TensorFlow session runs concurrent calls). The
 * models stay loaded for the life of the executor.
 */
public final class ExecutorModels {
    private static final ConcurrentHashMap<String, KerasSavedModel> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {
    }

    /**
     * @param source the model
     * @return the model, loaded by the first task of this JVM that asks for it (op-safety scan on)
     */
    public static KerasSavedModel get(ModelSource source) {
        return LOADED.computeIfAbsent(source.key(), k -> {
            LOADS.incrementAndGet();
            return KerasSavedModel.load(source.materialize(), LoadOptions.defaults());
        });
    }

    /** @return how many models this JVM has loaded so far */
    public static int loads() {
        return LOADS.get();
    }
}
