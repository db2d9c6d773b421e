package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.engine.CompileConfig;
import io.kerasj.models.Sequential;
import io.kerasj.saving.keras.CompileRoundTrip.Case;
import io.kerasj.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss, metric and optimizer KerasJ can compile, by each name and object form Keras accepts, round-trips:
 * KerasJ's file loads back in KerasJ compiled the same; Keras 3 loads it compiled with the {@code compile_config}
 * Keras itself writes for that compile; Keras 3's file loads in KerasJ compiled, and KerasJ saves it back with the
 * same loss and metrics. What KerasJ lacks loads uncompiled with one warning. The matrix: {@link CompileRoundTrip}.
 */
class CompileRoundTripTest {
    static Stream<Case> javaCases() {
        return CompileRoundTrip.cases().values().stream().filter(c -> c.javaConfig() != null);
    }

    static Stream<Case> allCases() {
        return CompileRoundTrip.cases().values().stream();
    }

    @Test
    void theMatrixHoldsEveryNameAndFormOfWhatKerasJHas() {
        Set<String> java = new HashSet<>();
        javaCases().forEach(c -> java.add(c.kind() + " " + c.form() + " " + c.identifier()));
        assertThat(java).contains("loss name mse", "loss name mean_squared_error", "loss name MeanSquaredError",
                "loss object MeanSquaredError", "loss name mae", "loss name bce", "loss name huber", "loss object Huber",
                "loss name sparse_categorical_crossentropy", "loss object SparseCategoricalCrossentropy",
                "metric name mae", "metric name mean_absolute_error", "metric name MeanAbsoluteError",
                "metric object MeanAbsoluteError", "metric name mse", "metric object MeanSquaredError",
                "metric name accuracy", "metric name acc", "metric name sparse_categorical_accuracy",
                "metric object SparseCategoricalAccuracy", "metric name top_k_categorical_accuracy",
                "metric object TopKCategoricalAccuracy", "metric object SparseTopKCategoricalAccuracy",
                "metric object BinaryAccuracy", "optimizer name sgd", "optimizer name adam", "optimizer name adamw",
                "optimizer name rmsprop", "optimizer name adagrad", "optimizer name nadam", "optimizer object RMSprop");
        for (String loss : List.of("LogCosh", "Hinge", "SquaredHinge", "CategoricalHinge", "KLDivergence", "Poisson",
                "MeanSquaredLogarithmicError", "MeanAbsolutePercentageError", "CosineSimilarity")) {
            assertThat(java).contains("loss name " + loss, "loss object " + loss);
        }
        assertThat(java).contains("loss name log_cosh", "loss name hinge", "loss name squared_hinge", "loss name categorical_hinge",
                "loss name kl_divergence", "loss name kld", "loss name poisson", "loss name mean_squared_logarithmic_error",
                "loss name msle", "loss name mean_absolute_percentage_error", "loss name mape", "loss name cosine_similarity");
        for (String metric : List.of("RootMeanSquaredError", "AUC", "Precision", "Recall", "R2Score", "MeanAbsolutePercentageError")) {
            assertThat(java).contains("metric name " + metric, "metric object " + metric);
        }
        assertThat(java).contains("metric name root_mean_squared_error", "metric name auc", "metric name precision",
                "metric name recall", "metric name r2_score", "metric name mape", "metric name mean_absolute_percentage_error",
                "metric object F1Score");
        // objects with arguments: each argument KerasJ reads is in the matrix
        Set<String> arguments = new HashSet<>();
        javaCases().forEach(c -> c.config().fieldNames().forEachRemaining(f -> arguments.add(c.identifier() + "." + f)));
        assertThat(arguments).contains("AUC.num_thresholds", "AUC.curve", "AUC.summation_method", "AUC.from_logits",
                "Precision.thresholds", "Precision.class_id", "Recall.thresholds", "Recall.class_id", "F1Score.average",
                "F1Score.threshold", "R2Score.class_aggregation", "R2Score.num_regressors", "CosineSimilarity.axis", "Huber.delta");
        assertThat(java).doesNotContain("metric object Accuracy", "optimizer name lion", "loss name tversky");
    }

