package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.DatasetException;
import io.kerasj.data.Split;
import io.kerasj.data.TrainTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaliforniaHousingTest {

    /** The shared copy (never copied into the project); tests skip with the reason printed when it is absent. */
    static final Path SHARED = Path.of(System.getProperty("kerasj.shared", "/work/shared"))
            .resolve("datasets/california-housing/cal_housing.data");

    private static byte[] data;

    @TempDir
    Path temp;

    @BeforeAll
    static void readShared() throws IOException {
        if (!Files.isRegularFile(SHARED)) {
            System.out.println("CaliforniaHousingTest: skipped, no shared copy at " + SHARED);
        }
        Assumptions.assumeTrue(Files.isRegularFile(SHARED), "no shared copy of cal_housing.data at " + SHARED);
        data = Files.readAllBytes(SHARED);
    }

    @Test
    void theTableIsFetchCaliforniaHousings() {
        CaliforniaHousingTable table = CaliforniaHousing.read(SHARED);
        assertEquals(20640, table.rows());
        // the shared README's checks, which are scikit-learn's X.mean(axis=0) and y.mean() to six decimals
        double[] expected = {3.870671, 28.639486, 5.428999, 1.096675, 1425.476744, 3.070655, 35.631861, -119.569704};
        assertArrayEquals(expected, table.featureMeans(), 1e-6, "the README gives six decimals, truncated");
        assertEquals(2.068558, table.targetMean(), 1e-6);
        // first line: -122.23,37.88,41,880,129,322,126,8.3252,452600
        assertArrayEquals(new double[] {8.3252, 41, 880.0 / 126, 129.0 / 126, 322, 322.0 / 126, 37.88, -122.23},
                java.util.Arrays.copyOf(table.features(), 8), 0);
        assertEquals(4.526, table.target()[0], 0);
        Dataset dataset = table.dataset();
        assertArrayEquals(new long[] {20640, 8}, dataset.shape());
        assertEquals((float) (880.0 / 126), dataset.floats().sample(0)[2]);
    }

    @Test
    void loadDataAndTheNotebookSplit() {
        CaliforniaHousing source = new CaliforniaHousing(SHARED.getParent(), temp.resolve("sklearn"), null);
        TrainTest trainTest = source.loadData();
        assertEquals(15480, trainTest.train().count());
        assertEquals(5160, trainTest.test().count());
        Split split = CaliforniaHousing.notebookSplit(CaliforniaHousing.read(SHARED));
        assertEquals(11610, split.train().count());
        assertEquals(3870, split.validation().count());
        assertEquals(5160, split.test().count());
        assertArrayEquals(trainTest.test().y().floatValues(), split.test().y().floatValues(), "the same test rows");
        float[] x = split.train().floats().toArray();
        for (int c = 0; c < 8; c++) {
            double sum = 0;
            double squares = 0;
            for (int r = c; r < x.length; r += 8) {
                sum += x[r];
                squares += (double) x[r] * x[r];
            }
            double mean = sum / 11610;
            assertEquals(0, mean, 1e-6, "scaled training column " + c);
            assertEquals(1, squares / 11610 - mean * mean, 1e-5, "scaled training column " + c);
        }
        assertFalse(Files.exists(temp.resolve("sklearn")), "reading an explicit directory writes nothing");
    }

    @Test
    void sklearnsArchiveInItsDataHome() throws IOException {
        Path home = temp.resolve("home");
        Path dataHome = CaliforniaHousing.sklearnDataHome(Map.of(), home);
        assertEquals(home.resolve("scikit_learn_data"), dataHome);
        assertEquals(temp.resolve("elsewhere"), CaliforniaHousing.sklearnDataHome(Map.of("SCIKIT_LEARN_DATA", temp.resolve("elsewhere").toString()), home));
        Files.createDirectories(dataHome);
        Files.write(dataHome.resolve("cal_housing.tgz"), archive(data));
        CaliforniaHousing source = new CaliforniaHousing(null, dataHome, null);
        assertEquals(dataHome.resolve("cal_housing.tgz"), source.findLocal().orElseThrow());
        assertArrayEquals(CaliforniaHousing.read(SHARED).features(), source.table().features());
    }

    @Test
    void downloadsTheArchiveIntoTheDataHomeThroughTheDownloader() throws IOException {
        byte[] archive = archive(data);
        Path dataHome = temp.resolve("sklearn");
        Downloader local = new Downloader() {
            @Override
            public void download(String fileName, Path target) throws IOException {
                assertEquals("5976036", fileName);
                Files.write(target, archive);
            }

            @Override
            public String source() {
                return "test:";
            }
        };
        CaliforniaHousingTable table = new CaliforniaHousing(null, dataHome, local, Sha256.hex(archive)).table();
        assertEquals(20640, table.rows());
        assertTrue(Files.isRegularFile(dataHome.resolve("cal_housing.tgz")));

        Path other = temp.resolve("other");
        DatasetException e = assertThrows(DatasetException.class, () -> new CaliforniaHousing(null, other, local).table());
        assertTrue(e.getMessage().contains("downloading cal_housing.tgz from test:5976036 into " + other + " failed (test:5976036: SHA-256"),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected " + CaliforniaHousing.ARCHIVE_SHA256), e.getMessage());
        try (var files = Files.list(other)) {
            assertEquals(0, files.count(), "a refused download leaves nothing behind");
        }
    }

    @Test
    void missingDataNamesThePlaces() {
        Path empty = temp.resolve("empty");
        DatasetException explicit = assertThrows(DatasetException.class,
                () -> new CaliforniaHousing(empty, temp.resolve("sk"), null).table());
        assertEquals("California housing not found: expected cal_housing.data or cal_housing.tgz in the data directory " + empty
                + ", found no such directory", explicit.getMessage());
        DatasetException nowhere = assertThrows(DatasetException.class,
                () -> new CaliforniaHousing(null, temp.resolve("sk"), null).table());
        assertTrue(nowhere.getMessage().startsWith("California housing not found: looked for cal_housing.data and cal_housing.tgz in "
                + temp.resolve("sk")), nowhere.getMessage());
    }

    @Test
    void badRowsAndChecksumsNameTheFileAndLine() throws IOException {
        String text = new String(data, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n");
        assertFailure(replaceLine(lines, 2, "-122.220000,37.860000,21.000000"),
                "cal_housing.data: line 3: expected 9 comma-separated fields, found 3");
        assertFailure(replaceLine(lines, 4, lines[4].replace("37.", "3x.")),
                "cal_housing.data: line 5: field 2: expected a decimal number, found \"3x.");
        assertFailure(replaceLine(lines, 0, lines[0].replace(",126.000000,", ",0,")),
                "cal_housing.data: line 1: households (field 7): expected a positive number, found 0");
        assertFailure(replaceLine(lines, 9, lines[9].replace("-122.", "-121.")),
                "cal_housing.data: SHA-256 of the decompressed content: expected " + CaliforniaHousing.DATA_SHA256);
    }

    @Test
    void anArchiveWithTheWrongMemberContentIsRefused() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("archive"));
        byte[] changed = new String(data, StandardCharsets.US_ASCII).replaceFirst("452600", "452700").getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("cal_housing.tgz"), archive(changed));
        DatasetException e = assertThrows(DatasetException.class, () -> new CaliforniaHousing(dir, temp, null).table());
        assertTrue(e.getMessage().startsWith(dir.resolve("cal_housing.tgz") + ":CaliforniaHousing/cal_housing.data: SHA-256"), e.getMessage());
        assertEquals(dir.resolve("cal_housing.tgz"), e.file().orElseThrow());
    }

    private void assertFailure(String content, String expectedStart) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("bad" + expectedStart.hashCode()));
        Files.writeString(dir.resolve("cal_housing.data"), content, StandardCharsets.US_ASCII);
        DatasetException e = assertThrows(DatasetException.class, () -> new CaliforniaHousing(dir, temp, null).table());
        assertTrue(e.getMessage().startsWith(dir.resolve(expectedStart).toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(dir.resolve("cal_housing.data"), e.file().orElseThrow());
    }

    private static String replaceLine(String[] lines, int index, String replacement) {
        String[] copy = lines.clone();
        copy[index] = replacement;
        return String.join("\n", copy) + "\n";
    }

    private static byte[] archive(byte[] member) {
        return new TestTarGz().directory("CaliforniaHousing/").file(CaliforniaHousing.ARCHIVE_MEMBER, member).gzipped();
    }
}
