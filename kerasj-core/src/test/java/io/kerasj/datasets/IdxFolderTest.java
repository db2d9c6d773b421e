package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.DatasetException;
import io.kerasj.data.TestIdx;
import io.kerasj.data.TrainTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MNIST-format IDX dataset in a folder of one's own, written from a subset of the real Fashion-MNIST test set. */
public class IdxFolderTest {

    @TempDir
    Path tmp;

    @Test
    void anMnistFormatFolderLoadsAsWrittenWithTheClassCountFromItsLabels() throws Exception {
        Dataset train = TestIdx.real().test().slice(0, 600);
        Dataset test = TestIdx.real().test().slice(600, 800);
        Path dir = write(tmp.resolve("my-mnist"), IdxFolder.FileNames.MNIST, train, test, true);

        TrainTest loaded = IdxFolder.of(dir).loadData();

        assertSame(loaded.train(), train);
        assertSame(loaded.test(), test);
        assertThat(loaded.train().classCount()).isEqualTo(10);
        assertThat(loaded.test().labels()).startsWith(test.label(0), test.label(1));
        assertThat(loaded.split(100).train().count()).isEqualTo(500);
        assertThat(Arrays.equals(loaded.train().scaled().unsafeValues(), train.scaled().unsafeValues())).isTrue();
    }

    @Test
    void otherFileNamesUncompressedFilesAndAGivenClassCount() throws Exception {
        IdxFolder.FileNames kaggle = new IdxFolder.FileNames("train-images.idx3-ubyte", "train-labels.idx1-ubyte",
                "t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte");
        Dataset some = TestIdx.real().test().slice(0, 50);
        Path dir = write(tmp.resolve("kaggle"), kaggle, some, some, false);
        assertThat(Files.readAllBytes(dir.resolve(kaggle.trainImages()))).startsWith(0, 0, 8, 3);

        TrainTest loaded = IdxFolder.of(dir, kaggle).withClassCount(12).loadData();
        assertSame(loaded.train(), some);
        assertThat(loaded.train().classCount()).isEqualTo(12);

        int max = Arrays.stream(some.labels()).max().orElseThrow();
        assertThatThrownBy(() -> IdxFolder.of(dir, kaggle).withClassCount(max).loadData()).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir.resolve(kaggle.trainLabels()).toString())
                .hasMessageContaining("expected a value in [0, " + (max - 1) + "], found " + max);
    }

    @Test
    void aFolderOfFewerClassesCountsItsOwn() throws Exception {
        Dataset train = Dataset.ofImages(new byte[4 * 4], 2, 2, new int[] {0, 2, 1, 2}, 3);
        Dataset test = Dataset.ofImages(new byte[4], 2, 2, new int[] {4}, 5);
        Path dir = write(tmp.resolve("five"), IdxFolder.FileNames.MNIST, train, test, true);
        assertThat(IdxFolder.of(dir).loadData().train().classCount()).isEqualTo(5);
    }

    @Test
    void aMissingOrMismatchedFileIsNamed() throws Exception {
        Dataset some = TestIdx.real().test().slice(0, 20);
        Path dir = write(tmp.resolve("broken"), IdxFolder.FileNames.MNIST, some, some.slice(0, 10), true);
        TestIdx.writeGz(dir.resolve("t10k-labels-idx1-ubyte.gz"), TestIdx.labelsContent(1, 2, 3));
        assertThatThrownBy(() -> IdxFolder.of(dir).loadData()).isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("t10k-images-idx3-ubyte.gz") + " has 10 images but " + dir.resolve("t10k-labels-idx1-ubyte.gz")
                        + " has 3 labels: expected equal counts");
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
        assertThat(IdxFolder.of(dir).firstMissing()).isEqualTo("train-images-idx3-ubyte.gz");
        assertThatThrownBy(() -> IdxFolder.of(dir).loadData()).isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("train-images-idx3-ubyte.gz") + ": cannot read: expected a file, found none")
                .satisfies(e -> assertThat(((DatasetException) e).file()).contains(dir.resolve("train-images-idx3-ubyte.gz")));
    }

    public static void assertSame(Dataset loaded, Dataset expected) {
        assertThat(loaded.shape()).containsExactly(expected.shape());
        assertThat(loaded.pixels()).isEqualTo(expected.pixels());
        assertThat(loaded.labels()).isEqualTo(expected.labels());
    }

    private static Path write(Path dir, IdxFolder.FileNames names, Dataset train, Dataset test, boolean gzip) throws Exception {
        Files.createDirectories(dir);
        put(dir.resolve(names.trainImages()), TestIdx.imagesContent(train), gzip);
        put(dir.resolve(names.trainLabels()), TestIdx.labelsContent(train.labels()), gzip);
        put(dir.resolve(names.testImages()), TestIdx.imagesContent(test), gzip);
        put(dir.resolve(names.testLabels()), TestIdx.labelsContent(test.labels()), gzip);
        return dir;
    }

    private static void put(Path file, byte[] content, boolean gzip) throws Exception {
        Files.write(file, gzip ? TestIdx.gzip(content) : content);
    }
}
