package io.kerasj.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path tmp;

    @Test
    void everyDtypeRoundTripsThroughAFile() throws Exception {
        NpyArray[] arrays = {
            NpyArray.ofUint8(new byte[] {0, 1, (byte) 255, 7, 8, 9}, 2, 3),
            NpyArray.ofInt32(new int[] {-1, 2, Integer.MAX_VALUE}, 3),
            NpyArray.ofInt64(new long[] {5, -6}, 2, 1),
            NpyArray.ofFloat32(new float[] {0.5f, -1e-7f, Float.MAX_VALUE, 3}, 1, 2, 2),
            NpyArray.ofFloat64(new double[] {Math.PI}, 1),
            NpyArray.ofFloat32(new float[0], 0, 28, 28),
        };
        for (NpyArray a : arrays) {
            Path file = Npy.write(tmp.resolve(a.dtype() + "-" + a.shape().length + ".npy"), a);
            assertThat(Npy.read(file)).as(a.toString()).isEqualTo(a);
            assertThat((Files.size(file) - a.elements() * a.dtype().itemSize()) % 64).as("header aligned to 64 bytes").isZero();
        }
        assertThat(Npy.read(tmp.resolve("FLOAT64-1.npy")).toFloats()).containsExactly((float) Math.PI);
        assertThat(Npy.read(tmp.resolve("INT64-2.npy")).toInts("y")).containsExactly(5, -6);
    }

    @Test
    void theHeaderIsNumpysDict() throws Exception {
        byte[] bytes = bytes(NpyArray.ofFloat32(new float[6], 2, 3));
        String header = new String(bytes, 10, bytes[8] & 0xFF, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith(" \n");
        assertThat(new String(bytes(NpyArray.ofUint8(new byte[2], 2)), StandardCharsets.ISO_8859_1)).contains("'descr': '|u1'")
                .contains("'shape': (2,)");
    }

    @Test
    void headersWrittenOtherwiseButValidAreAccepted() throws Exception {
        assertThat(Npy.read(file("{\"descr\":\"<f4\",\"shape\":(1,),\"fortran_order\":False}", new byte[4])).shape()).containsExactly(1);
        assertThat(Npy.read(file("{'descr': '<u1', 'fortran_order': False, 'shape': (), }", new byte[1])).elements()).isEqualTo(1);
        assertThat(Npy.read(file(2, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", new byte[2])).elements()).isEqualTo(2);
    }

    @Test
    void eachMalformedHeaderIsOneLineNamingTheFileAndWhatWasExpected() throws Exception {
        String[][] cases = {
            {"{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", "expected C order"},
            {"{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", "found big-endian '>f4'"},
            {"{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", "expected dtype |u1, <i4, <i8, <f4 or <f8, found '<c8'"},
            {"{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "found '|O'"},
            {"{'descr': '<f4', 'shape': (1,), }", "missing fortran_order"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1, }", "found 'extra'"},
            {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", "'descr' twice"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (1), }", "expected the shape as a tuple"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", "expected a non-negative int"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,), }", "expected each dimension at most"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,) }x", "expected only spaces after the dict"},
            {"['<f4', False, (1,)]", "expected '{'"},
            {"{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", "expected True or False"},
            {"{'descr': '<f4' 'fortran_order': False, 'shape': (1,), }", "expected ',' or '}'"},
            {"{'descr': '<f\\x34', 'fortran_order': False, 'shape': (1,), }", "found escapes"},
        };
        for (String[] c : cases) {
            Path f = file(c[0], new byte[4]);
            assertThatThrownBy(() -> Npy.read(f)).as(c[0]).isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(f + ": bad .npy header: ").hasMessageContaining(c[1])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                    .satisfies(e -> assertThat(((DatasetException) e).file()).contains(f));
        }
    }

    @Test
    void sizesAreCheckedBeforeAnythingIsAllocated() throws Exception {
        Path overflow = file("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647), }", new byte[8]);
        assertThatThrownBy(() -> Npy.read(overflow)).isInstanceOf(DatasetException.class).hasMessageContaining("overflows");
        Path huge = file("{'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28, 28000), }", new byte[8]);
        assertThatThrownBy(() -> Npy.read(huge)).isInstanceOf(DatasetException.class).hasMessageStartingWith(huge.toString())
                .hasMessageContaining("the largest Java array");
        Path big = file("{'descr': '<f4', 'fortran_order': False, 'shape': (60000, 784), }", new byte[8]);
        assertThatThrownBy(() -> Npy.read(big)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("expected 188160000 data bytes, found 8 (truncated file)");
        Path trailing = file("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[5]);
        assertThatThrownBy(() -> Npy.read(trailing)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("expected 4 data bytes, found 5 (trailing bytes)");
    }

    @Test
    void brokenPreamblesAndFilesNameTheFile() throws Exception {
        byte[] good = bytes(NpyArray.ofFloat32(new float[] {1, 2}, 2));
        Object[][] cases = {
            {new byte[0], "found an empty file"},
            {"PK\3\4 not npy".getBytes(StandardCharsets.ISO_8859_1), "expected an .npy file (starting with \\x93NUMPY), found other bytes"},
            {Arrays.copyOf(good, 7), "expected a version"},
            {withVersion(good, 4), "expected .npy format version 1.0, 2.0 or 3.0, found 4.0"},
            {Arrays.copyOf(good, 9), "expected a header length"},
            {Arrays.copyOf(good, 40), "runs past the end"},
            {Arrays.copyOf(good, good.length - 1), "(truncated file)"},
        };
        for (Object[] c : cases) {
            Path f = Files.write(tmp.resolve("case.npy"), (byte[]) c[0]);
            assertThatThrownBy(() -> Npy.read(f)).as((String) c[1]).isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(f.toString()).hasMessageContaining((String) c[1]);
        }
        assertThatThrownBy(() -> Npy.read(tmp.resolve("none.npy"))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("none.npy: cannot read: expected a file, found none");
        assertThatThrownBy(() -> Npy.read(tmp)).isInstanceOf(DatasetException.class).hasMessageContaining("found a directory");
    }

    @Test
    void floatValuesAreNotIntegerTargets() {
        assertThatThrownBy(() -> NpyArray.ofFloat32(new float[] {1}, 1).toInts("y.npy")).isInstanceOf(DatasetException.class)
                .hasMessage("y.npy: expected integer targets (uint8, int32 or int64), found dtype <f4");
        assertThatThrownBy(() -> NpyArray.ofInt64(new long[] {1L << 40}, 1).toInts("y.npy")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("expected a value in the int range, found 1099511627776");
    }

    static byte[] bytes(NpyArray array) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeTo(out, array);
        return out.toByteArray();
    }

    private static byte[] withVersion(byte[] npy, int major) {
        byte[] copy = npy.clone();
        copy[6] = (byte) major;
        return copy;
    }

    private Path file(String header, byte[] data) throws Exception {
        return file(1, header, data);
    }

    /** An .npy file with exactly this header text (a newline appended) and data. */
    private Path file(int major, String header, byte[] data) throws Exception {
        byte[] text = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(8 + (major == 1 ? 2 : 4) + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        b.put(text).put(data);
        return Files.write(Files.createTempFile(tmp, "case", ".npy"), b.array());
    }
}
