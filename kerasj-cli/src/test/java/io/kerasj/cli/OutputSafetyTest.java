package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kerasj.datasets.FashionMnist;
import io.kerasj.data.FloatSamples;
import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a user owns is lost: every command refuses, before any work and in one line, targets that are not its
 * own, arguments that are wrong and checkpoints that are damaged; two runs aimed at one target do not both win.
 */
class OutputSafetyTest {
    private static final String DATA = FashionMnist.SYSTEM_DIR.toString();

    @TempDir
    Path tmp;

    private Path checkpoint;

    @BeforeEach
    void notebookCheckpoint() {
        checkpoint = tmp.resolve("ck");
        writeCheckpoint(checkpoint, 1);
    }

    /**
     * A checkpoint of the notebook's model after one epoch on 64 random images (its shapes are what matter), written
     * as the notebook writes it: by a {@link BackupAndRestore} that keeps its file.
     */
    static void writeCheckpoint(Path dir, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[64 * 28 * 28];
        int[] labels = new int[64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        try (Sequential model = NotebookModel.build(seed)) {
            model.fit(FloatSamples.of(pixels, 28, 28), labels, FitOptions.defaults().epochs(1).verbose(0)
                    .callback(new BackupAndRestore(dir, false)));
        }
    }

    @Test
    void exportOfTheCurrentFolderItsParentTheRootOrHomeIsRefusedAndNothingIsTouched() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work/sub"));
        Files.writeString(work.resolve("thesis.tex"), "mine");
        Files.createDirectories(work.resolve("figures"));
        Map<String, String> before = tree(tmp.resolve("work"));
        for (String target : List.of(".", "..", "/", System.getProperty("user.home"), "./")) {
            KerasJProcess.Result result = KerasJProcess.run(work, "export", target, "--from-checkpoint", checkpoint.toString(),
                    "--overwrite", "--data-dir", DATA);
            assertThat(result.exitCode()).as(target + ": " + result.output()).isEqualTo(2);
            assertThat(result.output().strip().lines()).as(result.output()).hasSize(1);
            assertThat(result.output()).startsWith("kerasj: error: ").contains(": is the ").contains(" folder")
                    .doesNotContain("Exception");
        }
        assertThat(tree(tmp.resolve("work"))).isEqualTo(before);
    }

