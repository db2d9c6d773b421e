package io.kerasj.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.data.DatasetException;
import io.kerasj.datasets.FashionMnist;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project that declares only {@code kerasj-core} compiles and runs README.md's example as written, twice. */
class ReadmeExampleTest {

    @TempDir
    Path tmp;

    @Test
    void theLibraryAloneBringsNeitherTheCommandLineNorThePlots() {
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath).doesNotContain("picocli").doesNotContain("jfreechart")
                .doesNotContain("kerasj-cli").doesNotContain("kerasj-plot").contains("kerasj-core");
        assertThatThrownBy(() -> Class.forName("picocli.CommandLine")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.jfree.chart.JFreeChart"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    @Tag("slow")
    void theReadmeExampleCompilesAndRunsTwiceWithNothingOnStandardError() throws Exception {
        ReadmeExample example = ReadmeExample.from(Path.of("README.md"));
        Path classes = compile(example);
        assumeFashionMnistIsInstalled();

        Path workDir = Files.createDirectories(tmp.resolve("run"));
        for (int run = 1; run <= 2; run++) { // a second run replaces the first one's SavedModel, as Keras's save does
            Path err = tmp.resolve("stderr-" + run + ".txt");
            Path out = tmp.resolve("stdout-" + run + ".txt");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), example.className())
                    .directory(workDir.toFile()).redirectError(err.toFile()).redirectOutput(out.toFile());
            pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
            Process process = pb.start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the README example did not finish in 300 s (run " + run + ")");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("run " + run + ": " + stderr).isZero();
            assertThat(stderr).as("run " + run).isEmpty();
            assertThat(stdout).contains("Total params: 266,610").contains("Epoch 10/10").contains("[Ankle boot,");
            assertThat(workDir.resolve("saved_models/my_model/saved_model.pb")).isRegularFile();
            try (var entries = Files.list(workDir.resolve("saved_models"))) {
                assertThat(entries.map(p -> p.getFileName().toString())).as("no staging left").containsExactly("my_model");
            }
        }
    }

    @Test
    @Tag("slow")
    void theFunctionalExampleCompilesAndTrainsWideAndDeepWithTwoInputs() throws Exception {
        ReadmeExample example = ReadmeExample.all(Path.of("README.md")).stream()
                .filter(e -> e.className().equals("WideAndDeepExample")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md: no WideAndDeepExample"));
        Path classes = compile(example);
        Path data = Path.of("..", "shared", "datasets", "california-housing").toAbsolutePath().normalize();
        if (!Files.isRegularFile(data.resolve("cal_housing.data"))) {
            System.out.println("SKIPPED running WideAndDeepExample: no California housing data at " + data + " (it compiled)");
            Assumptions.abort("no California housing data at " + data);
        }
        Path workDir = Files.createDirectories(tmp.resolve("wide-deep"));
        Path err = tmp.resolve("wide-deep-stderr.txt");
        Path out = tmp.resolve("wide-deep-stdout.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), example.className())
                .directory(workDir.toFile()).redirectError(err.toFile()).redirectOutput(out.toFile());
        pb.environment().put("SCIKIT_LEARN_DATA", data.toString());
        Process process = pb.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the functional example did not finish in 300 s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr).isEmpty();
        assertThat(stdout).contains("Connected to").contains("concatenate (Concatenate)").contains("Epoch 20/20")
                .contains("first prediction: ");
        assertThat(workDir.resolve("wide_deep.keras")).isRegularFile();
    }

    @Test
    @Tag("slow")
    void theCustomLayerExampleSavesItsRegisteredLayerAndLoadsItBack() throws Exception {
        ReadmeExample example = ReadmeExample.all(Path.of("README.md")).stream()
                .filter(e -> e.className().equals("CustomLayerExample")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md: no CustomLayerExample"));
        Path classes = compile(example);
        Path workDir = Files.createDirectories(tmp.resolve("custom-layer"));
        Path err = tmp.resolve("custom-stderr.txt");
        Path out = tmp.resolve("custom-stdout.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), example.className())
                .directory(workDir.toFile()).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the custom layer example did not finish in 300 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("ScaledDense loaded, same predictions: true");
        assertThat(workDir.resolve("custom.keras")).isRegularFile();
    }

    @Test
    void theTuningExampleCompilesAgainstTheExportedPackages() throws Exception {
        ReadmeExample example = ReadmeExample.all(Path.of("README.md")).stream()
                .filter(e -> e.className().equals("TuningExample")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md: no TuningExample"));
        assertThat(compile(example).resolve("TuningExample.class")).isRegularFile();
    }

    /** Freeze, fit, unfreeze the top, recompile with a lower rate, fit: on generated data, so it runs everywhere. */
    @Test
    @Tag("slow")
    void theTransferLearningExampleFreezesFitsUnfreezesAndRecompiles() throws Exception {
        ReadmeExample example = ReadmeExample.all(Path.of("README.md")).stream()
                .filter(e -> e.className().equals("TransferLearningExample")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md: no TransferLearningExample"));
        Path classes = compile(example);
        Path err = tmp.resolve("transfer-stderr.txt");
        Path out = tmp.resolve("transfer-stdout.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), example.className())
                .directory(tmp.toFile()).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the transfer-learning example did not finish in 300 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr).isEmpty();
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(stdout).contains("base unchanged by the frozen fit: true");
        double accuracy = Double.parseDouble(stdout.substring(stdout.indexOf("accuracy after fine-tuning: ") + 28).strip());
        assertThat(accuracy).isGreaterThan(0.6); // two classes split by a line: chance is 0.5
    }

    private Path compile(ReadmeExample example) throws IOException {
        UserCompiler.Result result = UserCompiler.compile(tmp, example.className(), example.source());
        assertThat(result.ok()).as("the README example does not compile against the exported packages:%n%s",
                result.diagnostics()).isTrue();
        return result.classes();
    }

    @Test
    void theEngineIsNotPartOfTheApi() throws IOException {
        UserCompiler.Result result = UserCompiler.compile(tmp, "ReachesIn",
                "import io.kerasj.engine.ModelGraph;\npublic class ReachesIn { ModelGraph graph; }\n");
        assertThat(result.ok()).isFalse();
        assertThat(result.diagnostics()).contains("package io.kerasj.engine is not visible");
    }

    private static void assumeFashionMnistIsInstalled() {
        try {
            FashionMnist.withDefaults(null).loadData();
        } catch (DatasetException e) {
            Assumptions.abort("Fashion-MNIST is not installed (" + e.getMessage() + "): apt-get install"
                    + " dataset-fashion-mnist, or set KERASJ_DATA");
        }
    }
}
