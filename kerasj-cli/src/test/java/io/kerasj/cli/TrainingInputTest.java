package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingInputTest {

    @TempDir
    Path tmp;

    private Path file(String name) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void detectsEachKindFromThePath() throws Exception {
        Path x = file("x.npy");
        Path y = file("y.npy");
        assertThat(TrainingInput.parse(x + "," + y)).isEqualTo(new TrainingInput(TrainingInput.Kind.NPY, List.of(x, y), null));
        assertThat(TrainingInput.parse(tmp.toString()).kind()).as("a folder holding y.npy").isEqualTo(TrainingInput.Kind.NPY);

        Path a = file("csv/b.csv");
        Path b = file("csv/a.csv");
        file("csv/.hidden.csv");
        assertThat(TrainingInput.parse(a.toString()).kind()).isEqualTo(TrainingInput.Kind.CSV);
        assertThat(TrainingInput.parse(a + "," + b).files()).containsExactly(a, b);
        assertThat(TrainingInput.parse(tmp.resolve("csv").toString()).files()).as("shards in name order, hidden files skipped")
                .containsExactly(b, a);

        Path r1 = file("rec/part-1.tfrecord");
        Path r0 = file("rec/part-0.tfrecord");
        assertThat(TrainingInput.parse(tmp.resolve("rec").toString()).files()).containsExactly(r0, r1);
        assertThat(TrainingInput.parse(file("one.tfrecords.gz").toString()).kind()).isEqualTo(TrainingInput.Kind.TFRECORD);

        file("img/cat/1.png");
        file("img/dog/1.png");
        assertThat(TrainingInput.parse(tmp.resolve("img").toString()).kind()).isEqualTo(TrainingInput.Kind.IMAGES);
    }

    @Test
    void refusesWhatItCannotReadInOneLine() throws Exception {
        Path x = file("x.npy");
        Path csv = file("m.csv");
        file("mixed/a.csv");
        file("mixed/b.tfrecord");
        Files.createDirectories(tmp.resolve("empty"));
        for (String spec : List.of("", x.toString(), x + "," + csv, x + ",", tmp.resolve("missing.csv").toString(),
                x + "," + x + "," + x, file("notes.txt").toString(), tmp.resolve("mixed").toString(), tmp.resolve("empty").toString())) {
            assertThatThrownBy(() -> TrainingInput.parse(spec)).as(spec).isInstanceOf(TrainingInput.Refused.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
