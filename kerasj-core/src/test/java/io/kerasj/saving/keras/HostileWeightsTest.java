package io.kerasj.saving.keras;

import static io.kerasj.saving.keras.HostileModelFilesTest.keras;
import static io.kerasj.saving.keras.HostileModelFilesTest.refusedQuickly;
import static io.kerasj.saving.keras.HostileModelFilesTest.sequentialDense;
import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.testing.PythonKeras;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 weights that claim far more than they hold (issue 20), written by h5py ({@code python-reference/hostile_h5.py}):
 * a 5 KB file declaring 46,340 x 46,340 float32, gzip-compressed 2^28 weights, a chunk that inflates to 10 MB. Each is
 * refused in one line from its declared shape, before jHDF allocates; a child JVM with a 128 MB heap shows it.
 */
@Tag("python")
@Tag("slow")
class HostileWeightsTest {
    private static final int SMALL_HEAP_MB = 128;
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() {
        PythonKeras.require();
        PythonKeras.run(300, Map.of(), "hostile_h5.py", dir.toString());
    }

    private static Path keras(String name, String config, String h5) throws Exception {
        return HostileModelFilesTest.keras(dir.resolve(name), config, Files.readAllBytes(dir.resolve(h5)));
    }

    private static void refusedInASmallHeap(Path file, String part) throws Exception {
        BoundedHeapChild.Result result = BoundedHeapChild.run(SMALL_HEAP_MB, "model", file);
        assertThat(result.exitCode()).as(result.output()).isEqualTo(BoundedHeapChild.REFUSED);
        assertThat(result.output().strip()).startsWith(file.toString()).contains(part).doesNotContain("\n");
    }

    @Test
    void aWeightDeclaring46340SquaredFloatsIsRefusedFromItsDeclaredShape() throws Exception {
        Path file = keras("huge.keras", sequentialDense(4, 3), "huge.h5");
        refusedQuickly(file, "layers/dense/vars/0 declares shape (46340, 46340), expected (4, 3) for layer 'dense'");
        refusedInASmallHeap(file, "declares shape (46340, 46340)");
    }

    @Test
    void aConfigThatItselfImpliesTheHugeWeightIsRefusedAgainstTheFreeHeap() throws Exception {
        // the shapes agree, so only the heap bound stands between jHDF and an 8.6 GB array
        refusedInASmallHeap(keras("huge-config.keras", sequentialDense(46340, 46340), "huge.h5"), "bytes free in the Java heap (-Xmx)");
    }

    @Test
    void gzipWeightsOf2To28FloatsAreRefusedBeforeInflating() throws Exception {
        Path file = keras("gzip.keras", sequentialDense(4, 3), "gzip.h5");
        refusedQuickly(file, "declares shape (1, 268435456), expected (4, 3)");
        refusedInASmallHeap(keras("gzip-config.keras", sequentialDense(1, 1 << 28), "gzip.h5"), "bytes free in the Java heap (-Xmx)");
    }

    @Test
    void aChunkThatInflatesBeyondItsDeclaredSizeIsRefused() throws Exception {
        refusedQuickly(keras("bomb.keras", sequentialDense(4, 3), "bomb.h5"),
                "layers/dense/vars/0 has a chunk that inflates beyond its 48 bytes: refused as a possible compression bomb");
    }

    @Test
    void aLegacyH5KernelDeclaring46340SquaredFloatsIsRefusedFromItsDeclaredShape() throws Exception {
        Path file = dir.resolve("legacy.h5");
        refusedQuickly(file, "weight dense/kernel:0 declares shape (46340, 46340), expected (4, 3) for layer 'dense'");
        refusedInASmallHeap(file, "declares shape (46340, 46340)");
    }
}
