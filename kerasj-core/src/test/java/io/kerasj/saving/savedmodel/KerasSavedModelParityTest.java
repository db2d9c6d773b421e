package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Parity with the Python-Keras reference models: signatures, predictions, accuracy, loss, weights. */
@Tag("parity")
class KerasSavedModelParityTest {

    static int correct(float[][] p, int[] labels) {
        int c = 0;
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][best]) {
                    best = k;
                }
            }
            c += best == labels[i] ? 1 : 0;
        }
        return c;
    }

    @Test
    void keras212PredictsAllTestImagesWithReferenceAccuracy() {
        Path dir = ReferenceModels.dir(ReferenceModels.KERAS212);
        try (KerasSavedModel m = KerasSavedModel.load(dir)) {
            SignatureSpec sig = m.signature();
            assertThat(sig.inputs()).containsOnlyKeys("input_1");
            assertThat(sig.inputs().get("input_1").shape()).containsExactly(-1L, 28L, 28L);
            assertThat(sig.inputs().get("input_1").dtype()).isEqualTo("DT_FLOAT");
            assertThat(sig.outputs()).containsOnlyKeys("dense_2");
            assertThat(sig.outputs().get("dense_2").shape()).containsExactly(-1L, 10L);
            assertThat(m.tensorflowVersion()).isEqualTo("2.12.0");
            assertThat(m.kerasVersion()).contains("2.12.0");
            assertThat(m.safetyReport().safe()).isTrue();
            assertThat(m.outputIsProbabilities()).isTrue();
            float[][] p = m.predict(TestData.testImages());
            assertThat(p).hasNumberOfRows(10_000);
            int c = correct(p, TestData.testLabels());
            System.out.printf("keras212 accuracy %d/10000%n", c);
            assertThat(c).isEqualTo(8844);
        }
    }

    @Test
    void keras214ReproducesPythonOutputs() throws Exception {
        Path dir = ReferenceModels.dir(ReferenceModels.KERAS214);
        JsonNode py = new ObjectMapper().readTree(dir.resolve("python_outputs.json").toFile());
        try (KerasSavedModel m = KerasSavedModel.load(dir)) {
            assertThat(m.signature().inputs()).containsOnlyKeys("flatten_4_input");
            assertThat(m.signature().outputs()).containsOnlyKeys("dense_14");
            float[][] p = m.predict(TestData.testImages());
            int[] labels = TestData.testLabels();
            int c = correct(p, labels);
            double loss = 0;
            for (int i = 0; i < p.length; i++) {
                loss -= Math.log(p[i][labels[i]]);
            }
            loss /= p.length;
            PrintedProbabilities.Result printed = PrintedProbabilities.check(py, p);
            double maxAbs = printed.maxAbsDifference();
            int checked = printed.checked();
            System.out.printf("keras214 accuracy %d/10000 loss %.8f printed-prob max|d| %.3g over %d%n", c, loss, maxAbs, checked);
            assertThat(checked).isEqualTo(36);
            assertThat(c / 10000.0).isCloseTo(py.path("evaluate").path("accuracy").asDouble(), within(1e-6));
            assertThat(c).isEqualTo(8821);
            assertThat(loss).isCloseTo(py.path("evaluate").path("loss").asDouble(), within(1e-4));
            assertThat(correct(new float[][] {p[0]}, new int[] {py.path("predicted_class_of_test_image_0").asInt()})).isEqualTo(1);
        }
    }

    @Test
    void keras212ArchitectureAndWeightsGiveTheSamePredictionsInPlainJava() {
        Path dir = ReferenceModels.dir(ReferenceModels.KERAS212);
        try (KerasSavedModel m = KerasSavedModel.load(dir)) {
            List<KerasLayerSpec> layers = m.architecture();
            assertThat(layers).extracting(KerasLayerSpec::className).containsExactly("InputLayer", "Flatten", "Dense", "Dense", "Dense");
            assertThat(layers).extracting(KerasLayerSpec::name).containsExactly("input_1", "flatten", "dense", "dense_1", "dense_2");
            assertThat(layers.get(0).inputShape()).contains(List.of(28L, 28L));
            assertThat(layers.stream().flatMap(l -> l.weights().stream()).map(v -> List.of(toBoxed(v.shape()))))
                    .containsExactly(List.of(new Long[] {784L, 300L}), List.of(new Long[] {300L}), List.of(new Long[] {300L, 100L}),
                            List.of(new Long[] {100L}), List.of(new Long[] {100L, 10L}), List.of(new Long[] {10L}));
            assertThat(layers.get(4).activation()).contains("softmax");
            assertThat(m.readVariable("dense/kernel").shape()).containsExactly(784, 300);
            double d = maxForwardDifference(m, layers);
            System.out.printf("keras212 plain-Java forward pass max|d| %.3g%n", d);
            assertThat(d).isLessThan(1e-5);
        }
    }

    @Test
    void keras214ArchitectureHasDropoutAndPlainJavaForwardMatches() {
        Path dir = ReferenceModels.dir(ReferenceModels.KERAS214);
        try (KerasSavedModel m = KerasSavedModel.load(dir)) {
            List<KerasLayerSpec> layers = m.architecture();
            assertThat(layers).extracting(KerasLayerSpec::className)
                    .containsExactly("InputLayer", "Flatten", "Dense", "Dropout", "Dense", "Dropout", "Dense");
            assertThat(layers.get(3).rate()).contains(0.3);
            assertThat(layers.get(5).rate()).contains(0.3);
            assertThat(layers.get(2).units()).contains(128);
            assertThat(layers.get(2).weights()).extracting(v -> v.shape().length).containsExactly(2, 1);
            assertThat(layers.get(2).weights().get(0).shape()).containsExactly(784, 128);
            double d = maxForwardDifference(m, layers);
            System.out.printf("keras214 plain-Java forward pass max|d| %.3g%n", d);
            assertThat(d).isLessThan(1e-5);
        }
    }

    private static Long[] toBoxed(long[] a) {
        Long[] b = new Long[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }

    /** Runs the first 100 images through the read weights in plain Java and compares with the SavedModel. */
    static double maxForwardDifference(KerasSavedModel m, List<KerasLayerSpec> layers) {
        FloatSamples x = TestData.testImages().slice(0, 100);
        float[][] expected = m.predict(x);
        double max = 0;
        for (int i = 0; i < 100; i++) {
            double[] a = new double[784];
            float[] s = x.sample(i);
            for (int j = 0; j < 784; j++) {
                a[j] = s[j];
            }
            for (KerasLayerSpec l : layers) {
                if (!l.className().equals("Dense")) {
                    continue;
                }
                float[] w = l.weights().get(0).values();
                float[] b = l.weights().get(1).values();
                int in = (int) l.weights().get(0).shape()[0];
                int out = (int) l.weights().get(0).shape()[1];
                double[] z = new double[out];
                for (int o = 0; o < out; o++) {
                    double sum = b[o];
                    for (int k = 0; k < in; k++) {
                        sum += a[k] * w[k * out + o];
                    }
                    z[o] = sum;
                }
                String act = l.activation().orElse("linear");
                if (act.equals("relu")) {
                    for (int o = 0; o < out; o++) {
                        z[o] = Math.max(0, z[o]);
                    }
                } else if (act.equals("softmax")) {
                    double mx = Double.NEGATIVE_INFINITY;
                    for (double v : z) {
                        mx = Math.max(mx, v);
                    }
                    double tot = 0;
                    for (int o = 0; o < out; o++) {
                        z[o] = Math.exp(z[o] - mx);
                        tot += z[o];
                    }
                    for (int o = 0; o < out; o++) {
                        z[o] /= tot;
                    }
                }
                a = z;
            }
            for (int k = 0; k < a.length; k++) {
                max = Math.max(max, Math.abs(a[k] - expected[i][k]));
            }
        }
        return max;
    }
}
