package io.kerasj.engine;

import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TNumber;

/** The graph types of Keras's input dtypes. */
final class InputTypes {
    private InputTypes() {
    }

    /**
     * @param dtype {@code float32}, {@code int32} or {@code uint8}
     * @return its TensorFlow type
     */
    static Class<? extends TNumber> of(String dtype) {
        return switch (dtype) {
            case "float32" -> TFloat32.class;
            case "int32" -> TInt32.class;
            case "uint8" -> TUint8.class;
            default -> throw new IllegalArgumentException("dtype: expected float32, int32 or uint8, found " + dtype);
        };
    }
}
