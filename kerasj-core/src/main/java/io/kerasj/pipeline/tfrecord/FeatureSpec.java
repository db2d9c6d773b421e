package io.kerasj.pipeline.tfrecord;

import io.kerasj.pipeline.HostArray;

/**
 * How one feature of a {@code tf.train.Example} is parsed, as the values of {@code tf.io.parse_single_example}'s
 * {@code features} dict: {@link FixedLenFeature} or {@link VarLenFeature} (sparse features are not supported).
 * The dtypes are TensorFlow's three: {@code FLOAT32} (a {@code float_list}), {@code INT64} (an {@code int64_list})
 * and {@code STRING} (a {@code bytes_list}).
 */
public sealed interface FeatureSpec permits FixedLenFeature, VarLenFeature {
    /** @return the dtype of the parsed values */
    HostArray.DType dtype();

    /** @return a fixed-size feature without a default ({@code tf.io.FixedLenFeature(shape, dtype)}) */
    static FixedLenFeature fixedLen(long[] shape, HostArray.DType dtype) {
        return new FixedLenFeature(shape, dtype, null);
    }

    /** @return a fixed-size feature read as {@code defaultValue} when an example lacks it */
    static FixedLenFeature fixedLen(long[] shape, HostArray.DType dtype, HostArray defaultValue) {
        return new FixedLenFeature(shape, dtype, defaultValue);
    }

    /** @return a feature of any length, parsed to a 1-D array ({@code tf.io.VarLenFeature(dtype)}'s values) */
    static VarLenFeature varLen(HostArray.DType dtype) {
        return new VarLenFeature(dtype);
    }

    /** @throws IllegalArgumentException unless {@code dtype} is float32, int64 or string */
    static void checkDType(HostArray.DType dtype) {
        if (dtype != HostArray.DType.FLOAT32 && dtype != HostArray.DType.INT64 && dtype != HostArray.DType.STRING) {
            throw new IllegalArgumentException("feature dtype " + dtype.name().toLowerCase()
                    + ": expected float32, int64 or string (a tf.train.Example holds only these)");
        }
    }
}
