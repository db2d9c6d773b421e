package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.KerasJException;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {

    /** SGD at 0.5 on few, overlapping samples: the validation loss goes down, then up and down again. */
    private static Sequential bumpy(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Flatten(Blobs.FEATURES));
        model.add(new Dense(32, "relu"));
        model.add(new Dense(Blobs.CLASSES, "softmax"));
        model.compile(new SparseCategoricalCrossentropy(), new SGD(0.5), "accuracy");
        return model;
    }

    @Test
    void saveBestOnlyKeepsExactlyTheBestEpochsModelWhichReproducesItsValLoss(@TempDir Path dir) throws IOException {
        Blobs train = Blobs.of(48, 31, 1.6);
        Blobs val = Blobs.of(300, 32, 1.6);
        Path best = dir.resolve("best");
        ModelCheckpoint fixed = new ModelCheckpoint(best.toString()).saveBestOnly(true);
        ModelCheckpoint templated = new ModelCheckpoint(dir.resolve("m-{epoch:02d}-{val_loss:.2f}").toString()).saveBestOnly(true);
        History history;
        try (Sequential model = bumpy(33)) {
            history = model.fit(train.x, train.y, FitOptions.defaults().epochs(8).batchSize(16).verbose(0)
                    .validation(val.validation()).callback(fixed).callback(templated));
        }
        List<Double> valLoss = history.history().get("val_loss");
        int argmin = 0;
        List<String> improving = new ArrayList<>();
        double running = Double.POSITIVE_INFINITY;
        for (int e = 0; e < valLoss.size(); e++) {
            if (valLoss.get(e) < valLoss.get(argmin)) {
                argmin = e;
            }
            if (valLoss.get(e) < running) {
                running = valLoss.get(e);
                improving.add(String.format(java.util.Locale.ROOT, "m-%02d-%.2f", e + 1, valLoss.get(e)));
            }
        }
        System.out.println("val_loss by epoch " + valLoss + "; saved " + improving + "; best epoch " + (argmin + 1));
        assertThat(argmin).as("the run must have a best epoch before its last: " + valLoss).isLessThan(valLoss.size() - 1);
        assertThat(fixed.best()).isEqualTo(valLoss.get(argmin));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("m-")))
                    .containsExactlyInAnyOrderElementsOf(improving);
        }
        // the saved model, loaded back into a fresh model, evaluates to the recorded best val_loss
        try (KerasSavedModel saved = KerasSavedModel.load(best); Sequential fresh = bumpy(99)) {
            fresh.setWeights(List.of(saved.readVariable("dense/kernel").values(), saved.readVariable("dense/bias").values(),
                    saved.readVariable("dense_1/kernel").values(), saved.readVariable("dense_1/bias").values()));
            double[] evaluated = fresh.evaluate(val.x, val.y);
            assertThat(evaluated[0]).isCloseTo(valLoss.get(argmin), within(1e-6));
        }
    }

    @Test
    void neverReplacesAPathKerasJDidNotWrite(@TempDir Path dir) throws IOException {
        Path mine = Files.createDirectories(dir.resolve("best"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        Blobs data = Blobs.of(64, 34);
        try (Sequential model = Blobs.mlp(34)) {
            assertThatThrownBy(() -> model.fit(data.x, data.y, FitOptions.defaults().epochs(1).verbose(0)
                    .callback(new ModelCheckpoint(mine.toString()))))
                    .isInstanceOf(KerasJException.class)
                    .hasMessage(mine.toAbsolutePath().normalize() + ": exists and is not a SavedModel KerasJ wrote; not replacing it");
        }
        assertThat(mine.resolve("notes.txt")).hasContent("mine");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(mine); // no staging directory left behind
        }
    }

    @Test
    void weightsOnlyWritesKerasJsWeightsFileEachEpoch(@TempDir Path dir) {
        Blobs data = Blobs.of(64, 35);
        Path file = dir.resolve("w.weights.kerasj");
        List<float[]> weights;
        try (Sequential model = Blobs.mlp(35)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0)
                    .callback(new ModelCheckpoint(file.toString()).saveWeightsOnly(true)));
            weights = model.getWeights();
        }
        TrainingState state = TrainingState.read(file);
        assertThat(state.epochsDone()).isEqualTo(2);
        assertThat(state.weights()).hasSameSizeAs(weights);
        for (int i = 0; i < weights.size(); i++) {
            assertThat(state.weights().get(i)).containsExactly(weights.get(i));
        }
    }

    @Test
    void refusesBadArguments(@TempDir Path dir) {
        assertThatThrownBy(() -> new ModelCheckpoint("w.weights.h5").saveWeightsOnly(true))
                .hasMessageStartingWith("filepath: with save_weights_only=True, expected a path ending in .weights.kerasj");
        assertThatThrownBy(() -> new ModelCheckpoint("m").saveFreq("batch")).hasMessageStartingWith("save_freq: expected \"epoch\"");
        assertThatThrownBy(() -> new ModelCheckpoint("m").mode("best")).hasMessageStartingWith("mode: expected");
    }

    @Test
    void aKerasPathWritesKeras3sFormatThatLoadsBackWithTheLastWeights(@TempDir Path dir) throws IOException {
        Blobs data = Blobs.of(32, 36);
        Path file = dir.resolve("best.keras");
        try (Sequential model = Blobs.mlp(36)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0)
                    .callback(new ModelCheckpoint(file.toString())));
            try (io.kerasj.models.Model loaded = io.kerasj.saving.keras.KerasFiles.load(file, 1, warning -> { })) {
                assertThat(loaded.getWeights().get(0)).containsExactly(model.getWeights().get(0));
            }
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("best.keras");
        }
    }

    @Test
    void aKerasWriterPlugsIntoTheHookAndItsFileLandsAtomically(@TempDir Path dir) throws IOException {
        Blobs data = Blobs.of(32, 37);
        List<Path> staged = new ArrayList<>();
        ModelCheckpoint checkpoint = new ModelCheckpoint(dir.resolve("m-{epoch}.keras").toString())
                .kerasWriter((model, file) -> {
                    staged.add(file);
                    Files.writeString(file, "weights " + model.getWeights().size());
                });
        try (Sequential model = Blobs.mlp(37)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0).callback(checkpoint));
        }
        assertThat(dir.resolve("m-1.keras")).hasContent("weights 4");
        assertThat(dir.resolve("m-2.keras")).exists();
        assertThat(staged).hasSize(2).allSatisfy(p -> assertThat(p).doesNotExist());
    }
}
