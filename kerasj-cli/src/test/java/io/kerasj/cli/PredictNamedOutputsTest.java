package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.data.Npz;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Naming;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kerasj predict} on a SavedModel of two named inputs (one int32) and two named outputs: {@code NAME=PATH}
 * per input, {@code --save-outputs} writing the raw outputs as NumPy reads them, and one-line usage errors.
 */
class PredictNamedOutputsTest {
    private static final int N = 41;
    @TempDir
    static Path tmp;
    private static Path model;
    private static Path wide;
    private static Path deep;
    private static Map<String, float[][]> expected;
    private static Path regression;
    private static float[][] regressionExpected;
    private static FloatSamples wideSamples;
    private static FloatSamples deepSamples;

    @BeforeAll
    static void exportModels() throws Exception {
        Random random = new Random(3);
        float[] w = new float[N * 5];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        int[] d = new int[N * 3];
        float[] df = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextInt(9);
            df[i] = d[i];
        }
        wide = Npy.write(tmp.resolve("wide.npy"), NpyArray.ofFloat32(w, N, 5));
        deep = Npy.write(tmp.resolve("deep.npy"), NpyArray.ofInt32(d, N, 3));
        model = tmp.resolve("wide_deep");
        try (Model m = wideAndDeep()) {
            expected = m.predictByName(Map.of("wide_input", FloatSamples.of(w, 5), "deep_input", FloatSamples.of(df, 3)));
            m.save(model);
        }
        wideSamples = FloatSamples.of(w, 5);
        deepSamples = FloatSamples.of(df, 3);
        regression = tmp.resolve("regression");
        try (Sequential m = new Sequential(4)) {
            m.add(new Input(5)).add(new Dense(8, "relu")).add(new Dense(1));
            regressionExpected = m.predict(FloatSamples.of(w, 5));
            m.save(regression);
        }
    }

    /** Wide &amp; Deep: two inputs (deep_input int32), two outputs; the same weights for the same seed. */
    private static Model wideAndDeep() {
        Naming.clearSession();
        Input wideIn = new Input(new long[] {5}, "wide_input");
        Input deepIn = new Input(new long[] {3}, "int32", "deep_input");
        KerasTensor features = new Dense(4, "relu").name("deep_hidden").apply(deepIn);
        KerasTensor output = new Dense(3, "softmax").name("output").apply(new Concatenate().apply(wideIn, features));
        KerasTensor aux = new Dense(1).name("aux_output").apply(features);
        return new Model(List.of(wideIn, deepIn), List.of(output, aux)).seed(2);
    }

    @Test
    void aKerasModelOfSeveralInputsAndOutputsIsRunByName() {
        try (PredictionModel m = new PredictionModel.KerasFileModel(wideAndDeep())) {
            assertThat(m.inputs().keySet()).containsExactly("wide_input", "deep_input");
            assertThat(m.inputs().get("deep_input")).containsExactly(3);
            assertThat(m.outputs()).containsExactly("output", "aux_output");
            Map<String, FloatSamples> all = m.predictAll(Map.of("deep_input", deepSamples, "wide_input", wideSamples));
            assertThat(all.keySet()).containsExactly("output", "aux_output");
            assertThat(all.get("aux_output").sample(7)).containsExactly(expected.get("aux_output")[7]);
            assertThat(m.predict(Map.of("deep_input", deepSamples, "wide_input", wideSamples), "output")[40])
                    .containsExactly(expected.get("output")[40]);
        }
    }

    private static void assertClose(NpyArray actual, float[][] rows) {
        assertThat(actual.shape()).containsExactly(rows.length, rows[0].length);
        float[] v = actual.toFloats();
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < rows[i].length; c++) {
                assertThat(v[i * rows[i].length + c]).isCloseTo(rows[i][c], within(1e-6f));
            }
        }
    }

    @Test
    void everyOutputIsSavedByNameInAnNpz() {
        Path out = tmp.resolve("all.npz");
        KerasJTest.Run run = KerasJTest.run("predict", "--model", model.toString(), "--input", "wide_input=" + wide,
                "deep_input=" + deep, "--save-outputs", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("saved outputs aux_output [41,1], output [41,3] to " + out);
        Map<String, NpyArray> arrays = Npz.read(out);
        assertThat(arrays.keySet()).containsExactlyInAnyOrder("output", "aux_output");
        assertClose(arrays.get("output"), expected.get("output"));
        assertClose(arrays.get("aux_output"), expected.get("aux_output"));
        assertThat(tmp.toFile().list()).noneMatch(n -> n.contains(".kerasj-tmp-"));
    }

    @Test
    void oneChosenOutputShowsItsClassesAndSavesAnNpy() throws Exception {
        Path out = tmp.resolve("output.npy");
        KerasJTest.Run run = KerasJTest.run("predict", "--model", model.toString(), "--input", "wide_input=" + wide,
                "deep_input=" + deep, "--output", "output", "--top-k", "1", "--save-outputs", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.contains("\"top\"")).count()).isEqualTo(N);
        assertThat(run.out()).contains("\"saved_outputs\":{\"file\":\"" + out + "\",\"outputs\":{\"output\":[41,3]}}");
        assertClose(Npy.read(out), expected.get("output"));
    }

    @Test
    void aRegressionModelsRawOutputsGoToAnNpy() {
        Path out = tmp.resolve("regression.npy");
        KerasJTest.Run run = KerasJTest.run("predict", "--model", regression.toString(), "--input", wide.toString(),
                "--save-outputs", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertClose(Npy.read(out), regressionExpected);
    }

    @Test
    void namesShapesAndTargetsAreCheckedInOneLineWithExitTwo() throws Exception {
        String m = model.toString();
        assertUsage(KerasJTest.run("predict", "--model", m, "--output", "output", "--input", "wide_input=" + wide, "bogus=" + deep),
                "expected NAME=PATH for each, found 'bogus=");
        assertUsage(KerasJTest.run("predict", "--model", m, "--output", "output", "--input", "wide_input=" + wide),
                "no NAME=PATH for input(s) [deep_input]");
        assertUsage(KerasJTest.run("predict", "--model", m, "--output", "output", "--input", "wide_input=" + deep, "deep_input=" + deep),
                "deep.npy: an array of shape [41, 3], the model takes samples of shape [5]");
        Path fewer = Npy.write(tmp.resolve("fewer.npy"), NpyArray.ofInt32(new int[30], 10, 3));
        assertUsage(KerasJTest.run("predict", "--model", m, "--output", "output", "--input", "wide_input=" + wide, "deep_input=" + fewer),
                "samples, the other inputs");
        assertUsage(KerasJTest.run("predict", "--model", m, "--input", "wide_input=" + wide, "deep_input=" + deep),
                "has outputs [aux_output, output]: name the one to use with --output NAME, or save them all with --save-outputs FILE.npz");
        assertUsage(KerasJTest.run("predict", "--model", m, "--input", "wide_input=" + wide, "deep_input=" + deep,
                "--save-outputs", tmp.resolve("two.npy").toString()), "a .npy holds one");
        assertUsage(KerasJTest.run("predict", "--model", m, "--input", "wide_input=" + wide, "deep_input=" + deep,
                "--save-outputs", tmp.resolve("out.txt").toString()), "expected a .npy (one output) or .npz");
        Path mine = Files.writeString(tmp.resolve("mine.npz"), "my own file");
        assertUsage(KerasJTest.run("predict", "--model", tmp.resolve("no-such-model").toString(), "--input", "wide_input=" + wide,
                "deep_input=" + deep, "--save-outputs", mine.toString()), "mine.npz: already exists");
        assertThat(Files.readString(mine)).isEqualTo("my own file");
        assertThat(tmp.resolve("two.npy")).doesNotExist();
    }

    private static void assertUsage(KerasJTest.Run run, String part) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains(part);
    }
}
