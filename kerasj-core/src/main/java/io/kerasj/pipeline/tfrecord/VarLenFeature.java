package io.kerasj.pipeline.tfrecord;

import io.kerasj.pipeline.HostArray;
import java.util.Objects;

/**
 * {@code tf.io.VarLenFeature(dtype)}: a feature of any length (none when missing), parsed to a 1-D array of its values
 * (TensorFlow's {@code SparseTensor.values}; no sparse tensor here). Elements of different lengths cannot be batched
 * together; pad or truncate them in a {@code map} first.
 */
public final class VarLenFeature implements FeatureSpec {
    private final HostArray.DType dtype;

    /** @param dtype float32, int64 or string */
    public VarLenFeature(HostArray.DType dtype) {
        FeatureSpec.checkDType(Objects.requireNonNull(dtype, "dtype"));
        this.dtype = dtype;
    }

    @Override
    public HostArray.DType dtype() {
        return dtype;
    }

    @Override
    public String toString() {
        return "VarLenFeature(" + dtype.name().toLowerCase() + ")";
    }
}
