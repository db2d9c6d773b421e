package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.FloatSamples;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/** Every documented failure is a one-line SavedModelException naming the path and what was expected. */
class KerasSavedModelErrorsTest {
    @TempDir
    Path tmp;

    private static void oneLine(Throwable t) {
        assertThat(t).isInstanceOf(SavedModelException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
    }

    @Test
    void missingDirectory() {
        Path dir = tmp.resolve("nope");
        assertThatThrownBy(() -> KerasSavedModel.load(dir)).satisfies(KerasSavedModelErrorsTest::oneLine)
                .hasMessage("SavedModel directory " + dir + " does not exist");
    }

    @Test
    void directoryWithoutSavedModelPb() throws IOException {
        Files.writeString(tmp.resolve("model.h5"), "not a SavedModel");
        assertThatThrownBy(() -> KerasSavedModel.load(tmp)).satisfies(KerasSavedModelErrorsTest::oneLine)
                .hasMessageContaining(tmp + " is not a SavedModel").hasMessageContaining("saved_model.pb");
    }

    @Test
    void fileInsteadOfDirectory() throws IOException {
        Path f = Files.writeString(tmp.resolve("x.pb"), "x");
        assertThatThrownBy(() -> KerasSavedModel.load(f)).satisfies(KerasSavedModelErrorsTest::oneLine)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void garbledAndTruncatedSavedModelPb() throws IOException {
        byte[] pb = Files.readAllBytes(ReferenceModels.dir(ReferenceModels.KERAS212).resolve("saved_model.pb"));
        Path dir = Files.createDirectories(tmp.resolve("truncated"));
        Files.write(dir.resolve("saved_model.pb"), java.util.Arrays.copyOf(pb, pb.length / 2));
        assertThatThrownBy(() -> KerasSavedModel.load(dir)).satisfies(KerasSavedModelErrorsTest::oneLine)
                .hasMessageContaining(dir.resolve("saved_model.pb").toString());
        Files.write(dir.resolve("saved_model.pb"), "\u00ff\u00ffgarbage garbage".getBytes());
        assertThatThrownBy(() -> KerasSavedModel.load(dir)).satisfies(KerasSavedModelErrorsTest::oneLine)
                .hasMessageContaining(dir.resolve("saved_model.pb").toString());
    }

    @Test
    void missingServeTagListsTheTagsItHas() throws IOException {
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(ReferenceModels.dir(ReferenceModels.KERAS212).resolve("saved_model.pb")));
        MetaGraphDef mg = sm.getMetaGraphs(0);
        MetaGraphDef train = mg.toBuilder().setMetaInfoDef(mg.getMetaInfoDef().toBuilder().clearTags().addTags("train")).build();
        Path dir = Files.createDirectories(tmp.resolve("train-only"));
        Files.write(dir.resolve("saved_model.pb"), sm.toBuilder().setMetaGraphs(0, train).build().toByteArray());
        assertThatThrownBy(() -> KerasSavedModel.load(dir)).satisfies(KerasSavedModelErrorsTest::oneLine)
                .hasMessageContaining("no MetaGraphDef tagged [serve]").hasMessageContaining("[train]")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void missingServingDefaultListsTheSignaturesItHas() throws IOException {
        Path dir = TinyModels.withKey(tmp.resolve("other-key"), "predict_images");
        try (KerasSavedModel m = KerasSavedModel.load(dir)) {
            assertThatThrownBy(m::signature).satisfies(KerasSavedModelErrorsTest::oneLine)
                    .hasMessageContaining("no signature 'serving_default'").hasMessageContaining("predict_images");
            assertThatThrownBy(() -> m.predict(FloatSamples.of(new float[784], 28, 28)))
                    .isInstanceOf(SavedModelException.class).hasMessageContaining("predict_images");
            assertThat(m.predict("predict_images", FloatSamples.of(new float[784], 28, 28))[0]).hasSize(784);
        }
    }

    @Test
    void truncatedVariablesData() throws IOException {
        Path src = ReferenceModels.dir(ReferenceModels.KERAS212);
        Path dir = tmp.resolve("truncated-vars");
        copyTree(src, dir);
        Path data = dir.resolve("variables/variables.data-00000-of-00001");
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertThatThrownBy(() -> KerasSavedModel.load(dir)).satisfies(KerasSavedModelErrorsTest::oneLine)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void missingVariablesIndex() throws IOException {
        Path dir = tmp.resolve("no-index");
        copyTree(ReferenceModels.dir(ReferenceModels.KERAS212), dir);
        Files.delete(dir.resolve("variables/variables.index"));
        assertThatThrownBy(() -> KerasSavedModel.load(dir)).satisfies(KerasSavedModelErrorsTest::oneLine)
                .hasMessageContaining("variables/variables.index");
    }

    @Test
    void signatureThatCannotTake28x28Images() throws IOException {
        Path dir = TinyModels.withInput(tmp.resolve("rgb"), Shape.of(-1, 32, 32, 3));
        try (KerasSavedModel m = KerasSavedModel.load(dir)) {
            assertThatThrownBy(() -> m.predict(FloatSamples.of(new float[784], 28, 28)))
                    .satisfies(KerasSavedModelErrorsTest::oneLine)
                    .hasMessage("signature serving_default input x expects [-1,32,32,3], cannot take samples of shape [28,28]");
        }
    }

    @Test
    void channelAndFlatInputsAreAdapted() throws IOException {
        float[] px = new float[784 * 2];
        px[5] = 0.5f;
        for (Shape s : new Shape[] {Shape.of(-1, 28, 28, 1), Shape.of(-1, 784)}) {
            Path dir = TinyModels.withInput(tmp.resolve("in" + s.numDimensions()), s);
            try (KerasSavedModel m = KerasSavedModel.load(dir)) {
                float[][] y = m.predict(FloatSamples.of(px, 28, 28));
                assertThat(y).hasNumberOfRows(2);
                assertThat(y[0][5]).isEqualTo(1.0f);
                assertThat(m.outputIsProbabilities()).isFalse();
            }
        }
    }

    @Test
    void unknownVariableListsTheNames() {
        try (KerasSavedModel m = KerasSavedModel.load(ReferenceModels.dir(ReferenceModels.KERAS212))) {
            assertThatThrownBy(() -> m.readVariable("dense/weights")).satisfies(KerasSavedModelErrorsTest::oneLine)
                    .hasMessageContaining("dense/kernel");
            assertThat(m.variables()).extracting(VariableSpec::name).contains("dense/kernel", "dense_2/bias", "SGD/iter");
        }
    }

    static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void nonFinitePixelsAreRefusedAsSequentialPredictRefusesThem() {
        Path dir = tmp.resolve("java-export");
        try (io.kerasj.models.Sequential model = new io.kerasj.models.Sequential(1)) {
            model.add(new io.kerasj.layers.Flatten(28, 28));
            model.add(new io.kerasj.layers.Dense(10, "softmax"));
            model.save(dir);
        }
        float[] pixels = new float[2 * 28 * 28];
        pixels[28 * 28 + 5] = Float.NaN;
        FloatSamples x = FloatSamples.of(pixels, 28, 28);
        try (KerasSavedModel model = KerasSavedModel.load(dir)) {
            assertThatThrownBy(() -> model.predict(x)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("x[1]: expected finite values, found NaN at position 5");
        }
    }
}
