package io.kerasj.examples.chapter6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kerasj.data.Dataset;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.layers.Naming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FineTuneMobileNet} in a reduced form (2 classes of 16 images at 32x32, batches of 8, one epoch frozen and
 * one unfrozen): the folder written as {@code image_dataset_from_directory} reads it, the classifier alone trainable
 * while the base is frozen, the whole network after, and both fits reporting finite losses and the validation accuracy.
 */
@Tag("slow")
class FineTuneMobileNetTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheFolderFreezesTrainsThenFineTunes() throws Exception {
        Dataset images;
        try {
            images = FashionMnist.withDefaults(null).loadData().train();
        } catch (RuntimeException e) {
            assumeTrue(false, "Fashion-MNIST is not installed: " + e.getMessage());
            return;
        }
        Path folder = FashionImageFolder.write(images, List.of(5, 6), 16, tmp.resolve("images"));
        try (Stream<Path> sandals = Files.list(folder.resolve("sandal"))) {
            assertThat(sandals).hasSize(16);
        }
        Naming.clearSession();
        var settings = new FineTuneMobileNet.Settings(List.of(5, 6), 16, 32, 8, 1, 1, 42);
        FineTuneMobileNet.Result result = FineTuneMobileNet.run(folder, settings, 0);
        assertThat(result.classNames()).containsExactly("sandal", "shirt");
        assertThat(result.trainableWhenFrozen()).isEqualTo(1280 * 2 + 2); // the Dense classifier only
        assertThat(result.trainableWhenUnfrozen()).isGreaterThan(300_000);
        for (var history : List.of(result.frozen(), result.fineTuned())) {
            assertThat(history.history()).containsKeys("loss", "accuracy", "val_loss", "val_accuracy");
            assertThat(history.history().get("loss")).allMatch(Double::isFinite);
            assertThat(history.history().get("val_accuracy")).allMatch(a -> a >= 0 && a <= 1);
        }
    }
}
