package io.kerasj.data;

import io.kerasj.datasets.IdxFolderTest;
import io.kerasj.datasets.KerasNpz;
import io.kerasj.datasets.NumpyFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.io.AtomicFiles;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras-style {@code .npz} files and {@code .npy}/{@code .npz} pairs, written by NumPy in the live Python venv and by
 * Java, read back as datasets and compared with the same images read from the IDX files.
 */
class NumpyDatasetsTest {

    @TempDir
    Path tmp;

    /** The first 400 test images, as the Python script cuts them: 300 as "train", 100 as "test". */
    private static Dataset subset(int from, int to) {
        return TestIdx.real().test().slice(from, to);
    }

    @Test
    @Tag("python")
    void npzAndNpyFilesMadeByNumpyLoadAsTheIdxImages() throws Exception {
        PythonKeras.require();
        Path out = Path.of("target", "python-made", "numpy-datasets").toAbsolutePath();
        AtomicFiles.deleteRecursively(out);
        PythonKeras.run(120, Map.of(), "numpy_datasets.py", "write", "--data", TestIdx.dir().toString(), "--out", out.toString());
        Dataset train = subset(0, 300);
        Dataset test = subset(300, 400);

        for (String name : new String[] {"subset.npz", "subset_compressed.npz"}) {
            TrainTest loaded = KerasNpz.at(out.resolve(name)).loadData();
            IdxFolderTest.assertSame(loaded.train(), train);
            IdxFolderTest.assertSame(loaded.test(), test);
            int classes = Math.max(Arrays.stream(train.labels()).max().orElseThrow(), Arrays.stream(test.labels()).max().orElseThrow()) + 1;
            assertThat(loaded.train().classCount()).as(name).isEqualTo(classes);
        }

        TrainTest pairs = NumpyFiles.of(out.resolve("x_train.npy"), out.resolve("y_train.npy"), out.resolve("x_test.npy"),
                out.resolve("y_test.npz")).withClassCount(10).loadData();
        assertThat(pairs.train().shape()).containsExactly(300, 28, 28, 1);
        assertThat(pairs.train().x().type()).isEqualTo(Samples.Type.FLOAT32);
        float[] xTrain = pairs.train().floats().unsafeValues();
        byte[] pixels = train.pixels();
        for (int i = 0; i < pixels.length; i++) {
            assertThat(xTrain[i]).as("x_train[%d]", i).isEqualTo((float) ((pixels[i] & 0xFF) / 255.0)); // NumPy: float64, then float32
        }
        assertThat(pairs.train().labels()).isEqualTo(train.labels());
        assertThat(pairs.train().classCount()).isEqualTo(10);
        float[] xTest = pairs.test().floats().unsafeValues();
        byte[] testPixels = test.pixels();
        for (int i = 0; i < testPixels.length; i++) {
            assertThat(xTest[i]).isEqualTo(testPixels[i] & 0xFF);
        }
        Targets oneHot = pairs.test().y();
        assertThat(oneHot.isInteger()).isFalse();
        assertThat(oneHot.shape()).containsExactly(100, 10);
        float[] rows = oneHot.toFloats().unsafeValues();
        for (int i = 0; i < 100; i++) {
            for (int c = 0; c < 10; c++) {
                assertThat(rows[i * 10 + c]).isEqualTo(c == test.label(i) ? 1f : 0f);
            }
        }
        assertThatThrownBy(() -> pairs.test().labels()).isInstanceOf(IllegalStateException.class)
                .hasMessage("y: expected one integer label per sample, found float32 targets of shape (100, 10)");
    }

    @Test
    @Tag("python")
    void npzWrittenByJavaLoadsInNumpy() throws Exception {
        PythonKeras.require();
        Path file = Path.of("target", "python-made", "java-written.npz").toAbsolutePath();
        Dataset train = subset(0, 30);
        Npz.write(file, keras(train, subset(30, 40)), true);
        JsonNode seen = new ObjectMapper().readTree(PythonKeras.run(60, Map.of(), "numpy_datasets.py", "check", file.toString()));
        assertThat(seen.get("x_train").get("dtype").asText()).isEqualTo("|u1");
        assertThat(seen.get("x_train").get("shape").toString()).isEqualTo("[30,28,28]");
        long sum = 0;
        for (byte b : train.pixels()) {
            sum += b & 0xFF;
        }
        assertThat(seen.get("x_train").get("sum").asLong()).isEqualTo(sum);
        assertThat(seen.get("y_test").get("shape").toString()).isEqualTo("[10]");
        assertThat(seen.get("y_test").get("sum").asLong()).isEqualTo(Arrays.stream(subset(30, 40).labels()).sum());
    }

