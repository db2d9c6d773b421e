package io.kerasj.data;

import io.kerasj.datasets.IdxImages;
import io.kerasj.datasets.IdxReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random mutations of IDX files must end in a DatasetException (or a self-consistent parse), never anything else. */
class IdxFuzzTest {

    @TempDir
    Path tmp;

    @Test
    void mutatedHeadersAlwaysEndInADatasetException() throws Exception {
        List<byte[]> bases = new ArrayList<>();
        byte[] realImages = IdxReader.readContent(TestIdx.dir().resolve("t10k-images-idx3-ubyte.gz"));
        byte[] realLabels = IdxReader.readContent(TestIdx.dir().resolve("t10k-labels-idx1-ubyte.gz"));
        bases.add(Arrays.copyOf(realImages, 400));
        bases.add(Arrays.copyOf(realLabels, 300));
        bases.add(TestIdx.imagesContent(3, 4, 5));
        bases.add(TestIdx.labelsContent(1, 2, 3, 4));
        Random random = new Random(20240611L);
        Path file = tmp.resolve("fuzz.gz");
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long end = System.nanoTime() + 2_000_000_000L;
            int attempts = 0;
            while (System.nanoTime() < end || attempts < 200) {
                attempts++;
                byte[] content = bases.get(random.nextInt(bases.size())).clone();
                byte[] bytes;
                int mode = random.nextInt(4);
                if (mode == 0) { // header bytes of the content
                    for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                        content[random.nextInt(Math.min(16, content.length))] = (byte) random.nextInt(256);
                    }
                    bytes = TestIdx.gzip(content);
                } else if (mode == 1) { // any bytes of the gzip stream
                    bytes = TestIdx.gzip(content);
                    for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                } else if (mode == 2) { // truncation of the content (header counts disagree with size)
                    bytes = TestIdx.gzip(Arrays.copyOf(content, random.nextInt(content.length)));
                } else { // truncation of the gzip stream
                    byte[] gz = TestIdx.gzip(content);
                    bytes = Arrays.copyOf(gz, random.nextInt(gz.length));
                }
                Files.write(file, bytes);
                boolean images = random.nextBoolean();
                try {
                    if (images) {
                        IdxImages parsed = IdxReader.readImages(file);
                        assertThat((long) parsed.count() * parsed.rows() * parsed.cols()).isEqualTo(parsed.pixels().length);
                    } else {
                        IdxReader.readLabels(file);
                    }
                    outcomes[0]++;
                } catch (DatasetException e) {
                    assertThat(e.getMessage()).contains(file.toString()).doesNotContain("\n");
                    outcomes[1]++;
                }
            }
        });
        // a mutation may leave a valid file (e.g. a changed pixel, or the matching kind of file); most must fail
        assertThat(outcomes[1]).isGreaterThan(outcomes[0] * 3);
    }
}
