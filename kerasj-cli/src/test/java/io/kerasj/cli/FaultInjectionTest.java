package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.io.OutputLock;
import io.kerasj.io.Publication;
import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.callbacks.TrainingState;
import io.kerasj.saving.keras.KerasFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at points (a moment of the run, such as "report staged", each moment in turn, and a delay after it
 * drawn with a fixed seed) during {@code notebook --overwrite} (run folder, checkpoint,
 * {@code --save-model} export), during {@code export --overwrite} and during {@code export m.keras --overwrite}: after each kill every target holds its
 * previous complete state, its new complete state, or (for a new target) nothing; then the same command, with
 * {@code --resume} where a checkpoint exists, ends with the uninterrupted run's result and no leftovers.
 */
@Tag("slow")
class FaultInjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261129L;
    // One kill per moment of each command (the moments take turns, the delay after each is drawn): every moment is
    // hit by a kill of a running process, where 10 random picks of 5 moments may miss one and repeat others.
    private static final int NOTEBOOK_KILLS = 5;
    private static final int EXPORT_KILLS = 4;
    private static final int KERAS_KILLS = 4;
    private static final List<String> RUN_ENTRIES = List.of(".kerasj-run", "grid_images.png", "history.json",
            "learning_curves.png", "predictions.json", "saved_model", "single_image.png");

    @TempDir
    Path tmp;

    @Test
    void everyTargetIsWholeAfterEachKillAndResumingGivesTheUninterruptedResult() throws Exception {
        String[] data = KerasJProcess.data();
        // The previous outputs that the killed runs replace: a 1-epoch seed-2 run and its export.
        Path previous = tmp.resolve("previous");
        KerasJTest.Run prev = KerasJTest.run(args("notebook", data, "--epochs", "1", "--seed", "2",
                "--out", previous.resolve("run").toString(), "--save-model", previous.resolve("exp/m").toString()));
        assertThat(prev.exitCode()).as(prev.err()).isZero();
        // The uninterrupted results, as real processes.
        Path reference = tmp.resolve("reference");
        Files.createDirectories(reference);
        uninterrupted(reference, args("notebook", data, "--epochs", "2", "--out", "run", "--checkpoint-dir", "ck",
                "--save-model", "exp/m"));
        uninterrupted(reference, args("export", "e", "--from-checkpoint", "ck", data[0], data[1]));

        Random random = new Random(SEED);
        List<String> seen = new ArrayList<>();
        for (int i = 0, kills = 0; kills < NOTEBOOK_KILLS && i < NOTEBOOK_KILLS + 6; i++) {
            Path dir = Files.createDirectories(tmp.resolve("notebook-" + i));
            copy(previous.resolve("run"), dir.resolve("run"));
            copy(previous.resolve("exp"), dir.resolve("exp"));
            String[] command = args("notebook", data, "--epochs", "2", "--out", "run", "--checkpoint-dir", "ck",
                    "--save-model", "exp/m", "--overwrite");
            KillPoint point = KillPoint.pick(random, kills, List.of(
                    new Trigger("start", 4000, d -> true),
                    new Trigger("run folder staged", 1500, d -> staged(d, "run", "run").isPresent()),
                    new Trigger("first checkpoint", 1500, d -> Files.exists(d.resolve("ck").resolve(BackupAndRestore.FILE_NAME))),
                    new Trigger("predictions staged", 400, d -> staged(d, "run", "run/predictions.json").isPresent()),
                    new Trigger("export report staged", 60, d -> staged(d.resolve("exp"), "m", "m.json").isPresent())));
            boolean killed = point.killDuring(dir, command);
            kills += killed ? 1 : 0;

            String run = state(dir.resolve("run"), previous.resolve("run"), reference.resolve("run"), this::sameRun);
            String export = state(dir.resolve("exp/m"), previous.resolve("exp/m"), reference.resolve("exp/m"), FaultInjectionTest::sameExport);
            String checkpoint = checkpointState(dir.resolve("ck"));
            assertThat(visible(dir)).isSubsetOf("run", "exp", "ck");
            assertThat(visible(dir.resolve("exp"))).containsExactlyInAnyOrder("m", "m.json");
            seen.add("notebook " + point + (killed ? "" : " (it had ended)") + ": run " + run + ", export "
                    + export + ", checkpoint " + checkpoint);

            List<String> resume = new ArrayList<>(List.of(args("notebook", data, "--epochs", "2", "--out", dir.resolve("run").toString(),
                    "--checkpoint-dir", dir.resolve("ck").toString(), "--save-model", dir.resolve("exp/m").toString(), "--overwrite")));
            if (Files.exists(dir.resolve("ck").resolve(BackupAndRestore.FILE_NAME))) {
                resume.add("--resume");
            }
            KerasJTest.Run resumed = KerasJTest.run(resume.toArray(String[]::new));
            assertThat(resumed.exitCode()).as(seen.get(seen.size() - 1) + "\n" + resumed.err()).isZero();
            assertThat(sameRun(dir.resolve("run"), reference.resolve("run"))).as(seen.get(seen.size() - 1)).isTrue();
            assertThat(sameExport(dir.resolve("exp/m"), reference.resolve("exp/m"))).isTrue();
            assertThat(all(dir)).as("no leftovers after the resumed run; " + seen).isSubsetOf("run", "exp", "ck");
            assertThat(all(dir.resolve("exp"))).as("no leftovers after the resumed run; " + seen).containsExactlyInAnyOrder("m", "m.json");
        }
        for (int i = 0, kills = 0; kills < EXPORT_KILLS && i < EXPORT_KILLS + 5; i++) {
            Path dir = Files.createDirectories(tmp.resolve("export-" + i));
            copy(previous.resolve("exp"), dir);
            String[] command = args("export", "m", "--from-checkpoint", reference.resolve("ck").toString(), data[0], data[1], "--overwrite");
            KillPoint point = KillPoint.pick(random, kills, List.of(
                    new Trigger("start", 3000, d -> true),
                    new Trigger("export staged", 1500, d -> staged(d, "m", "").isPresent()),
                    new Trigger("saved_model.pb staged", 400, d -> staged(d, "m", "m/saved_model.pb").isPresent()),
                    new Trigger("report staged", 40, d -> staged(d, "m", "m.json").isPresent())));
            boolean killed = point.killDuring(dir, command);
            kills += killed ? 1 : 0;
            String export = state(dir.resolve("m"), previous.resolve("exp/m"), reference.resolve("e"), FaultInjectionTest::sameExport);
            assertThat(visible(dir)).containsExactlyInAnyOrder("m", "m.json");
            seen.add("export " + point + (killed ? "" : " (it had ended)") + ": " + export);

            KerasJTest.Run again = KerasJTest.run(args("export", dir.resolve("m").toString(), "--from-checkpoint",
                    reference.resolve("ck").toString(), data[0], data[1], "--overwrite"));
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(sameExport(dir.resolve("m"), reference.resolve("e"))).isTrue();
            assertThat(all(dir)).as("no leftovers after the export again; " + seen).containsExactlyInAnyOrder("m", "m.json");
        }
        seen.forEach(System.out::println);
        assertThat(seen).filteredOn(line -> !line.endsWith("(it had ended)") && !line.contains("(it had ended):"))
                .as("kill -9 points that hit a running process").hasSizeGreaterThanOrEqualTo(NOTEBOOK_KILLS + EXPORT_KILLS);
        assertThat(seen).as("the kills hit both old and new states").anyMatch(s -> s.contains("previous")).anyMatch(s -> s.contains("new"));
    }

    /**
     * The same for {@code export m.keras --overwrite}: the {@code .keras} file and its {@code m.keras.json} are one
     * publication, so after each kill both are the previous ones, both the new ones, or (as found by the next run)
     * never a new model beside the old report.
     */
    @Test
    void aKerasFileAndItsReportAreWholeAfterEachKill() throws Exception {
        String[] data = KerasJProcess.data();
        Path checkpoint = tmp.resolve("ck");
        OutputSafetyTest.writeCheckpoint(checkpoint, 1);
        Path previous = Files.createDirectories(tmp.resolve("previous"));
        KerasJTest.Run prev = KerasJTest.run(args("export", data, previous.resolve("m.keras").toString(), "--epochs", "0", "--seed", "2"));
        assertThat(prev.exitCode()).as(prev.err()).isZero();
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        uninterrupted(reference, args("export", "e.keras", "--from-checkpoint", checkpoint.toString(), data[0], data[1]));

        Random random = new Random(SEED + 1);
        List<String> seen = new ArrayList<>();
        for (int i = 0, kills = 0; kills < KERAS_KILLS && i < KERAS_KILLS + 3; i++) {
            Path dir = Files.createDirectories(tmp.resolve("keras-" + i));
            copy(previous, dir);
            String[] command = args("export", "m.keras", "--from-checkpoint", checkpoint.toString(), data[0], data[1], "--overwrite");
            KillPoint point = KillPoint.pick(random, kills, List.of(
                    new Trigger("start", 3000, d -> true),
                    new Trigger("export staged", 1500, d -> staged(d, "m.keras", "").isPresent()),
                    new Trigger("m.keras staged", 300, d -> staged(d, "m.keras", "m.keras").isPresent()),
                    new Trigger("report staged", 40, d -> staged(d, "m.keras", "m.keras.json").isPresent())));
            boolean killed = point.killDuring(dir, command);
            kills += killed ? 1 : 0;
            String state = state(dir.resolve("m.keras"), previous.resolve("m.keras"), reference.resolve("e.keras"),
                    FaultInjectionTest::sameKerasFile);
            assertThat(visible(dir)).containsExactlyInAnyOrder("m.keras", "m.keras.json");
            seen.add("export m.keras " + point + (killed ? "" : " (it had ended)") + ": " + state);

            KerasJTest.Run again = KerasJTest.run(args("export", dir.resolve("m.keras").toString(), "--from-checkpoint",
                    checkpoint.toString(), data[0], data[1], "--overwrite"));
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(sameKerasFile(dir.resolve("m.keras"), reference.resolve("e.keras"))).isTrue();
            assertThat(all(dir)).as("no leftovers after the export again; " + seen).containsExactlyInAnyOrder("m.keras", "m.keras.json");
        }
        seen.forEach(System.out::println);
        assertThat(seen).filteredOn(line -> !line.contains("(it had ended)"))
                .as("kill -9 points that hit a running process").hasSizeGreaterThanOrEqualTo(KERAS_KILLS);
    }

    /** Same {@code .keras} file: the same weights once loaded, and its report with the same numbers. */
    private static boolean sameKerasFile(Path file, Path expected) throws Exception {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var model = KerasFiles.load(file, 1, w -> { }); var wanted = KerasFiles.load(expected, 1, w -> { })) {
            List<float[]> weights = model.getWeights();
            List<float[]> expectedWeights = wanted.getWeights();
            for (int i = 0; i < weights.size(); i++) {
                if (!java.util.Arrays.equals(weights.get(i), expectedWeights.get(i))) {
                    return false;
                }
            }
        } catch (io.kerasj.KerasJException e) {
            return false;
        }
        return sameReport(file, expected);
    }

    /**
     * The target as the next KerasJ run finds it: a kill during the renames of a committed publication (the output
     * and its report are moved in one after the other) leaves a commit marker, and whoever claims the target next
     * completes the moves first ({@link Publication#recover}); so does this check.
     *
     * @return "previous", "new" or "absent", failing when the target is anything else (mixed, partial, missing)
     */
    private String state(Path target, Path previousState, Path newState, Same same) throws Exception {
        try (OutputLock lock = OutputLock.acquire(target)) {
            Publication.recover(target);
        }
        if (!Files.exists(target)) {
            assertThat(Files.exists(target.resolveSibling(target.getFileName() + ".json"))).as(target + " absent, its report too").isFalse();
            return "absent";
        }
        if (same.test(target, previousState)) {
            return "previous";
        }
        assertThat(same.test(target, newState)).as(target + " holds neither its previous nor its new complete state").isTrue();
        return "new";
    }

    /** Same run folder: the same entries, bytes of the pictures' and numbers' files, History and predictions. */
    private boolean sameRun(Path run, Path expected) throws Exception {
        if (!OutputSafetyTest.names(run).equals(RUN_ENTRIES)) {
            return false;
        }
        for (String name : List.of("history.json", "predictions.json", "single_image.png", "grid_images.png")) {
            if (!java.util.Arrays.equals(Files.readAllBytes(run.resolve(name)), Files.readAllBytes(expected.resolve(name)))) {
                return false;
            }
        }
        return sameExport(run.resolve("saved_model"), expected.resolve("saved_model"), false);
    }

    private static boolean sameExport(Path model, Path expected) throws Exception {
        return sameExport(model, expected, true);
    }

    /**
     * Same SavedModel: a saved_model.pb, the same variables, bytes for bytes, and (with a report) the same numbers in
     * the report. (saved_model.pb itself differs from run to run.)
     */
    private static boolean sameExport(Path model, Path expected, boolean withReport) throws Exception {
        if (!Files.isRegularFile(model.resolve("saved_model.pb"))) {
            return false;
        }
        for (String file : List.of("variables/variables.index", "variables/variables.data-00000-of-00001")) {
            if (!Files.isRegularFile(model.resolve(file))
                    || !java.util.Arrays.equals(Files.readAllBytes(model.resolve(file)), Files.readAllBytes(expected.resolve(file)))) {
                return false;
            }
        }
        if (!withReport) {
            return true;
        }
        return sameReport(model, expected);
    }

    /** The reports beside two outputs hold the same evaluation and probabilities. */
    private static boolean sameReport(Path model, Path expected) throws Exception {
        Path report = model.resolveSibling(model.getFileName() + ".json");
        Path expectedReport = expected.resolveSibling(expected.getFileName() + ".json");
        if (!Files.isRegularFile(report)) {
            return false;
        }
        JsonNode actual = JSON.readTree(report.toFile());
        JsonNode wanted = JSON.readTree(expectedReport.toFile());
        return actual.get("evaluate").equals(wanted.get("evaluate")) && actual.get("first_probabilities").equals(wanted.get("first_probabilities"));
    }

    private static String checkpointState(Path ck) {
        if (!Files.exists(ck.resolve(BackupAndRestore.FILE_NAME))) {
            return "absent"; // no folder, or one a kill left before the first state was renamed into place
        }
        TrainingState checkpoint = TrainingState.read(ck.resolve(BackupAndRestore.FILE_NAME));
        assertThat(checkpoint.epochsDone()).isBetween(1, 2);
        return "epoch " + checkpoint.epochsDone();
    }

    /** An observable moment of a run: the kill comes a seeded delay of up to {@code maxDelayMillis} after it. */
    private record Trigger(String name, int maxDelayMillis, Condition reached) {
    }

    /** Whether a run has reached a moment, seen from its working folder. */
    @FunctionalInterface
    private interface Condition {
        boolean test(Path cwd) throws Exception;
    }

    /**
     * A kill point: a trigger and a delay after it drawn from the seeded random. The triggers take turns by the number
     * of kills so far, so an attempt whose process had ended first is retried at the same trigger with a new delay.
     */
    private record KillPoint(Trigger trigger, int delayMillis) {
        static KillPoint pick(Random random, int killsSoFar, List<Trigger> triggers) {
            Trigger trigger = triggers.get(killsSoFar % triggers.size());
            return new KillPoint(trigger, random.nextInt(trigger.maxDelayMillis() + 1));
        }

        /** Starts the command in {@code cwd} and sends it SIGKILL at this point; @return false if it had ended first */
        boolean killDuring(Path cwd, String... command) throws Exception {
            Path log = cwd.resolveSibling(cwd.getFileName() + ".log");
            Process process = KerasJProcess.start(cwd, log, command);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (process.isAlive() && !trigger.reached().test(cwd) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            boolean ended = process.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            if (!ended) {
                new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (ended) {
                assertThat(process.exitValue()).as(Files.readString(log)).isZero();
            }
            return !ended;
        }

        @Override
        public String toString() {
            return "kill " + delayMillis + " ms after " + trigger.name();
        }
    }

    /** The staged {@code entry} of a publication of {@code name} in {@code parent}, if one is in progress. */
    private static java.util.Optional<Path> staged(Path parent, String name, String entry) throws Exception {
        if (!Files.isDirectory(parent)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> siblings = Files.list(parent)) {
            return siblings.filter(p -> p.getFileName().toString().startsWith("." + name + ".kerasj-tmp-"))
                    .map(p -> entry.isEmpty() ? p : p.resolve(entry)).filter(Files::exists).findFirst();
        } catch (java.nio.file.NoSuchFileException e) {
            return java.util.Optional.empty();
        }
    }

    private static void uninterrupted(Path cwd, String... command) throws Exception {
        KerasJProcess.Result result = KerasJProcess.run(cwd, command);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String[] args(String command, String[] data, String... rest) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(data));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static String[] args(String command, String... rest) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static List<String> visible(Path dir) throws Exception {
        return all(dir).stream().filter(n -> !n.startsWith(".")).toList();
    }

    private static List<String> all(Path dir) throws Exception {
        return OutputSafetyTest.names(dir);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Whether an output equals an expected one. */
    @FunctionalInterface
    private interface Same {
        boolean test(Path actual, Path expected) throws Exception;
    }

}
