package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.constraints.MaxNorm;
import io.kerasj.constraints.NonNeg;
import io.kerasj.constraints.UnitNorm;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.losses.Loss;
import io.kerasj.models.Model;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.GradientClipping;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.SGD;
import io.kerasj.regularizers.L1;
import io.kerasj.regularizers.L1L2;
import io.kerasj.regularizers.L2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regularizers, constraints and clipping in layer and optimizer configs: Keras 3's objects, Keras 2's forms (class
 * name and config only, {@code L1L2} for every penalty) and names, both ways; what KerasJ cannot read is a problem.
 */
class RegularizationOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Dense readDense(String options, List<String> problems) throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("{\"name\": \"d\", \"units\": 2, \"activation\": \"linear\"" + options + "}");
        return (Dense) new DenseFormat().read(new LayerConfig("Dense", "d", config, JSON.createObjectNode()), new long[] {3}, problems);
    }

    @Test
    void keras2FormsAndNamesLoad() throws Exception {
        List<String> problems = new ArrayList<>();
        Dense dense = readDense(", \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.009999999776482582}},"
                + " \"bias_regularizer\": \"l2\", \"activity_regularizer\": null,"
                + " \"kernel_constraint\": {\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 2, \"axis\": 0}},"
                + " \"bias_constraint\": {\"class_name\": \"UnitNorm\", \"config\": {\"axis\": [0]}}", problems);
        assertThat(problems).isEmpty();
        assertThat(dense.kernelRegularizer()).isEqualTo(new L1L2(0, 0.009999999776482582));
        assertThat(dense.biasRegularizer()).isEqualTo(new L2(0.01));
        assertThat(dense.activityRegularizer()).isNull();
        assertThat(dense.kernelConstraint()).isEqualTo(new MaxNorm(2, 0));
        assertThat(dense.biasConstraint()).isEqualTo(new UnitNorm(0));
    }

    @Test
    void unknownObjectsAreProblems() throws Exception {
        List<String> problems = new ArrayList<>();
        assertThat(readDense(", \"kernel_regularizer\": {\"class_name\": \"MyPenalty\", \"config\": {}},"
                + " \"bias_constraint\": \"radial\"", problems)).isNull();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("Dense option kernel_regularizer=").contains("found 'MyPenalty'");
        assertThat(problems.get(1)).startsWith("Dense option bias_constraint='radial'");
    }

    @Test
    void layersWriteKeras3Objects() {
        Conv2D conv = new Conv2D(2, 3).kernelRegularizer("l2").activityRegularizer(new L1L2(0.5, 0)).kernelConstraint(new MaxNorm(3, 0, 1, 2));
        ObjectNode config = JSON.createObjectNode();
        RegularizationOptions.write(conv, config);
        assertThat(config.get("kernel_regularizer").toString())
                .isEqualTo("{\"module\":\"keras.regularizers\",\"class_name\":\"L2\",\"config\":{\"l2\":0.01},\"registered_name\":null}");
        assertThat(config.get("activity_regularizer").path("config").toString()).isEqualTo("{\"l1\":0.5,\"l2\":0.0}");
        assertThat(config.get("kernel_constraint").toString())
                .isEqualTo("{\"module\":\"keras.constraints\",\"class_name\":\"MaxNorm\",\"config\":{\"max_value\":3.0,\"axis\":[0,1,2]},"
                        + "\"registered_name\":null}");
        assertThat(config.get("bias_regularizer").isNull()).isTrue();
        assertThat(config.get("bias_constraint").isNull()).isTrue();
    }

    @Test
    void aKerasJFileKeepsEveryOptionAndAnyLayersActivityRegularizer(@TempDir Path folder) {
        Input input = new Input(2L, 2L);
        KerasTensor flat = new Flatten().name("f").activityRegularizer(new L2(0.5)).apply(input);
        KerasTensor out = new Dense(1).name("d").kernelRegularizer(new L1L2(0.1, 0.2)).biasRegularizer("l1").activityRegularizer("l2")
                .kernelConstraint(new UnitNorm(0)).biasConstraint("non_neg").apply(flat);
        Path file = folder.resolve("m.keras");
        try (Model model = new Model(input, out)) {
            model.compile(Loss.of("mse"), new Adam(0.01).withClipvalue(0.5));
            model.save(file);
        }
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.getLayer("f").activityRegularizer()).isEqualTo(new L2(0.5));
            Dense d = (Dense) loaded.getLayer("d");
            assertThat(List.of(d.kernelRegularizer(), d.biasRegularizer(), d.activityRegularizer()))
                    .containsExactly(new L1L2(0.1, 0.2), new L1(0.01), new L2(0.01));
            assertThat(List.of(d.kernelConstraint(), d.biasConstraint())).containsExactly(new UnitNorm(0), new NonNeg());
            assertThat(loaded.compileConfig().optimizer()).isEqualTo(new Adam(0.01).withClipvalue(0.5));
        }
    }

    @Test
    void optimizerClippingBothWays() throws Exception {
        List<String> problems = new ArrayList<>();
        JsonNode saved = JSON.readTree("{\"class_name\": \"Adam\", \"config\": {\"learning_rate\": 0.01, \"clipnorm\": null,"
                + " \"global_clipnorm\": 2.5, \"clipvalue\": null}}");
        Optimizer adam = OptimizerConfigs.read(saved, problems);
        assertThat(problems).isEmpty();
        assertThat(adam).isEqualTo(new Adam(0.01).withGlobalClipnorm(2.5));
        ObjectNode written = OptimizerConfigs.write(new SGD(0.1).withClipvalue(0.5), 0.1);
        assertThat(written.path("config").path("clipvalue").asDouble()).isEqualTo(0.5);
        assertThat(written.path("config").get("clipnorm").isNull()).isTrue();
        assertThat(OptimizerConfigs.read(written, problems).clipping()).isEqualTo(new GradientClipping(null, 0.5, null));
        assertThat(OptimizerConfigs.write(new SGD(), 0.01).path("config").has("clipnorm")).isFalse();

        OptimizerConfigs.read(JSON.readTree("{\"class_name\": \"SGD\", \"config\": {\"clipnorm\": 1, \"clipvalue\": 1}}"), problems);
        assertThat(problems).singleElement().asString().startsWith("SGD Only one of `clipnorm`");
    }
}
