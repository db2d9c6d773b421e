package io.kerasj.data;

import io.kerasj.datasets.NumpyFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kerasj.testing.Fifos;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arrays read from files (issue 20): non-finite inputs and paths that are no files are refused in one line. */
class HostileArraysTest {
    @TempDir
    Path tmp;

    private Path labels() throws Exception {
        return Npy.write(tmp.resolve("y.npy"), NpyArray.ofInt32(new int[] {0, 1, 0, 1}, 4));
    }

    private static void refused(Runnable read, String... parts) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(read::run)
                .isInstanceOf(DatasetException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n");
                    for (String p : parts) {
                        assertThat(e.getMessage()).contains(p);
                    }
                }));
    }

    @Test
    void nanAndInfinityInFloat32SamplesAreRefusedNamingTheFileAndTheSample() throws Exception {
        float[] values = new float[4 * 3];
        values[2 * 3 + 1] = Float.NaN;
        Path x = Npy.write(tmp.resolve("x.npy"), NpyArray.ofFloat32(values, 4, 3));
        refused(() -> NumpyFiles.pair(x, labelsQuietly(), 2), x + ": sample 2 holds NaN (value 1 of the sample): expected finite numbers");
        values[2 * 3 + 1] = 0;
        values[3 * 3] = Float.NEGATIVE_INFINITY;
        Path inf = Npy.write(tmp.resolve("inf.npy"), NpyArray.ofFloat32(values, 4, 3));
        refused(() -> NumpyFiles.pair(inf, labelsQuietly(), 2), inf + ": sample 3 holds -Infinity (value 0 of the sample)");
    }

    @Test
    void aFloat64BeyondFloat32sRangeIsRefusedAsWrittenNotAsInfinity() throws Exception {
        double[] values = new double[4 * 2];
        values[1 * 2 + 1] = 1e39;
        Path x = Npy.write(tmp.resolve("x64.npy"), NpyArray.ofFloat64(values, 4, 2));
        refused(() -> NumpyFiles.pair(x, labelsQuietly(), 2), x + ": sample 1 holds 1.0E39, beyond float32's range (value 1 of the sample)");
    }

    @Test
    void aFifoNamedLikeAnNpyFileIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = Fifos.make(tmp.resolve("pipe.npy"));
        refused(() -> Npy.read(fifo), fifo + ": cannot read: not a regular file");
        refused(() -> Npy.dtypeOf(fifo), "not a regular file");
    }

    private Path labelsQuietly() {
        try {
            return labels();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
