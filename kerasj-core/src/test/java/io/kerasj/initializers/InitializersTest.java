package io.kerasj.initializers;

import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InitializersTest {
    private static final long[] KERNEL = {3, 3, 32, 64};   // fan_in 288, fan_out 576

    private static double[] meanAndVariance(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (float v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new double[] {mean, squares / values.length};
    }

    @Test
    void varianceScalingDrawsKerassVarianceForEachNamedInitializer() {
        Fans fans = Fans.of(KERNEL);
        double[][] expected = {
            {2 / (fans.in() + fans.out())}, {2 / (fans.in() + fans.out())}, // glorot: 1 / fan_avg
            {2 / fans.in()}, {2 / fans.in()},                                 // he: 2 / fan_in
            {1 / fans.in()}, {1 / fans.in()},                                 // lecun: 1 / fan_in
        };
        String[] names = {"glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal"};
        for (int i = 0; i < names.length; i++) {
            float[] values = Initializers.of(names[i]).initialize(KERNEL, new Random(7));
            double[] mv = meanAndVariance(values);
            assertThat(values).hasSize(3 * 3 * 32 * 64);
            assertThat(mv[0]).as(names[i] + " mean").isCloseTo(0, within(0.02 * Math.sqrt(expected[i][0]) * 10));
            assertThat(mv[1] / expected[i][0]).as(names[i] + " variance / Keras's").isCloseTo(1, within(0.03));
        }
    }

    @Test
    void truncatedNormalsStayWithinTwoStandardDeviationsOfTheUncorrectedScale() {
        VarianceScaling heNormal = (VarianceScaling) ((NamedInitializer) Initializers.of("he_normal")).draw();
        double stddev = Math.sqrt(heNormal.variance(KERNEL)) / VarianceScaling.TRUNCATION_CORRECTION;
        float[] values = heNormal.initialize(KERNEL, new Random(3));
        for (float v : values) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) (2 * stddev));
        }
        float[] truncated = Initializers.of("truncated_normal").initialize(new long[] {10_000}, new Random(3));
        for (float v : truncated) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.1f);
        }
    }

    @Test
    void constantsAndRandomDefaultsAreKerass() {
        assertThat(Initializers.of("zeros").initialize(new long[] {3}, new Random(1))).containsExactly(0, 0, 0);
        assertThat(Initializers.of("ones").initialize(new long[] {2}, new Random(1))).containsExactly(1, 1);
        float[] uniform = Initializers.of("random_uniform").initialize(new long[] {10_000}, new Random(1));
        for (float v : uniform) {
            assertThat(v).isBetween(-0.05f, 0.05f);
        }
        double[] normal = meanAndVariance(Initializers.of("random_normal").initialize(new long[] {20_000}, new Random(1)));
        assertThat(Math.sqrt(normal[1])).isCloseTo(0.05, within(0.002));
    }

    @Test
    void glorotUniformByNameIsTheDenseDefault() {
        assertThat(Initializers.of("glorot_uniform").initialize(new long[] {4, 5}, new Random(9)))
                .containsExactly(new GlorotUniform().initialize(new long[] {4, 5}, new Random(9)));
    }

    @Test
    void unknownNamesAndBadArgumentsSayWhatWasExpected() {
        assertThatThrownBy(() -> Initializers.of("he_normall")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initializer: expected one of glorot_uniform").hasMessageContaining("'he_normall'");
        assertThatThrownBy(() -> new VarianceScaling(1, "fan_sum", "uniform")).hasMessageStartingWith("mode: expected one of");
        assertThatThrownBy(() -> Initializers.randomNormal(0, 0)).hasMessageStartingWith("stddev: expected a positive number");
    }

    @Test
    void denseTakesAKernelInitializerByNameBeforeItIsBuilt() {
        Dense dense = new Dense(100, "selu").kernelInitializer("lecun_normal");
        try (io.kerasj.models.Sequential model = new io.kerasj.models.Sequential(5)) {
            model.add(new Flatten(400));
            model.add(dense);
            double[] mv = meanAndVariance(dense.getWeights().get(0));
            assertThat(mv[1] * 400).isCloseTo(1, within(0.05));
            assertThatThrownBy(() -> dense.kernelInitializer("zeros")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already built");
        }
    }

    @Test
    void everyNamedInitializerCarriesKerassClassNameAndComesBackFromIt() {
        String[][] expected = {
                {"glorot_uniform", "GlorotUniform"}, {"glorot_normal", "GlorotNormal"}, {"he_uniform", "HeUniform"},
                {"he_normal", "HeNormal"}, {"lecun_uniform", "LecunUniform"}, {"lecun_normal", "LecunNormal"},
                {"zeros", "Zeros"}, {"ones", "Ones"}, {"random_uniform", "RandomUniform"}, {"random_normal", "RandomNormal"},
                {"truncated_normal", "TruncatedNormal"}};
        for (String[] pair : expected) {
            Initializer initializer = Initializers.of(pair[0]);
            InitializerConfig keras = initializer.config();
            assertThat(keras.className()).as(pair[0]).isEqualTo(pair[1]);
            Initializer back = Initializers.fromConfig(keras);
            assertThat(back.config()).as(pair[0]).isEqualTo(keras);
            assertThat(back.initialize(KERNEL, new Random(5))).as(pair[0]).containsExactly(initializer.initialize(KERNEL, new Random(5)));
        }
    }

    @Test
    void kerassAliasesNameTheSameInitializers() { // keras.initializers.get("uniform") is RandomUniform(-0.05, 0.05)
        String[][] aliases = {{"uniform", "random_uniform"}, {"normal", "random_normal"}, {"zero", "zeros"}, {"one", "ones"}};
        for (String[] pair : aliases) {
            assertThat(Initializers.of(pair[0]).config()).as(pair[0]).isEqualTo(Initializers.of(pair[1]).config());
            assertThat(Initializers.of(pair[0]).initialize(KERNEL, new Random(5))).as(pair[0])
                    .containsExactly(Initializers.of(pair[1]).initialize(KERNEL, new Random(5)));
        }
    }

    @Test
    void argumentsGoIntoTheConfigAndComeBack() {
        InitializerConfig uniform = Initializers.randomUniform(-0.1, 0.3).config();
        assertThat(uniform.config()).containsEntry("minval", -0.1).containsEntry("maxval", 0.3).containsKey("seed");
        assertThat(Initializers.fromConfig(uniform).config()).isEqualTo(uniform);
        InitializerConfig scaling = new VarianceScaling(2.5, "fan_out", "uniform").config();
        assertThat(scaling.className()).isEqualTo("VarianceScaling");
        assertThat(scaling.config()).containsEntry("scale", 2.5).containsEntry("mode", "fan_out").containsEntry("distribution", "uniform");
        assertThat(Initializers.fromConfig(scaling).initialize(KERNEL, new Random(2)))
                .containsExactly(new VarianceScaling(2.5, "fan_out", "uniform").initialize(KERNEL, new Random(2)));
        assertThat(Initializers.constant(0.25).config()).isEqualTo(new InitializerConfig("Constant", java.util.Map.of("value", 0.25)));
    }

    @Test
    void anInitializerKerasJCannotDrawKeepsItsNameAndDrawsZeros() {
        InitializerConfig orthogonal = new InitializerConfig("Orthogonal", java.util.Map.of("gain", 1.0));
        Initializer kept = Initializers.fromConfig(orthogonal);
        assertThat(kept.config()).isEqualTo(orthogonal);
        assertThat(kept.initialize(new long[] {2, 3}, new Random(1))).containsExactly(0, 0, 0, 0, 0, 0);
        InitializerConfig unreadable = new InitializerConfig("RandomUniform", java.util.Map.of("minval", "low"));
        assertThat(Initializers.fromConfig(unreadable).config()).isEqualTo(unreadable);
        InitializerConfig keras2Normal = new InitializerConfig("VarianceScaling", java.util.Map.of("scale", 2.0, "mode", "fan_in", "distribution", "normal"));
        assertThat(Initializers.fromConfig(keras2Normal).config().config()).containsEntry("distribution", "truncated_normal");
        Initializer lambda = (shape, random) -> new float[] {1};
        assertThat(lambda.config()).isNull();
    }
}
