package io.kerasj.pipeline.tfrecord;

import java.util.Locale;

/**
 * How a TFRecord file is compressed, as TensorFlow's {@code compression_type}: {@code ""} (none), {@code "GZIP"}
 * (the whole file is one gzip stream) or {@code "ZLIB"} (one zlib stream).
 */
public enum TFRecordCompression {
    /** Plain records. */
    NONE,
    /** The whole file is one gzip stream (TensorFlow's {@code "GZIP"}). */
    GZIP,
    /** The whole file is one zlib stream (TensorFlow's {@code "ZLIB"}). */
    ZLIB;

    /**
     * @param compressionType TensorFlow's spelling: {@code null} or {@code ""} for none, {@code "GZIP"}, {@code "ZLIB"}
     *     (any case)
     * @return the compression
     * @throws IllegalArgumentException for any other value
     */
    public static TFRecordCompression of(String compressionType) {
        if (compressionType == null || compressionType.isEmpty() || compressionType.equalsIgnoreCase("NONE")) {
            return NONE;
        }
        return switch (compressionType.toUpperCase(Locale.ROOT)) {
            case "GZIP" -> GZIP;
            case "ZLIB" -> ZLIB;
            default -> throw new IllegalArgumentException("compression_type '" + compressionType
                    + "': expected \"\", \"GZIP\" or \"ZLIB\"");
        };
    }

    /** @return TensorFlow's spelling: {@code ""}, {@code "GZIP"} or {@code "ZLIB"} */
    public String tensorFlowName() {
        return this == NONE ? "" : name();
    }
}
