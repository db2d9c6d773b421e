package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.saving.keras.KerasFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class FitCommandTest {
    private static final int SAMPLES = 256;

    @TempDir
    Path tmp;

    /** Three classes of 4 features, separable: the class is the largest of the first three features. */
    private Path classificationNpy(Path dir) throws Exception {
        Random r = new Random(3);
        float[] x = new float[SAMPLES * 4];
        int[] y = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) r.nextGaussian();
            }
            y[i] = x[i * 4] > x[i * 4 + 1] ? (x[i * 4] > x[i * 4 + 2] ? 0 : 2) : (x[i * 4 + 1] > x[i * 4 + 2] ? 1 : 2);
        }
        Files.createDirectories(dir);
        Npy.write(dir.resolve("x.npy"), NpyArray.ofFloat32(x, SAMPLES, 4));
        Npy.write(dir.resolve("y.npy"), NpyArray.ofInt32(y, SAMPLES));
        return dir;
    }

    private Path classifier() {
        Path file = tmp.resolve("classifier.keras");
        try (Sequential m = new Sequential(7)) {
            m.add(new Input(4)).add(new Dense(16, "relu")).add(new Dense(3, "softmax"));
            m.compile("sparse_categorical_crossentropy", "adam", "accuracy");
            m.save(file);
        }
        return file;
    }

    /** y = 2a - b + 0.5c + 1, with a header; the label is the last column. */
    private Path regressionCsv(String name, String badRow) throws Exception {
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("a,b,c,target\n");
        for (int i = 0; i < SAMPLES; i++) {
            if (badRow != null && i == 4) {
                csv.append(badRow).append('\n');
                continue;
            }
            double a = r.nextGaussian(), b = r.nextGaussian(), c = r.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f%n", a, b, c, 2 * a - b + 0.5 * c + 1));
        }
        return Files.writeString(tmp.resolve(name), csv);
    }

    private Path regressor() {
        Path file = tmp.resolve("regressor.keras");
        try (Sequential m = new Sequential(11)) {
            m.add(new Input(3)).add(new Dense(1));
            m.compile("mse", "adam");
            m.save(file);
        }
        return file;
    }

    private static JsonNode history(KerasJTest.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        String json = run.out().lines().filter(l -> l.startsWith("{\"")).reduce((a, b) -> b).orElseThrow();
        return new ObjectMapper().readTree(json);
    }

    private static void assertDecreases(JsonNode losses) {
        assertThat(losses.size()).isGreaterThan(1);
        assertThat(losses.get(losses.size() - 1).asDouble()).isLessThan(losses.get(0).asDouble());
    }

    @Test
    void trainsOnNpyPairsWithValidationAndSavesAModelThatLoadsAndPredicts() throws Exception {
        Path model = classifier();
        Path data = classificationNpy(tmp.resolve("train"));
        Path out = tmp.resolve("trained.keras");
        KerasJTest.Run run = KerasJTest.run("fit", "--model", model.toString(),
                "--train", data.resolve("x.npy") + "," + data.resolve("y.npy"), "--validation", data.toString(),
                "--epochs", "8", "--batch-size", "16", "--seed", "1", "--save", out.toString());
        JsonNode history = history(run);
        assertThat(run.out()).contains("Epoch 1/8").contains("Epoch 8/8").contains("Wrote " + out.toAbsolutePath().normalize());
        assertDecreases(history.get("loss"));
        assertThat(history.has("val_loss")).isTrue();
        assertThat(history.get("accuracy").get(7).asDouble()).isGreaterThan(history.get("accuracy").get(0).asDouble());
        try (Model trained = KerasFiles.load(out)) {
            assertThat(trained.compileConfig()).as("the compile settings are kept").isNotNull();
            float[][] p = trained.predict(FloatSamples.of(new float[] {3, 0, 0, 0, 0, 3, 0, 0}, 4));
            assertThat(p).hasDimensions(2, 3);
            assertThat(p[0][0]).isGreaterThan(p[0][1]);
            assertThat(p[1][1]).isGreaterThan(p[1][0]);
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")))
                    .as("no staging or lock file left").isEmpty();
        }
        KerasJTest.Run again = KerasJTest.run("fit", "--model", model.toString(), "--train", data.toString(),
                "--epochs", "1", "--save", out.toString());
        assertThat(again.exitCode()).as("an existing OUT needs --overwrite").isEqualTo(2);
        assertThat(again.err()).contains("--overwrite");
        KerasJTest.Run replaced = KerasJTest.run("fit", "--model", out.toString(), "--train", data.toString(),
                "--epochs", "1", "--save", out.toString(), "--overwrite");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    }

    @Test
    void trainsOnCsvByLabelColumnIntoASavedModelFolder() throws Exception {
        Path model = regressor();
        Path csv = regressionCsv("rows.csv", null);
        Path out = tmp.resolve("regressor_saved_model");
        Path historyFile = tmp.resolve("history.json");
        JsonNode history = history(KerasJTest.run("fit", "--model", model.toString(), "--train", csv.toString(),
                "--epochs", "5", "--batch-size", "8", "--label", "target", "--save", out.toString(), "--history", historyFile.toString()));
        assertDecreases(history.get("loss"));
        assertThat(new ObjectMapper().readTree(historyFile.toFile())).isEqualTo(history);
        KerasJTest.Run historyExists = KerasJTest.run("fit", "--model", model.toString(), "--train", csv.toString(),
                "--epochs", "1", "--save", tmp.resolve("other.keras").toString(), "--history", historyFile.toString());
        assertThat(historyExists.exitCode()).as("--history never replaces a file").isEqualTo(2);
        assertThat(tmp.resolve("other.keras")).doesNotExist();
        assertThat(out.resolve("saved_model.pb")).isRegularFile();

        Path shards = Files.createDirectories(tmp.resolve("shards"));
        Files.copy(csv, shards.resolve("part-0.csv"));
        Files.copy(regressionCsv("more.csv", null), shards.resolve("part-1.csv"));
        Path keras = tmp.resolve("regressor_trained.keras");
        JsonNode sharded = history(KerasJTest.run("fit", "--model", model.toString(), "--train", shards.toString(),
                "--validation", csv.toString(), "--epochs", "3", "--save", keras.toString(), "--no-shuffle"));
        assertDecreases(sharded.get("loss"));
        assertThat(sharded.has("val_loss")).isTrue();
        try (Model trained = KerasFiles.load(keras)) {
            float[][] p = trained.predict(FloatSamples.of(new float[] {0, 0, 0}, 3));
            assertThat(p).hasDimensions(1, 1);
        }
    }

    @Test
    void trainsOnAFolderOfClassFoldersOfImagesAtTheModelsInputSize() throws Exception {
        Path images = tmp.resolve("images");
        Random r = new Random(9);
        for (String cls : List.of("bright", "dark")) {
            Path dir = Files.createDirectories(images.resolve(cls));
            for (int i = 0; i < 24; i++) {
                java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(12, 12, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < 144; p++) {
                    int v = cls.equals("bright") ? 160 + r.nextInt(96) : r.nextInt(96);
                    image.getRaster().setSample(p % 12, p / 12, 0, v);
                }
                javax.imageio.ImageIO.write(image, "png", dir.resolve(i + ".png").toFile());
            }
        }
        Path model = tmp.resolve("images.keras");
        try (Sequential m = new Sequential(3)) {
            m.add(new Input(8, 8, 1)).add(new io.kerasj.layers.Rescaling(1 / 255.0)).add(new io.kerasj.layers.Flatten())
                    .add(new Dense(2, "softmax"));
            m.compile("sparse_categorical_crossentropy", "adam", "accuracy");
            m.save(model);
        }
        Path out = tmp.resolve("images_trained.keras");
        KerasJTest.Run run = KerasJTest.run("fit", "--model", model.toString(), "--train", images.toString(),
                "--epochs", "6", "--batch-size", "8", "--seed", "2", "--save", out.toString());
        JsonNode history = history(run);
        assertThat(run.out()).contains("Found 48 files belonging to 2 classes.");
        assertDecreases(history.get("loss"));
        try (Model trained = KerasFiles.load(out)) {
            float[] bright = new float[64];
            java.util.Arrays.fill(bright, 230);
            float[][] p = trained.predict(FloatSamples.of(bright, 8, 8, 1));
            assertThat(p[0][0]).as("class 0 is 'bright', the first in name order").isGreaterThan(p[0][1]);
        }
        KerasJTest.Run refused = KerasJTest.run("fit", "--model", regressor().toString(), "--train", images.toString(),
                "--epochs", "1", "--save", tmp.resolve("never.keras").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("images [H, W, C]");
    }

    @Test
    void trainsOnGzipTfRecordsOfExamplesFeaturedByInputName() throws Exception {
        Path model = classifier();
        String inputName;
        io.kerasj.layers.Naming.clearSession(); // the names a new kerasj process sees
        try (Model m = KerasFiles.load(model)) {
            inputName = m.inputNames().get(0);
        }
        Random r = new Random(4);
        Path shards = Files.createDirectories(tmp.resolve("records"));
        for (int shard = 0; shard < 2; shard++) {
            try (var writer = io.kerasj.pipeline.tfrecord.TFRecordWriter.create(shards.resolve("part-" + shard + ".tfrecord.gz"),
                    io.kerasj.pipeline.tfrecord.TFRecordCompression.of("GZIP"))) {
                for (int i = 0; i < SAMPLES / 2; i++) {
                    float[] x = new float[4];
                    for (int j = 0; j < 4; j++) {
                        x[j] = (float) r.nextGaussian();
                    }
                    long y = x[0] > x[1] ? (x[0] > x[2] ? 0 : 2) : (x[1] > x[2] ? 1 : 2);
                    writer.writeExample(java.util.Map.of(inputName, io.kerasj.pipeline.HostArray.ofFloats(x, 4),
                            "label", io.kerasj.pipeline.HostArray.ofLongs(new long[] {y})));
                }
                writer.commit();
            }
        }
        Path out = tmp.resolve("from_records.keras");
        JsonNode history = history(KerasJTest.run("fit", "--model", model.toString(), "--train", shards.toString(),
                "--validation", shards.resolve("part-1.tfrecord.gz").toString(), "--epochs", "6", "--batch-size", "16",
                "--steps-per-epoch", "8", "--save", out.toString()));
        assertDecreases(history.get("loss"));
        assertThat(history.get("val_loss")).hasSize(6);
        assertThat(out).isRegularFile();

        KerasJTest.Run wrongLabel = KerasJTest.run("fit", "--model", model.toString(), "--train", shards.toString(),
                "--label", "target", "--epochs", "1", "--save", tmp.resolve("never.keras").toString());
        assertThat(wrongLabel.exitCode()).isEqualTo(1);
        assertThat(wrongLabel.err().strip().lines()).hasSize(1);
        assertThat(wrongLabel.err()).contains("part-0.tfrecord.gz").contains("target");
        assertThat(tmp.resolve("never.keras")).doesNotExist();
    }

    @Test
    void trainsAModelOfTwoNamedInputsOnAFolderOfNpyPerInputAndClassesFromCsv() throws Exception {
        Path data = classificationNpy(tmp.resolve("split"));
        float[] x = Npy.read(data.resolve("x.npy")).toFloats();
        float[] a = new float[SAMPLES * 2];
        float[] b = new float[SAMPLES * 2];
        for (int i = 0; i < SAMPLES; i++) {
            System.arraycopy(x, i * 4, a, i * 2, 2);
            System.arraycopy(x, i * 4 + 2, b, i * 2, 2);
        }
        Path folder = Files.createDirectories(tmp.resolve("two_inputs"));
        Npy.write(folder.resolve("left.npy"), NpyArray.ofFloat32(a, SAMPLES, 2));
        Npy.write(folder.resolve("right.npy"), NpyArray.ofFloat32(b, SAMPLES, 2));
        Files.copy(data.resolve("y.npy"), folder.resolve("y.npy"));
        Path model = tmp.resolve("two.keras");
        Input left = new Input(new long[] {2}, "left");
        Input right = new Input(new long[] {2}, "right");
        io.kerasj.models.Model m = new io.kerasj.models.Model(List.of(left, right),
                List.of(new Dense(3, "softmax").apply(new Dense(16, "relu").apply(io.kerasj.layers.Merge.concatenate(left, right)))));
        try (m) {
            m.compile("sparse_categorical_crossentropy", "adam");
            m.save(model);
        }
        JsonNode history = history(KerasJTest.run("fit", "--model", model.toString(), "--train", folder.toString(),
                "--epochs", "5", "--batch-size", "16", "--save", tmp.resolve("two_trained.keras").toString()));
        assertDecreases(history.get("loss"));

        StringBuilder csv = new StringBuilder("f0,f1,class,f2,f3\n");
        io.kerasj.data.NpyArray labels = Npy.read(data.resolve("y.npy"));
        float[] yf = labels.toFloats();
        for (int i = 0; i < SAMPLES; i++) {
            csv.append(String.format(Locale.ROOT, "%f,%f,%d,%f,%f%n", x[i * 4], x[i * 4 + 1], (int) yf[i], x[i * 4 + 2], x[i * 4 + 3]));
        }
        Path rows = Files.writeString(tmp.resolve("classes.csv"), csv);
        JsonNode fromCsv = history(KerasJTest.run("fit", "--model", classifier().toString(), "--train", rows.toString(),
                "--label", "class", "--epochs", "5", "--batch-size", "16", "--save", tmp.resolve("csv_trained.keras").toString()));
        assertDecreases(fromCsv.get("loss"));
        assertThat(fromCsv.get("accuracy").get(4).asDouble()).isGreaterThan(fromCsv.get("accuracy").get(0).asDouble());
    }

    @Test
    void neverReplacesAFileKerasJDidNotWrite() throws Exception {
        Path model = classifier();
        Path data = classificationNpy(tmp.resolve("train"));
        Path theirs = Files.writeString(tmp.resolve("theirs.keras"), "someone else's model");
        for (String overwrite : List.of("--no-shuffle", "--overwrite")) {
            KerasJTest.Run run = KerasJTest.run("fit", "--model", model.toString(), "--train", data.toString(),
                    "--epochs", "1", "--save", theirs.toString(), overwrite);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.out()).as("refused before any work").doesNotContain("Epoch");
            assertThat(Files.readString(theirs)).isEqualTo("someone else's model");
        }
    }

    @Test
    void badArgumentsAreOneLineUsageErrorsBeforeAnyWork() throws Exception {
        Path model = classifier();
        Path data = classificationNpy(tmp.resolve("train"));
        String out = tmp.resolve("out.keras").toString();
        List<List<String>> cases = List.of(
                List.of("--model", model.toString(), "--train", data.toString(), "--epochs", "0", "--save", out),
                List.of("--model", model.toString(), "--train", data.toString(), "--epochs", "x", "--save", out),
                List.of("--model", model.toString(), "--train", data.toString(), "--epochs", "1", "--batch-size", "0", "--save", out),
                List.of("--model", tmp.resolve("missing.keras").toString(), "--train", data.toString(), "--epochs", "1", "--save", out),
                List.of("--model", model.toString(), "--train", tmp.resolve("missing.csv").toString(), "--epochs", "1", "--save", out),
                List.of("--model", model.toString(), "--train", data.resolve("x.npy").toString(), "--epochs", "1", "--save", out),
                List.of("--model", model.toString(), "--train", data.toString(), "--validation", model.toString(), "--epochs", "1", "--save", out),
                List.of("--model", model.toString(), "--train", data.toString(), "--epochs", "1", "--image-size", "28", "--save", out),
                List.of("--model", model.toString(), "--train", data.toString(), "--epochs", "1", "--save", tmp.resolve("m.h5").toString()),
                List.of("--model", model.toString(), "--train", data.toString(), "--epochs", "1", "--save", out, "--history", out),
                List.of("--model", model.toString(), "--train", data.toString(), "--epochs", "1"));
        for (List<String> args : cases) {
            String[] argv = Stream.concat(Stream.of("fit"), args.stream()).toArray(String[]::new);
            KerasJTest.Run run = KerasJTest.run(argv);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).startsWith("kerasj: error: ");
            assertThat(run.err().strip().lines().filter(l -> l.startsWith("kerasj: error: "))).hasSize(1);
            assertThat(run.out()).doesNotContain("Epoch");
            assertThat(Path.of(out)).doesNotExist();
        }
    }

    @Test
    void aModelWithoutTrainingConfigurationIsRefusedInOneLine() throws Exception {
        Path model = tmp.resolve("uncompiled.keras");
        try (Sequential m = new Sequential(7)) {
            m.add(new Input(4)).add(new Dense(3, "softmax"));
            m.save(model);
        }
        Path out = tmp.resolve("out.keras");
        KerasJTest.Run run = KerasJTest.run("fit", "--model", model.toString(), "--train", classificationNpy(tmp.resolve("d")).toString(),
                "--epochs", "1", "--save", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("kerasj: error: " + model + " has no training configuration (compile it before saving)");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBadCsvRowFailsInOneLineNamingFileAndRowAndSavesNothing() throws Exception {
        Path model = regressor();
        Path csv = regressionCsv("bad.csv", "0.1,oops,0.3,1.0");
        Path out = tmp.resolve("out.keras");
        KerasJTest.Run run = KerasJTest.run("fit", "--model", model.toString(), "--train", csv.toString(),
                "--epochs", "2", "--save", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(csv.toString()).contains("line 6").contains("oops");
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
    }
}
