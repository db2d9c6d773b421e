package io.kerasj.pipeline.tfrecord;

import java.util.zip.CRC32C;

/**
 * TFRecord's framing: {@code uint64 length, uint32 masked_crc32c(length), byte data[length],
 * uint32 masked_crc32c(data)}, little-endian, with TensorFlow's mask of the CRC-32C.
 */
final class RecordFraming {
    /** Bytes before the data: the length and its CRC. */
    static final int HEADER_BYTES = 12;
    /** Bytes after the data: its CRC. */
    static final int FOOTER_BYTES = 4;
    private static final int MASK_DELTA = 0xa282ead8;

    private RecordFraming() {
    }

    /** @return TensorFlow's masked CRC-32C of {@code data[offset, offset + length)} */
    static int maskedCrc(CRC32C crc, byte[] data, int offset, int length) {
        crc.reset();
        crc.update(data, offset, length);
        return mask((int) crc.getValue());
    }

    /** @return {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}, as TensorFlow's {@code crc32c::Mask} */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
