package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.testing.FashionMnistData;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kerasj notebook --model}: the list, a bad name, and the CNN end to end for one epoch. */
class NotebookModelsTest {

    @Test
    void listsTheModelsOfTheSeries() {
        KerasJTest.Run run = KerasJTest.run("notebook", "--model", "list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().map(l -> l.split(" ")[0]).toList())
                .containsExactly("mlp", "normalized", "dnn", "dnn-bn", "dnn-selu", "cnn");
    }

    @Test
    void anUnknownModelNamesTheChoices() {
        KerasJTest.Run run = KerasJTest.run("notebook", "--model", "resnet");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--model: expected one of mlp, normalized, dnn, dnn-bn, dnn-selu, cnn, found 'resnet'");
    }

    @Test
    @Tag("slow")
    void theCnnRunsEndToEndForOneEpoch(@TempDir Path tmp) {
        Path data = FashionMnistData.dir();
        KerasJTest.Run run = KerasJTest.run("notebook", "--model", "cnn", "--epochs", "1", "--data-dir", data.toString(),
                "--out", tmp.resolve("run").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(55000, 28, 28, 1) (55000,)", "conv2d (Conv2D)              (None, 28, 28, 32)        320",
                "max_pooling2d (MaxPooling2D) (None, 14, 14, 32)        0", "Total params: 421,642", "313/313 [", "Files written:");
        System.out.println(run.out().lines().filter(l -> l.startsWith("1719/1719") || l.startsWith("[")).toList());
    }
}