    @Test
    void whatKerasJRefusesByDesignIsRefusedOnTheMatrixModelOnly() {
        assertThat(CompileRoundTrip.REFUSED_BY_DESIGN.keySet()).allSatisfy(id -> {
            Case c = CompileRoundTrip.cases().get(id);
            assertThat(c).as(id).isNotNull();
            assertThat(c.javaConfig()).as("%s: %s", c, CompileRoundTrip.REFUSED_BY_DESIGN.get(id)).isNull();
            Metric metric = c.form().equals("name") ? Metric.of(c.identifier(), false, CompileRoundTrip.OUTPUT[0])
                    : MetricConfigs.read(CompileRoundTrip.JSON.createObjectNode().put("class_name", c.identifier())
                            .set("config", c.config()), false, CompileRoundTrip.OUTPUT[0], new ArrayList<>());
            assertThat(metric).as("KerasJ has %s", c).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> metric.stateSize(CompileRoundTrip.OUTPUT))
                    .hasMessageContaining("one number per metric");
            assertThat(metric.stateSize(new long[] {1})).as("on one output unit").isPositive();
        });
    }

    @Test
    void everyClassKerasJTakesByNameItAlsoReadsAsAKerasObject() {
        // Keras's function aliases are no classes; compile takes "Accuracy" as "accuracy", the Accuracy class is another metric
        Set<String> functionAliases = Set.of("BCE", "MAE", "MSE", "MAPE", "MSLE", "KLD", "Accuracy");
        Set<String> java = new HashSet<>();
        javaCases().forEach(c -> java.add(c.kind() + " " + c.form() + " " + c.identifier()));
        javaCases().filter(c -> !c.kind().equals("optimizer") && c.form().equals("name"))
                .filter(c -> Character.isUpperCase(c.identifier().charAt(0)) && !functionAliases.contains(c.identifier()))
                .forEach(c -> assertThat(java).as("a .keras file may hold %s as a serialized object: LossConfigs / "
                        + "MetricConfigs must read it", c).contains(c.kind() + " object " + c.identifier()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaCases")
    void javaFileLoadsBackInJavaCompiledAsSaved(Case c) {
        Path file = CompileRoundTrip.javaFile(c);
        CompileConfig saved = c.javaConfig();
        List<String> warnings = new ArrayList<>();
        try (io.kerasj.models.Model loaded = KerasFiles.load(file, 0, warnings::add)) {
            assertThat(warnings).isEmpty();
            CompileConfig back = loaded.compileConfig();
            assertThat(back).as("compiled").isNotNull();
            assertThat(back.loss()).isEqualTo(saved.loss());
            assertThat(back.lossIdentifier()).isEqualTo(saved.lossIdentifier());
            assertThat(back.optimizer()).isEqualTo(saved.optimizer());
            assertThat(describe(back.metrics())).isEqualTo(describe(saved.metrics()));
            assertThat(float32LearningRate(CompileSettings.write(back, loaded.learningRate())))
                    .isEqualTo(float32LearningRate(CompileRoundTrip.compileConfig(file)));
        }
    }

    @Tag("python")
    @ParameterizedTest(name = "{0}")
    @MethodSource("javaCases")
    void javaFileLoadsInKeras3CompiledAsKerasCompilesIt(Case c) throws IOException {
        JsonNode r = CompileRoundTrip.keras().path("cases").path(c.id());
        assertThat(r.path("keras_error").isMissingNode()).as("Keras compiles %s: %s", c, r.path("keras_error")).isTrue();
        assertThat(r.path("java_file_compiled").asBoolean(false)).as("Keras compiled KerasJ's file: %s %s",
                r.path("java_file_error"), r.path("java_file_warnings")).isTrue();
        assertThat(r.get("java_file_compile_config")).isEqualTo(r.get("keras_compile_config"));
    }

    @Tag("python")
    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void kerasFileLoadsInJavaCompiledWhenKerasJHasIt(Case c) throws IOException {
        JsonNode r = CompileRoundTrip.keras().path("cases").path(c.id());
        Assumptions.assumeTrue(r.path("keras_error").isMissingNode(), () -> "Keras itself refuses " + c + ": " + r.get("keras_error"));
        if (c.javaConfig() == null) {
            // what a load does with a compile_config (KerasFiles.compile), without building the model
            CompileSettings.Result result = CompileSettings.read(r.get("keras_compile_config"), new long[] {3});
            assertThat(result.config()).as("KerasJ lacks %s", c).isNull();
            assertThat(result.unsupported()).isNotBlank();
            return;
        }
        Path file = Path.of(r.get("keras_file").asText());
        JsonNode kerasConfig = CompileRoundTrip.compileConfig(file);
        List<String> warnings = new ArrayList<>();
        try (io.kerasj.models.Model loaded = KerasFiles.load(file, 0, warnings::add)) {
            assertThat(warnings).isEmpty();
            assertThat(loaded.compileConfig()).as("compiled").isNotNull();
            JsonNode javaConfig = CompileSettings.write(loaded.compileConfig(), loaded.learningRate());
            assertThat(javaConfig.get("loss")).isEqualTo(kerasConfig.get("loss"));
            assertThat(javaConfig.get("metrics")).isEqualTo(kerasConfig.get("metrics"));
            JsonNode javaOptimizer = javaConfig.get("optimizer");
            JsonNode kerasOptimizer = kerasConfig.get("optimizer");
            assertThat(javaOptimizer.get("class_name")).isEqualTo(kerasOptimizer.get("class_name"));
            for (Iterator<Map.Entry<String, JsonNode>> it = javaOptimizer.get("config").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode keras = kerasOptimizer.get("config").get(e.getKey());
                assertThat(keras).as("Keras writes %s", e.getKey()).isNotNull();
                if (e.getKey().equals("learning_rate")) {
                    assertThat((float) e.getValue().asDouble()).as(e.getKey()).isEqualTo((float) keras.asDouble());
                } else if (e.getValue().isNumber()) {
                    assertThat(e.getValue().asDouble()).as(e.getKey()).isEqualTo(keras.asDouble());
                } else {
                    assertThat(e.getValue()).as(e.getKey()).isEqualTo(keras);
                }
            }
        }
    }

    @Tag("python")
    @Test
    void theIdentifierListIsTheInstalledKerasRegistry() throws IOException {
        JsonNode listed = CompileRoundTrip.identifiers().get("names");
        JsonNode registry = CompileRoundTrip.keras().get("registry");
        Set<String> base = Set.of("Loss", "LossFunctionWrapper", "Metric", "metric", "MeanMetricWrapper", "mean_metric_wrapper",
                "lossscaleoptimizer", "multioptimizer", "optimizer", "optimizermap");
        for (String kind : List.of("loss", "metric", "optimizer")) {
            Set<String> live = new HashSet<>();
            registry.get(kind).forEach(n -> live.add(n.asText()));
            live.removeAll(base);
            Set<String> ours = new HashSet<>();
            listed.get(kind).forEach(n -> ours.add(n.asText()));
            ours.removeAll(Set.of("acc", "crossentropy", "ce"));
            assertThat(ours).as("keras-compile-identifiers.json %s names", kind).isEqualTo(live);
        }
    }

    /** The learning rate as the float32 a file's optimizer variables hold (a loaded model's current one). */
    private static JsonNode float32LearningRate(JsonNode compileConfig) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = compileConfig.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode c = (com.fasterxml.jackson.databind.node.ObjectNode) copy.get("optimizer").get("config");
        c.put("learning_rate", (double) (float) c.get("learning_rate").asDouble());
        return copy;
    }

    private static List<String> describe(List<Metric> metrics) {
        return metrics.stream().map(m -> m.getClass().getName() + " " + m.name() + " " + MetricConfigs.write(m)).toList();
    }
}