    @Test
    void npzWrittenByJavaStoredOrDeflatedLoadsAsWritten() throws Exception {
        Dataset train = subset(0, 200);
        Dataset test = subset(200, 250);
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = Npz.write(tmp.resolve("home/.keras/datasets/my" + compressed + ".npz"), keras(train, test), compressed);
            TrainTest loaded = KerasNpz.inKerasCache(tmp.resolve("home"), "my" + compressed + ".npz").withClassCount(10).loadData();
            assertThat(KerasNpz.inKerasCache(tmp.resolve("home"), "x.npz").file()).isEqualTo(file.resolveSibling("x.npz"));
            IdxFolderTest.assertSame(loaded.train(), train);
            IdxFolderTest.assertSame(loaded.test(), test);
            assertThat(loaded.withChannelAxis().test().shape()).containsExactly(50, 28, 28, 1);
            assertThat(loaded.test().shape()).containsExactly(50, 28, 28);
        }
    }

    @Test
    void npyPairsOfAnyRankWithIntegerOrFloatTargets() throws Exception {
        Path x = Npy.write(tmp.resolve("x.npy"), NpyArray.ofFloat32(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3, 2, 2));
        Path y = Npy.write(tmp.resolve("y.npy"), NpyArray.ofInt32(new int[] {0, 2, 1, 1, 2, 0}, 3, 2));
        Dataset set = NumpyFiles.pair(x, y, 0);
        assertThat(set.shape()).containsExactly(3, 2, 2);
        assertThat(set.y().shape()).containsExactly(3, 2);
        assertThat(set.classCount()).isEqualTo(3);
        assertThat(set.slice(1, 2).y().intValues()).containsExactly(1, 1);
        assertThat(set.slice(2, 3).floats().unsafeValues()).containsExactly(9, 10, 11, 12);
        assertThat(set.scaled().sample(0)[0]).isEqualTo(1 / 255f);

        Path regression = Npy.write(tmp.resolve("r.npy"), NpyArray.ofFloat64(new double[] {0.5, -1.5, 2.25}, 3));
        Path xFlat = Npy.write(tmp.resolve("flat.npy"), NpyArray.ofUint8(new byte[] {1, 2, 3}, 3));
        Dataset scalar = NumpyFiles.pair(xFlat, regression, 0);
        assertThat(scalar.x().sampleShape()).isEmpty();
        assertThat(scalar.y().toFloats().unsafeValues()).containsExactly(0.5f, -1.5f, 2.25f);
        assertThat(scalar.classCount()).isZero();
        assertThatThrownBy(scalar::withChannelAxis).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected grey-scale images of shape (rows, cols) or (rows, cols, 1), found samples of shape ()");
    }

    @Test
    void badNumpyDatasetsAreOneLineNamingTheFile() throws Exception {
        Path x = Npy.write(tmp.resolve("x.npy"), NpyArray.ofUint8(new byte[8], 2, 2, 2));
        Path y3 = Npy.write(tmp.resolve("y3.npy"), NpyArray.ofUint8(new byte[] {1, 2, 3}, 3));
        assertThatThrownBy(() -> NumpyFiles.pair(x, y3, 0)).isInstanceOf(DatasetException.class)
                .hasMessage(x + " has 2 samples but " + y3 + " has 3 targets: expected equal counts");
        Path yBad = Npy.write(tmp.resolve("yBad.npy"), NpyArray.ofInt64(new long[] {0, -1}, 2));
        assertThatThrownBy(() -> NumpyFiles.pair(x, yBad, 5)).isInstanceOf(DatasetException.class)
                .hasMessage(yBad + ": label 1: expected a value in [0, 4], found -1")
                .satisfies(e -> assertThat(((DatasetException) e).file()).contains(yBad));
        Path scalar = Npy.write(tmp.resolve("s.npy"), NpyArray.ofFloat32(new float[] {1}));
        assertThatThrownBy(() -> NumpyFiles.pair(scalar, y3, 0)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(scalar + ": expected an array of samples with the count as its first axis, found a scalar");
        Path zeroDim = Npy.write(tmp.resolve("z.npy"), NpyArray.ofFloat32(new float[0], 3, 0));
        assertThatThrownBy(() -> NumpyFiles.pair(zeroDim, y3, 0)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(zeroDim + ": expected positive sample dimensions, found shape (3, 0)");

        Path two = Npz.write(tmp.resolve("two.npz"), Map.of("a", NpyArray.ofUint8(new byte[1], 1), "b", NpyArray.ofUint8(new byte[1], 1)), false);
        assertThatThrownBy(() -> NumpyFiles.pair(two, y3, 0)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(two + ": expected one array, found 2");
    }

    @Test
    void badNpzFilesAreOneLineNamingTheFile() throws Exception {
        Path missingKey = Npz.write(tmp.resolve("m.npz"), Map.of("x_train", NpyArray.ofUint8(new byte[1], 1, 1)), false);
        assertThatThrownBy(() -> KerasNpz.at(missingKey).loadData()).isInstanceOf(DatasetException.class)
                .hasMessage(missingKey + ": expected the arrays x_train, y_train, x_test, y_test, found x_train (missing y_train, x_test, y_test)");

        Path notZip = Files.writeString(tmp.resolve("n.npz"), "not a zip");
        assertThatThrownBy(() -> KerasNpz.at(notZip).loadData()).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(notZip + ": expected an .npz (zip) archive, found a corrupt one");

        Path stray = tmp.resolve("stray.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(stray))) {
            zip.putNextEntry(new ZipEntry("x_train.txt"));
            zip.write(1);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> KerasNpz.at(stray).loadData()).isInstanceOf(DatasetException.class)
                .hasMessage(stray + ": expected only .npy entries, found 'x_train.txt'");

        byte[] good = Files.readAllBytes(Npz.write(tmp.resolve("g.npz"), keras(subset(0, 2), subset(2, 3)), false));
        Path cut = Files.write(tmp.resolve("cut.npz"), Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> KerasNpz.at(cut).loadData()).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(cut.toString()).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        Path bad = Npz.write(tmp.resolve("bad.npz"), Map.of("x_train", NpyArray.ofUint8(new byte[1], 1), "y_train",
                NpyArray.ofFloat32(new float[] {1}, 1), "x_test", NpyArray.ofUint8(new byte[1], 1), "y_test", NpyArray.ofInt64(new long[] {-3}, 1)), false);
        assertThatThrownBy(() -> KerasNpz.at(bad).loadData()).isInstanceOf(DatasetException.class)
                .hasMessage(bad + ":y_test: label 0: expected a value in [0, 0], found -3");

        Path none = tmp.resolve("home/.keras/datasets/mnist.npz");
        assertThatThrownBy(() -> KerasNpz.inKerasCache(tmp.resolve("home"), "mnist.npz").loadData()).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(none + ": expected an .npz file with the arrays x_train, y_train, x_test, y_test")
                .hasMessageContaining("keras.datasets.mnist.load_data()");
    }

    @Test
    void anEntryClaimingMoreBytesThanItsArchiveCanHoldIsRefusedBeforeAllocation() throws Exception {
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = Npz.write(tmp.resolve("lie" + compressed + ".npz"), Map.of("x", NpyArray.ofUint8(new byte[64], 64)), compressed);
            byte[] zip = Files.readAllBytes(file);
            int central = lastIndexOf(zip, new byte[] {0x50, 0x4b, 0x01, 0x02});
            java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(central + 24, 0x7FFF_0000); // uncompressed size
            Files.write(file, zip);
            assertThatThrownBy(() -> Npz.read(file)).as("compressed %s", compressed).isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(file + ":x.npy: expected an entry size consistent with its ")
                    .hasMessageContaining("found 2147418112 bytes");
        }
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static Map<String, NpyArray> keras(Dataset train, Dataset test) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("x_train", NpyArray.ofUint8(train.pixels(), train.shape()));
        arrays.put("y_train", NpyArray.ofUint8(bytes(train.labels()), train.count()));
        arrays.put("x_test", NpyArray.ofUint8(test.pixels(), test.shape()));
        arrays.put("y_test", NpyArray.ofUint8(bytes(test.labels()), test.count()));
        return arrays;
    }

    private static byte[] bytes(int[] labels) {
        byte[] out = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = (byte) labels[i];
        }
        return out;
    }
}
