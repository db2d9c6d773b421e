package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.data.NumpyRandomState;
import io.kerasj.data.Split;
import io.kerasj.data.StandardScaler;
import io.kerasj.data.TrainTestSplit;
import io.kerasj.testing.PythonKeras;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** KerasJ's permutation, split and scaler against NumPy and scikit-learn, live in the venv. */
@Tag("python")
@Tag("slow")
class CaliforniaHousingReferenceTest {

    @TempDir
    Path temp;

    @Test
    void permutationsAreNumpys() {
        PythonKeras.require();
        String[] cases = {"0:1", "0:10", "1:1000", "7:20640", "11:15480", "42:624", "123456789:70000", "4294967295:5000", "2:65537"};
        String[] lines = PythonKeras.run(120, Map.of(), "numpy_permutation.py", cases).strip().split("\n");
        assertEquals(cases.length, lines.length);
        for (int i = 0; i < cases.length; i++) {
            String[] seedAndSize = cases[i].split(":");
            int[] expected = lines[i].isEmpty() ? new int[0] : Arrays.stream(lines[i].split(",")).mapToInt(Integer::parseInt).toArray();
            int[] actual = new NumpyRandomState(Long.parseLong(seedAndSize[0])).permutation(Integer.parseInt(seedAndSize[1]));
            assertArrayEquals(expected, actual, "RandomState(" + seedAndSize[0] + ").permutation(" + seedAndSize[1] + ")");
        }
    }

    @Test
    void splitAndScaledArraysAreScikitLearns() throws Exception {
        PythonKeras.require();
        Assumptions.assumeTrue(Files.isRegularFile(CaliforniaHousingTest.SHARED), "no shared copy at " + CaliforniaHousingTest.SHARED);
        Path npz = temp.resolve("reference.npz");
        String[] out = PythonKeras.run(300, Map.of(), "california_housing_split.py", CaliforniaHousingTest.SHARED.toString(),
                npz.toString()).strip().split("\n");
        System.out.println("CaliforniaHousingReferenceTest: reference " + out[0]);
        Map<String, NpyArray> reference = Npz.read(npz);

        CaliforniaHousingTable all = CaliforniaHousing.read(CaliforniaHousingTest.SHARED);
        TrainTestSplit first = TrainTestSplit.of(all.rows(), CaliforniaHousing.TEST_SEED);
        TrainTestSplit second = TrainTestSplit.of(first.train().length, CaliforniaHousing.VALIDATION_SEED);
        int[] trainRows = Arrays.stream(second.train()).map(i -> first.train()[i]).toArray();
        int[] validRows = Arrays.stream(second.test()).map(i -> first.train()[i]).toArray();
        assertRows(reference.get("rows_train"), trainRows);
        assertRows(reference.get("rows_valid"), validRows);
        assertRows(reference.get("rows_test"), first.test());

        StandardScaler scaler = StandardScaler.fit(all.select(trainRows).features(), 8);
        assertArrayEquals(parse(out[1]), scaler.mean(), 0, "mean_");
        assertArrayEquals(parse(out[2]), scaler.scale(), 0, "scale_");

        Split split = CaliforniaHousing.notebookSplit(all);
        double worst = 0;
        worst = Math.max(worst, compare(reference, "train", split.train()));
        worst = Math.max(worst, compare(reference, "valid", split.validation()));
        worst = Math.max(worst, compare(reference, "test", split.test()));
        System.out.println("CaliforniaHousingReferenceTest: max |KerasJ - " + out[0] + "| over the six float32 arrays = " + worst);
        assertEquals(0.0, worst, "float32 arrays equal to the reference's");
    }

    private static double compare(Map<String, NpyArray> reference, String part, Dataset actual) {
        float[] x = reference.get("x_" + part).toFloats();
        float[] y = reference.get("y_" + part).toFloats();
        return Math.max(maxDifference(x, actual.floats().toArray()), maxDifference(y, actual.y().floatValues()));
    }

    private static double maxDifference(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs((double) expected[i] - actual[i]));
        }
        return worst;
    }

    private static void assertRows(NpyArray expected, int[] actual) {
        float[] rows = expected.toFloats();
        assertEquals(rows.length, actual.length);
        for (int i = 0; i < rows.length; i++) {
            assertEquals((int) rows[i], actual[i], "row " + i);
        }
    }

    private static double[] parse(String line) {
        return Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