    @Test
    void exportOverwriteRefusesAPlainFolderAFileAndAForeignReport() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(plain.resolve("data.csv"), "1,2");
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Path model = tmp.resolve("model");
        Files.writeString(tmp.resolve("model.json"), "{\"mine\": true}");
        Map<String, String> before = tree(tmp);
        for (Path target : List.of(plain, notes, model)) {
            KerasJTest.Run run = KerasJTest.run("export", target.toString(), "--from-checkpoint", checkpoint.toString(), "--overwrite",
                    "--data-dir", DATA);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).startsWith("kerasj: error: " + target).contains("left untouched");
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.out()).isEmpty();
        }
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void notebookChecksEveryArgumentAndTargetBeforeAnyWork() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("keep.txt"), "mine");
        Path tensorBoardWithAFileTrain = Files.createDirectories(tmp.resolve("tb"));
        Files.writeString(tensorBoardWithAFileTrain.resolve("train"), "a file where TensorBoard's train folder goes");
        Map<String, String> before = tree(tmp);
        String out = tmp.resolve("run").toString();
        List<List<String>> cases = List.of(
                List.of("--epochs", "0", "--out", out),
                List.of("--epochs", "-1", "--out", out),
                List.of("--intra-op-threads", "-1", "--out", out),
                List.of("--inter-op-threads", "-2", "--out", out),
                List.of("--out", notes.toString()),
                List.of("--out", mine.toString()),
                List.of("--out", mine.toString(), "--overwrite"),
                List.of("--out", out, "--resume"),
                List.of("--out", out, "--checkpoint-dir", mine.toString()),
                List.of("--out", out, "--checkpoint-dir", checkpoint.toString()),
                List.of("--out", out, "--save-model", mine.toString(), "--overwrite"),
                List.of("--out", out, "--checkpoint-dir", checkpoint.toString(), "--resume", "--seed", "2"),
                List.of("--out", out, "--tensorboard", notes.toString()),
                List.of("--out", out, "--tensorboard", notes.resolve("logs").toString()),
                List.of("--out", out, "--tensorboard", tensorBoardWithAFileTrain.toString()));
        for (List<String> arguments : cases) {
            List<String> args = new ArrayList<>(List.of("notebook", "--data-dir", DATA));
            args.addAll(arguments);
            KerasJTest.Run run = KerasJTest.run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(arguments + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(arguments.toString()).startsWith("kerasj: error: ");
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.out()).as(arguments.toString()).isEmpty();
            assertThat(tree(tmp)).as(arguments.toString()).isEqualTo(before);
        }
        KerasJTest.Run seed = KerasJTest.run("export", tmp.resolve("x").toString(), "--from-checkpoint", checkpoint.toString(),
                "--seed", "2", "--data-dir", DATA);
        assertThat(seed.exitCode()).isEqualTo(2);
        assertThat(seed.err()).contains("--seed 2: the checkpoint in " + checkpoint + " was trained with seed 1");
        assertThat(KerasJTest.run("predict", "--model", tmp.toString(), "--first", "-1").exitCode()).isEqualTo(2);
        assertThat(KerasJTest.run("export", tmp.resolve("x").toString(), "--epochs", "-1").exitCode()).isEqualTo(2);
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void aReadOnlyOutIsOneLineBeforeAnyWork() {
        Path readOnly = Path.of("/sys/kerasj-read-only-test/run");
        assumeThat(cannotCreate(readOnly.getParent())).as("/sys accepts new folders here, so it cannot stand for a read-only folder").isTrue();
        KerasJTest.Run run = KerasJTest.run("notebook", "--data-dir", DATA, "--out", readOnly.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("kerasj: error: " + readOnly + ": cannot write beside it").doesNotContain("Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
        KerasJTest.Run export = KerasJTest.run("export", readOnly.toString(), "--epochs", "1", "--data-dir", DATA);
        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.out()).as("refused before training").isEmpty();
        assertThat(export.err()).startsWith("kerasj: error: " + readOnly + ": cannot write beside it");
    }

    @Test
    void showImagesReplacesOnlyItsOwnPicturesAndOnlyWhenAsked() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("single_image.png"), "my own picture");
        KerasJTest.Run refused = KerasJTest.run("show-images", "--data-dir", DATA, "--out", mine.toString(), "--overwrite");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("single_image.png").contains("left untouched");
        assertThat(mine.resolve("single_image.png")).hasContent("my own picture");
        Path images = tmp.resolve("images");
        assertThat(KerasJTest.run("show-images", "--data-dir", DATA, "--out", images.toString()).exitCode()).isZero();
        assertThat(KerasJTest.run("show-images", "--data-dir", DATA, "--out", images.toString()).exitCode()).isEqualTo(2);
        assertThat(KerasJTest.run("show-images", "--data-dir", DATA, "--out", images.toString(), "--overwrite").exitCode()).isZero();
        assertThat(names(images)).containsExactly(".kerasj-run", "grid_images.png", "single_image.png");
    }

    @Test
    void aDamagedCheckpointIsRefusedInOneLineAndNothingIsWrittenOrOverwritten() throws Exception {
        Path state = checkpoint.resolve(BackupAndRestore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(state);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(state, bytes);
        Map<String, String> before = tree(tmp);
        KerasJTest.Run export = KerasJTest.run("export", tmp.resolve("model").toString(), "--from-checkpoint", checkpoint.toString(),
                "--data-dir", DATA);
        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err()).startsWith("kerasj: error: backup_dir: " + state + " is not an intact KerasJ backup (checksum mismatch");
        assertThat(export.err().strip().lines()).hasSize(1);
        KerasJTest.Run resume = KerasJTest.run("notebook", "--data-dir", DATA, "--epochs", "2", "--out", tmp.resolve("run").toString(),
                "--checkpoint-dir", checkpoint.toString(), "--resume");
        assertThat(resume.exitCode()).isEqualTo(1);
        assertThat(resume.err()).startsWith("kerasj: error: backup_dir: " + state + " is not an intact KerasJ backup (checksum mismatch");
        assertThat(resume.out()).isEmpty();
        assertThat(tree(tmp)).isEqualTo(before);
    }

    /** Runs the command twice at once on one target: one run writes it, the other fails saying another run is. */
    private static void runTwiceAtOnceOneWinsTheOtherSaysWhy(Path target, String[] args) throws Exception {
        CompletableFuture<KerasJTest.Run> first = CompletableFuture.supplyAsync(() -> KerasJTest.run(args));
        CompletableFuture<KerasJTest.Run> second = CompletableFuture.supplyAsync(() -> KerasJTest.run(args));
        List<KerasJTest.Run> runs = List.of(first.get(), second.get());
        assertThat(runs).extracting(KerasJTest.Run::exitCode).containsExactlyInAnyOrder(0, 1);
        KerasJTest.Run loser = runs.stream().filter(r -> r.exitCode() == 1).findFirst().orElseThrow();
        assertThat(loser.err()).isEqualTo("kerasj: error: " + target
                + ": another KerasJ run is writing it now; wait for it to end or choose another path" + System.lineSeparator());
    }

    @Test
    void twoExportsToOneNewTargetAtOnceOneWinsTheOtherSaysWhy() throws Exception {
        Path target = tmp.resolve("model");
        String[] args = {"export", target.toString(), "--from-checkpoint", checkpoint.toString(), "--data-dir", DATA};
        runTwiceAtOnceOneWinsTheOtherSaysWhy(target, args);
        assertThat(target.resolve("saved_model.pb")).exists();
        assertThat(tmp.resolve("model.json")).exists();
        assertThat(names(tmp)).containsExactlyInAnyOrder("ck", "model", "model.json");
        KerasJTest.Run again = KerasJTest.run(args);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists; pass --overwrite");
    }

    @Test
    void twoNotebooksIntoOneOutAtOnceOneWinsAndAFinishedRunIsNotOverwritten() throws Exception {
        Path out = tmp.resolve("run");
        String[] args = {"notebook", "--data-dir", DATA, "--epochs", "1", "--out", out.toString()};
        CompletableFuture<KerasJTest.Run> first = CompletableFuture.supplyAsync(() -> KerasJTest.run(args));
        CompletableFuture<KerasJTest.Run> second = CompletableFuture.supplyAsync(() -> KerasJTest.run(args));
        List<KerasJTest.Run> runs = List.of(first.get(), second.get());
        assertThat(runs).extracting(KerasJTest.Run::exitCode).containsExactlyInAnyOrder(0, 1);
        assertThat(runs).filteredOn(r -> r.exitCode() == 1).singleElement()
                .satisfies(r -> assertThat(r.err()).contains("another KerasJ run is writing it now"));
        assertThat(names(out)).containsExactlyInAnyOrder(".kerasj-run", "single_image.png", "grid_images.png", "history.json",
                "learning_curves.png", "predictions.json", "saved_model");
        Map<String, String> finished = tree(out);
        KerasJTest.Run again = KerasJTest.run(args);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists; pass --overwrite");
        assertThat(tree(out)).isEqualTo(finished);
        assertThat(names(tmp)).containsExactlyInAnyOrder("ck", "run");
    }

    @Test
    void aUsersReportBesideAKerasFileIsNeverReplacedNorWrittenThroughALink() throws Exception {
        Path other = Files.writeString(tmp.resolve("elsewhere.txt"), "another file of the user's");
        Path report = Files.writeString(tmp.resolve("v.keras.json"), "{\"mine\": true}");
        Path linkDir = Files.createDirectories(tmp.resolve("linked"));
        Files.createSymbolicLink(linkDir.resolve("v.keras.json"), other);
        Files.createSymbolicLink(tmp.resolve("s.json"), other);
        Map<String, String> before = tree(tmp);
        for (Path model : List.of(tmp.resolve("v.keras"), linkDir.resolve("v.keras"), tmp.resolve("s"))) {
            for (boolean overwrite : new boolean[] {false, true}) {
                List<List<String>> commands = List.of(
                        List.of("export", model.toString(), "--from-checkpoint", checkpoint.toString(), "--data-dir", DATA),
                        List.of("notebook", "--data-dir", DATA, "--out", tmp.resolve("run").toString(), "--save-model", model.toString()));
                for (List<String> command : commands) {
                    List<String> args = new ArrayList<>(command);
                    if (overwrite) {
                        args.add("--overwrite");
                    }
                    KerasJTest.Run run = KerasJTest.run(args.toArray(String[]::new));
                    assertThat(run.exitCode()).as(args + ": " + run.err()).isEqualTo(2);
                    assertThat(run.err()).as(args.toString()).startsWith("kerasj: error: " + model.resolveSibling(model.getFileName() + ".json"));
                    assertThat(run.err().strip().lines()).hasSize(1);
                    assertThat(run.out()).isEmpty();
                    assertThat(tree(tmp)).as(args.toString()).isEqualTo(before);
                }
            }
        }
        assertThat(Files.readString(report)).isEqualTo("{\"mine\": true}");
        assertThat(Files.readString(other)).isEqualTo("another file of the user's");
    }

    @Test
    void notebookPublishesAKerasFileWithItsReportAndReplacesThemOnlyTogether() throws Exception {
        Path model = tmp.resolve("exp/v.keras");
        String[] args = {"notebook", "--data-dir", DATA, "--epochs", "1", "--out", tmp.resolve("run").toString(),
                "--save-model", model.toString()};
        KerasJTest.Run run = KerasJTest.run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(names(tmp.resolve("exp"))).containsExactly("v.keras", "v.keras.json");
        assertThat(run.out()).contains("  " + model + System.lineSeparator()).contains("  " + model + ".json" + System.lineSeparator());
        try (var loaded = io.kerasj.saving.keras.KerasFiles.load(model, 1, w -> { })) {
            assertThat(loaded.countParams()).isEqualTo(266_610);
        }
        Map<String, String> finished = tree(tmp);
        Files.writeString(tmp.resolve("exp/v.keras.json"), "{\"notes\": \"the user's now\"}");
        Map<String, String> edited = tree(tmp);
        List<String> again = new ArrayList<>(List.of(args));
        again.set(again.indexOf("--out") + 1, tmp.resolve("run2").toString());
        again.add("--overwrite");
        KerasJTest.Run refused = KerasJTest.run(again.toArray(String[]::new));
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).startsWith("kerasj: error: " + model + ".json: is not a KerasJ output");
        assertThat(tree(tmp)).isEqualTo(edited).isNotEqualTo(finished);
    }

    @Test
    void twoKerasExportsWithOverwriteAtOnceOneWinsTheOtherSaysWhy() throws Exception {
        Path target = tmp.resolve("s.keras");
        String[] args = {"export", target.toString(), "--from-checkpoint", checkpoint.toString(), "--data-dir", DATA, "--overwrite"};
        assertThat(KerasJTest.run(args).exitCode()).isZero();
        runTwiceAtOnceOneWinsTheOtherSaysWhy(target, args);
        assertThat(names(tmp)).containsExactlyInAnyOrder("ck", "s.keras", "s.keras.json");
        try (var model = io.kerasj.saving.keras.KerasFiles.load(target, 1, w -> { })) {
            assertThat(model.countParams()).isEqualTo(266_610);
        }
    }

    @Test
    void exportPrintsThePathItWroteWithDotDotResolved() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("d"));
        Files.createDirectories(tmp.resolve("elsewhere/x"));
        Files.createSymbolicLink(d.resolve("sublink"), tmp.resolve("elsewhere/x"));
        Path given = d.resolve("sublink/../sub.keras");
        KerasJTest.Run run = KerasJTest.run("export", given.toString(), "--from-checkpoint", checkpoint.toString(), "--data-dir", DATA);
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path written = d.resolve("sub.keras");
        assertThat(written).isRegularFile();
        assertThat(run.out()).contains("Wrote " + written + System.lineSeparator())
                .contains("Wrote " + d.resolve("sub.keras.json") + System.lineSeparator()).doesNotContain("..");
    }

    private static boolean cannotCreate(Path dir) {
        try {
            Files.createDirectory(dir);
            Files.delete(dir);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /** Every file under {@code dir} (relative path) with its size and a hash of its bytes; folders as "dir". */
    static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                String key = dir.relativize(p).toString();
                files.put(key, Files.isDirectory(p) ? "dir" : Files.size(p) + ":" + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
