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
                .containsExactly("mlp", "normalized", "dnn", "dnn-bn", "dnn-selu", "cnn", "regression", "wide-deep",
                        "wide-deep-multi-input", "wide-deep-multi-output", "wide-deep-subclass", "transfer");
    }

    @Test
    void anUnknownModelNamesTheChoices() {
        KerasJTest.Run run = KerasJTest.run("notebook", "--model", "resnet");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--model: expected one of mlp, normalized, dnn, dnn-bn, dnn-selu, cnn, regression, wide-deep, "
                + "wide-deep-multi-input, wide-deep-multi-output, wide-deep-subclass, transfer, found 'resnet'");
    }

    @Test
    void eachSeriesRefusesTheOptionsOfTheOtherBeforeAnyWork(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        KerasJTest.Run fashion = KerasJTest.run("notebook", "--model", "mlp", "--learning-rate", "0.1", "--out", out.toString());
        assertThat(fashion.exitCode()).isEqualTo(2);
        assertThat(fashion.err()).contains("--learning-rate: only the California-housing notebooks take it");
        KerasJTest.Run regression = KerasJTest.run("notebook", "--model", "regression", "--save-model", tmp.resolve("m.keras").toString(),
                "--out", out.toString());
        assertThat(regression.exitCode()).isEqualTo(2);
        assertThat(regression.err()).contains("--save-model: the California-housing notebooks do not take it yet");
        KerasJTest.Run negative = KerasJTest.run("notebook", "--model", "wide-deep", "--learning-rate", "-1", "--out", out.toString());
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--learning-rate: expected a positive number, found -1.0");
        assertThat(out).doesNotExist();
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
