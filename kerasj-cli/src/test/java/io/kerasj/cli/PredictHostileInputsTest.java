package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.models.Sequential;
import io.kerasj.testing.Fifos;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kerasj predict --input} on hostile inputs (issue 20): FIFOs, non-finite values, a huge one-line CSV. Each is
 * refused in one line naming the file, whichever model runs it (.keras or SavedModel), without hanging.
 */
class PredictHostileInputsTest {
    private static final Duration QUICK = Duration.ofSeconds(90);
    @TempDir
    static Path tmp;
    private static Path keras;
    private static Path savedModel;

    @BeforeAll
    static void saveModels() {
        keras = tmp.resolve("m.keras");
        savedModel = tmp.resolve("sm");
        try (Sequential m = new Sequential(3)) {
            m.add(new Input(4));
            m.add(new Dense(3, "softmax"));
            m.save(keras);
            m.save(savedModel);
        }
    }

    private static KerasJTest.Run run(String... args) {
        return assertTimeoutPreemptively(QUICK, () -> KerasJTest.run(args));
    }

    private static void refused(KerasJTest.Run run, int exitCode, String... parts) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
        assertThat(run.err().strip()).doesNotContain("\n");
        for (String p : parts) {
            assertThat(run.err()).contains(p);
        }
    }

    @Test
    void fifosGivenAsInputLabelsOrClassNamesAreRefusedAsUsageErrors() throws Exception {
        Path pipeNpy = Fifos.make(tmp.resolve("pipe.npy"));
        Path pipeText = Fifos.make(tmp.resolve("pipe.txt"));
        Path x = Npy.write(tmp.resolve("ok.npy"), NpyArray.ofFloat32(new float[8], 2, 4));
        refused(run("predict", "--model", keras.toString(), "--input", pipeNpy.toString()), 2,
                "--input: " + pipeNpy + " is not a regular file or a folder");
        refused(run("predict", "--model", keras.toString(), "--input", "x=" + pipeNpy), 2,
                "--input: " + pipeNpy + " is not a regular file or a folder");
        Path pipeModel = Fifos.make(tmp.resolve("pipe.keras"));
        refused(run("predict", "--model", pipeModel.toString(), "--input", x.toString()), 1, pipeModel + ": not a regular file");
        refused(run("predict", "--model", keras.toString(), "--input", x.toString(), "--labels", pipeText.toString(), "--evaluate"), 2,
                "--labels: " + pipeText + " is not a readable regular file");
        refused(run("predict", "--model", keras.toString(), "--input", x.toString(), "--class-names", pipeText.toString()), 2,
                "--class-names: " + pipeText + " is not a readable regular file");
    }

    @Test
    void nonFiniteNpyAndCsvValuesAreRefusedNamingTheFileAndTheSampleForEveryModelType() throws Exception {
        float[] nan = new float[3 * 4];
        nan[2 * 4 + 3] = Float.NaN;
        Path nanNpy = Npy.write(tmp.resolve("nan.npy"), NpyArray.ofFloat32(nan, 3, 4));
        double[] big = new double[3 * 4];
        big[4] = 1e39;
        Path bigNpy = Npy.write(tmp.resolve("big.npy"), NpyArray.ofFloat64(big, 3, 4));
        Path infCsv = Files.writeString(tmp.resolve("inf.csv"), "a,b,c,d\n0,0,0,0\n0,Infinity,0,0\n");
        Path bigCsv = Files.writeString(tmp.resolve("big.csv"), "0,0,0,0\n0,0,0,0\n0,0,1e39,0\n");
        for (Path model : List.of(keras, savedModel)) {
            refused(run("predict", "--model", model.toString(), "--input", nanNpy.toString()), 1,
                    nanNpy + ": sample 2 holds NaN (value 3 of the sample): expected finite numbers");
            refused(run("predict", "--model", model.toString(), "--input", bigNpy.toString()), 1,
                    bigNpy + ": sample 1 holds 1.0E39, beyond float32's range (value 0 of the sample)");
            refused(run("predict", "--model", model.toString(), "--input", infCsv.toString()), 1,
                    infCsv + ": sample 1 (line 3) holds Infinity (value 1 of the sample)");
            refused(run("predict", "--model", model.toString(), "--input", bigCsv.toString()), 1,
                    bigCsv + ": sample 2 (line 3) holds 1.0E39, beyond float32's range (value 2 of the sample)");
        }
    }

    @Test
    void finiteCsvValuesWithAHeaderStillPredict() throws Exception {
        Path csv = Files.writeString(tmp.resolve("fine.csv"), "a,b,c,d\r\n0.5, 1 ,0,-2\r\n\r\n1,2,3,4");
        KerasJTest.Run result = run("predict", "--model", keras.toString(), "--input", csv.toString(), "--csv");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(csv + "#0").contains(csv + "#1").doesNotContain(csv + "#2");
    }

    @Test
    @Tag("slow")
    void aOneLineCsvLongerThanTheLineBoundIsRefusedAtThatLengthInASmallHeap() throws Exception {
        Path csv = tmp.resolve("long.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            for (int i = 0; i < (ArraySamples.MAX_CSV_LINE_CHARS / 2) + 1000; i++) {
                out.write("0,");
            }
            out.write("0\n");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), KerasJ.class.getName(),
                "predict", "--model", keras.toString(), "--input", csv.toString()));
        Path log = tmp.resolve("long.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("kerasj predict on a one-line CSV did not end within 120 s");
        }
        String output = Files.readString(log).strip();
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).doesNotContain("\n").contains(csv + ": line 1 is longer than " + ArraySamples.MAX_CSV_LINE_CHARS + " characters");
    }
}
