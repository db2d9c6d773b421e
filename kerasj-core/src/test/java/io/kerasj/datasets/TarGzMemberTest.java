package io.kerasj.datasets;

import io.kerasj.data.DatasetException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarGzMemberTest {

    private static final String MEMBER = "CaliforniaHousing/cal_housing.data";
    private static final byte[] CONTENT = "1,2,3\n".repeat(300).getBytes(StandardCharsets.US_ASCII);

    private static byte[] read(byte[] archive) {
        return TarGzMember.read(archive, MEMBER, 1 << 20, 4 << 20, "test.tgz");
    }

    @Test
    void findsTheMemberAfterOtherEntries() {
        byte[] archive = new TestTarGz().directory("CaliforniaHousing/")
                .file("CaliforniaHousing/cal_housing.domain", "other".getBytes(StandardCharsets.US_ASCII))
                .file(MEMBER, CONTENT).gzipped();
        assertArrayEquals(CONTENT, read(archive));
    }

    @Test
    void aMissingMemberIsNamed() {
        byte[] archive = new TestTarGz().file("cal_housing.data", CONTENT).gzipped();
        DatasetException e = assertThrows(DatasetException.class, () -> read(archive));
        assertTrue(e.getMessage().startsWith("test.tgz: expected a tar archive holding " + MEMBER), e.getMessage());
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeAllocating() {
        byte[] archive = new TestTarGz().file(MEMBER, CONTENT, 07777777777L).gzippedWithoutEnd();
        DatasetException e = assertThrows(DatasetException.class, () -> read(archive));
        assertTrue(e.getMessage().contains("declares 1073741823 bytes, expected at most 1048576"), e.getMessage());
    }

    @Test
    void hugeSkippedEntriesStopAtTheDecompressedCap() {
        byte[] archive = new TestTarGz().file("padding", new byte[0], 07777777777L).gzippedWithoutEnd();
        DatasetException e = assertThrows(DatasetException.class, () -> read(archive));
        assertTrue(e.getMessage().contains("within the first 4194304 decompressed bytes"), e.getMessage());
    }

    @Test
    void aTruncatedMemberIsRefused() {
        byte[] archive = new TestTarGz().file(MEMBER, new byte[10], 5000).gzippedWithoutEnd();
        DatasetException e = assertThrows(DatasetException.class, () -> read(archive));
        assertTrue(e.getMessage().contains("is truncated: expected 5000 bytes"), e.getMessage());
    }

    @Test
    void notGzipAndBadHeadersAreRefused() {
        DatasetException notGzip = assertThrows(DatasetException.class, () -> read(CONTENT));
        assertTrue(notGzip.getMessage().startsWith("test.tgz: expected a gzip-compressed tar archive"), notGzip.getMessage());
        byte[] header = TestTarGz.header(MEMBER, CONTENT.length, '0');
        header[0] ^= 1;
        byte[] corrupt = new TestTarGz().gzipped();
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(raw)) {
            gz.write(header);
            gz.write(CONTENT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DatasetException badSum = assertThrows(DatasetException.class, () -> read(raw.toByteArray()));
        assertTrue(badSum.getMessage().contains("checksum"), badSum.getMessage());
        DatasetException empty = assertThrows(DatasetException.class, () -> read(corrupt));
        assertTrue(empty.getMessage().contains("found none"), empty.getMessage());
    }
}
