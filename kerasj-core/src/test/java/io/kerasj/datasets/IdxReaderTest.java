package io.kerasj.datasets;

import io.kerasj.data.Dataset;
import io.kerasj.data.DatasetException;
import io.kerasj.data.TestIdx;
import io.kerasj.data.TrainTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheRealTestFiles() {
        IdxImages images = IdxReader.readImages(TestIdx.dir().resolve("t10k-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(TestIdx.dir().resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(images.count()).isEqualTo(10_000);
        assertThat(images.rows()).isEqualTo(28);
        assertThat(images.cols()).isEqualTo(28);
        assertThat(images.pixels()).hasSize(10_000 * 784);
        assertThat(labels).hasSize(10_000);
        assertThat(Arrays.copyOf(labels, 3)).containsExactly(9, 2, 1);
    }

    @Test
    void readsTheRealTrainingFilesAndTheirChecksumsMatch() {
        for (FashionMnist.IdxFile f : FashionMnist.IdxFile.values()) {
            byte[] content = IdxReader.readContent(TestIdx.dir().resolve(f.fileName()));
            assertThat(content).hasSize((int) f.contentBytes());
            assertThat(Sha256.hex(content)).as(f.fileName()).isEqualTo(f.contentSha256());
        }
        TrainTest data = TestIdx.real();
        assertThat(data.train().count()).isEqualTo(60_000);
        assertThat(data.test().count()).isEqualTo(10_000);
        assertThat(data.train().label(0)).isEqualTo(9);
        assertThat(data.test().labels()).startsWith(9, 2, 1);
    }

    @Test
    void readsASmallSyntheticPair() throws Exception {
        Path images = TestIdx.writeGz(tmp.resolve("img.gz"), TestIdx.imagesContent(3, 2, 4));
        Path labels = TestIdx.writeGz(tmp.resolve("lbl.gz"), TestIdx.labelsContent(5, 0, 255));
        Dataset set = IdxReader.readLabeled(images, labels);
        assertThat(set.shape()).containsExactly(3, 2, 4);
        assertThat(set.labels()).containsExactly(5, 0, 255);
        assertThat(set.image(1)).hasSize(8);
        assertThat(set.image(1)[0]).isEqualTo((byte) (8 * 7));
    }

    @Test
    void truncatedGzipNamesTheFile() throws Exception {
        byte[] gz = TestIdx.gzip(TestIdx.imagesContent(20, 28, 28));
        Path file = tmp.resolve("cut.gz");
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void nonGzipFileNamesTheFile() throws Exception {
        Path file = Files.write(tmp.resolve("plain.gz"), TestIdx.imagesContent(1, 2, 2));
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("expected a gzip file").hasMessageContaining("found bytes 00 00");
    }

    @Test
    void wrongMagicNamesTheFileAndBothNumbers() throws Exception {
        Path file = TestIdx.writeGz(tmp.resolve("labels.gz"), TestIdx.labelsContent(1, 2));
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("expected 0x00000803").hasMessageContaining("found 0x00000801");
    }

    @Test
    void headerCountsDisagreeingWithSizeNameTheFile() throws Exception {
        byte[] content = TestIdx.imagesContent(4, 3, 3);
        content[7] = 5; // header says 5 images, file holds 4
        Path file = TestIdx.writeGz(tmp.resolve("short.gz"), content);
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("expected 61 decompressed bytes, found 52");
        byte[] labels = TestIdx.labelsContent(1, 2, 3);
        labels[7] = 2;
        Path lfile = TestIdx.writeGz(tmp.resolve("l.gz"), labels);
        assertThatThrownBy(() -> IdxReader.readLabels(lfile)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(lfile.toString()).hasMessageContaining("expected 10 decompressed bytes, found 11");
    }

    @Test
    void labelAndImageCountMismatchNamesBothFiles() throws Exception {
        Path images = TestIdx.writeGz(tmp.resolve("img.gz"), TestIdx.imagesContent(3, 2, 2));
        Path labels = TestIdx.writeGz(tmp.resolve("lbl.gz"), TestIdx.labelsContent(1, 2));
        assertThatThrownBy(() -> IdxReader.readLabeled(images, labels)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.toString()).hasMessageContaining(labels.toString())
                .hasMessageContaining("3 images").hasMessageContaining("2 labels");
    }

    @Test
    void missingFileNamesTheFile() {
        Path file = tmp.resolve("nothing.gz");
        assertThatThrownBy(() -> IdxReader.readLabels(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsUnreadable() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("train-images-idx3-ubyte.gz"));
        assertThatThrownBy(() -> IdxReader.readImages(dir)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("found a directory");
    }

    @Test
    void unreadableFileNamesTheFile() throws Exception {
        Path file = TestIdx.writeGz(tmp.resolve("secret.gz"), TestIdx.labelsContent(1));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file),
                "chmod 000 does not stop this user (root) from reading; aDirectoryInPlaceOfTheFileIsUnreadable covers unreadable files");
        assertThatThrownBy(() -> IdxReader.readLabels(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("permission denied");
    }

    @Test
    void checksumMismatchNamesFileAndBothDigests() {
        byte[] content = TestIdx.labelsContent(1, 2, 3);
        String expected = FashionMnist.IdxFile.TEST_LABELS.contentSha256();
        assertThatThrownBy(() -> Sha256.verify(content, expected, "/x/t10k-labels-idx1-ubyte.gz"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("/x/t10k-labels-idx1-ubyte.gz")
                .hasMessageContaining("expected " + expected)
                .hasMessageContaining("found " + Sha256.hex(content));
    }

    @Test
    void messagesAreOneLine() throws Exception {
        byte[] gz = TestIdx.gzip(TestIdx.imagesContent(20, 28, 28));
        Path file = Files.write(tmp.resolve("cut.gz"), Arrays.copyOf(gz, 30));
        assertThatThrownBy(() -> IdxReader.readImages(file)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
