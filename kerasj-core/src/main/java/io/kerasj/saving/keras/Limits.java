package io.kerasj.saving.keras;

/**
 * Upper bounds on what an untrusted model file may make KerasJ allocate, checked before allocating. They are far
 * above any model KerasJ can build (its largest tensors are Dense kernels) and far below the heap.
 */
final class Limits {
    /** config.json, metadata.json and HDF5 string attributes. */
    static final long MAX_JSON_BYTES = 16L << 20;
    /** The uncompressed model.weights.h5 inside a .keras archive. */
    static final long MAX_WEIGHTS_BYTES = 2L << 30;
    /** Entries in a .keras archive (Keras writes three, plus assets). */
    static final int MAX_ZIP_ENTRIES = 1_000;
    /** Keras's own guard: an entry may expand at most this many times, once it is larger than {@link #BOMB_FLOOR_BYTES}. */
    static final long MAX_EXPANSION = 100;
    /** Below this size the expansion ratio is not checked (tiny JSON files compress well). */
    static final long BOMB_FLOOR_BYTES = 1L << 20;
    /** Elements of one weight tensor (a float array must fit in a Java array). */
    static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE - 8;
    /** Layers in one model file, its nested models included. */
    static final int MAX_LAYERS = 10_000;
    /** Nodes (layer calls) in one model file, its nested models included. */
    static final int MAX_NODES = 10_000;
    /** Tensors one node takes, and inputs or outputs of one model. */
    static final int MAX_NODE_INPUTS = 1_000;
    /** Models inside models inside models. */
    static final int MAX_NESTING = 32;
    /** The height or width an image layer (Resizing, CenterCrop, RandomCrop) may ask for. */
    static final int MAX_IMAGE_SIDE = 1 << 16;
    /** Dimensions of one weight tensor. */
    static final int MAX_RANK = 8;

    private Limits() {
    }
}
