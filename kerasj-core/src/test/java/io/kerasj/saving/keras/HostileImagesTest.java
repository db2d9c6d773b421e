package io.kerasj.saving.keras;

import io.kerasj.data.ImageInput;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.testing.Fifos;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images that claim more than they hold, and paths that are no files (issue 20): refused from the header, quickly. */
class HostileImagesTest {
    @TempDir
    Path tmp;

    /** A PNG with a valid IHDR (CRC included) claiming {@code size}² pixels, and a little real image data. */
    static Path png(Path file, int size, int bitDepth, int colorType) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(size);
        h.writeInt(size);
        h.write(new byte[] {(byte) bitDepth, (byte) colorType, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64 << 10]);
        deflater.finish();
        byte[] idat = new byte[1 << 12];
        int n = deflater.deflate(idat);
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return Files.write(file, bytes.toByteArray());
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    private static void refused(Path file, String... parts) {
        Refusals.refusedQuickly(file, () -> ImageInput.read(List.of(file), new long[] {28, 28}), parts);
    }

    @Test
    void aSmallPngClaiming23170SquaredRgba16PixelsIsRefusedFromItsHeader() throws Exception {
        Path file = png(tmp.resolve("huge.png"), 23170, 16, 6);
        assertThat(Files.size(file)).isLessThan(1000);
        refused(file, "23170x23170 pixels, expected at most 67108864");
    }

    @Test
    @Tag("slow")
    void theRefusalComesBeforeAnyPixelMemoryIsTaken() throws Exception {
        Path file = png(tmp.resolve("huge.png"), 23170, 16, 6);
        BoundedHeapChild.Result result = BoundedHeapChild.run(64, "image", file);
        assertThat(result.exitCode()).as(result.output()).isEqualTo(BoundedHeapChild.REFUSED);
        assertThat(result.output().strip()).contains("23170x23170 pixels").doesNotContain("\n");
    }

    @Test
    void anImageUnderThePixelCapThatDecodesToTooManyBytesIsRefusedFromItsHeader() throws Exception {
        // 6000² = 36M pixels (under the cap) of 64-bit RGBA: 288 MB decoded
        refused(png(tmp.resolve("deep.png"), 6000, 16, 6), "6000x6000 pixels of 64 bits decode to 288000000 bytes");
    }

    @Test
    void aFifoNamedLikeAnImageIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = Fifos.make(tmp.resolve("pipe.png"));
        refused(fifo, "not a regular file");
    }
}
