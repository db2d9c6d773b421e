package io.kerasj.saving;

/**
 * A jar's custom objects, found with {@link java.util.ServiceLoader}: a jar of layers, losses or activations lists its
 * implementation in {@code META-INF/services/io.kerasj.saving.CustomObjects} (or {@code provides} in its
 * {@code module-info}), and its {@link #register()} calls {@link ObjectRegistration#registerKerasSerializable} for
 * each object. KerasJ runs every provider once, before the first lookup by name, so a model file that names those
 * objects loads without any code of the user's.
 */
public interface CustomObjects {

    /** Registers this jar's objects with {@link ObjectRegistration}. */
    void register();
}
