package io.kerasj.data;

/**
 * Where an {@code .npy} file's data lies, for readers that map or stream it instead of loading it: the header's
 * dtype and shape, checked as {@link Npy#read} checks them, and the data's byte offset. {@link Npy#layout} checks
 * that the file holds exactly the bytes the shape needs.
 *
 * @param dtype the element type
 * @param shape the C-order shape
 * @param dataOffset the first data byte's offset in the file
 * @param dataBytes the data's length in bytes
 */
public record NpyLayout(NpyArray.DType dtype, long[] shape, long dataOffset, long dataBytes) {
    /** @return the shape (a copy) */
    @Override
    public long[] shape() {
        return shape.clone();
    }
}
