package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Merge;
import io.kerasj.layers.Naming;
import io.kerasj.metrics.MeanMetric;
import io.kerasj.metrics.Metric;
import io.kerasj.metrics.RootMeanSquaredError;
import io.kerasj.losses.MeanAbsoluteError;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The History and {@code evaluate(return_dict=True)} keys of models of one and of two outputs, compiled in every
 * way python-reference/history_keys.py compiles them, against the keys Keras 3 gives (as sets: Keras 3 orders them
 * alphabetically, KerasJ as the logs are computed). A case Keras refuses is refused by KerasJ too.
 */
@Tag("python")
@Tag("parity")
class HistoryKeysParityTest {
    private static JsonNode cases;

    @BeforeAll
    static void runKeras() throws Exception {
        PythonKeras.require();
        Path out = PythonKeras.repoRoot().resolve("target").resolve("history-keys.json");
        Files.createDirectories(out.getParent());
        PythonKeras.run(300, Map.of(), "history_keys.py", out.toString());
        cases = new ObjectMapper().readTree(out.toFile()).path("cases");
    }

    private static Model twoOutputs() {
        Input wide = new Input(new long[] {5}, "wide_input");
        Input deep = new Input(new long[] {6}, "deep_input");
        KerasTensor h2 = new Dense(30, "relu").name("dense_1").apply(new Dense(30, "relu").name("dense").apply(deep));
        KerasTensor output = new Dense(1).name("output").apply(Merge.concatenate(wide, h2));
        KerasTensor aux = new Dense(1).name("aux_output").apply(h2);
        return new Model(List.of(wide, deep), List.of(output, aux), "multi_output").seed(7);
    }

    private static Model regression() {
        Sequential model = new Sequential(7);
        model.add(new Input(8)).add(new Dense(30, "relu")).add(new Dense(1));
        return model;
    }

    private static Model classifier() {
        Input in = new Input(new long[] {8}, "features");
        return new Model(in, new Dense(3, "softmax").name("classes").apply(new Dense(16, "relu").name("hidden").apply(in))).seed(7);
    }

    private static Metric myMae() {
        return Metric.ofLoss("my_mae", new MeanAbsoluteError());
    }

    /** Each case's model and compile, as history_keys.py writes them. */
    private static Map<String, Case> javaCases() {
        CompileOptions sgd = CompileOptions.defaults().optimizer("sgd");
        Map<String, Case> all = new java.util.LinkedHashMap<>();
        all.put("two_outputs_list", new Case(true, o -> o.losses(List.of("mse", "mse")).outputMetrics(List.of(List.of("mae"), List.of("mae")))));
        all.put("two_outputs_list_loss_weights", new Case(true, o -> o.losses(List.of("mse", "mse")).lossWeights(0.9, 0.1)
                .outputMetrics(List.of(List.of("mae"), List.of("mae", "mse")))));
        all.put("two_outputs_dict", new Case(true, o -> o.losses(Map.of("output", "mse", "aux_output", "mse"))
                .lossWeights(Map.of("output", 0.9, "aux_output", 0.1)).outputMetrics(Map.of("output", List.of("mae"), "aux_output", List.of("mae")))));
        all.put("two_outputs_dict_no_validation", new Case(true, o -> o.losses(Map.of("output", "mse", "aux_output", "mse"))
                .outputMetrics(Map.of("output", List.of("mae"), "aux_output", List.of("mae")))));
        all.put("two_outputs_metrics_once", new Case(true, o -> o.losses(List.of("mse", "mse")).metrics("mae")));
        all.put("two_outputs_metrics_dict_one_output", new Case(true, o -> o.losses(List.of("mse", "mse"))
                .outputMetrics(Map.of("output", List.of("mae", "mse")))));
        all.put("two_outputs_metrics_dict_one_output_dict_loss", new Case(true, o -> o.losses(Map.of("output", "mse", "aux_output", "mse"))
                .outputMetrics(Map.of("aux_output", List.of("mae")))));
        all.put("two_outputs_loss_once", new Case(true, o -> o.loss("mse").outputMetrics(List.of(List.of("mae"), List.of("mae")))));
        all.put("two_outputs_no_metrics", new Case(true, o -> o.losses(List.of("mse", "mse"))));
        all.put("two_outputs_metric_objects", new Case(true, o -> o.losses(List.of("mse", "mse"))
                .outputMetrics(List.of(List.of(myMae()), List.of(new RootMeanSquaredError())))));
        all.put("single_regression_metrics", new Case(false, o -> o.loss("mse").metrics("mae", "mse")));
        all.put("single_regression_no_metrics", new Case(false, o -> o.loss("mse")));
        all.put("single_regression_metrics_no_validation", new Case(false, o -> o.loss("mse").metrics("mae")));
        all.put("single_classifier_accuracy", new Case(false, o -> o.loss("sparse_categorical_crossentropy").metrics("accuracy")));
        all.put("single_classifier_metric_list_of_list", new Case(false, o -> o.loss("sparse_categorical_crossentropy")
                .outputMetrics(List.of(List.of("accuracy")))));
        all.put("single_classifier_metric_dict", new Case(false, o -> o.loss("sparse_categorical_crossentropy")
                .outputMetrics(Map.of("classes", List.of("accuracy")))));
        return all;
    }

    private record Case(boolean twoOutputs, Consumer<CompileOptions> compile) {
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesKerasKeys() {
        Map<String, Case> java = javaCases();
        List<String> names = new ArrayList<>();
        cases.fieldNames().forEachRemaining(names::add);
        assertThat(new TreeSet<>(java.keySet())).as("a Java twin for every Python case").isEqualTo(new TreeSet<>(names));
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name, cases.path(name), java.get(name))));
    }

    private static void check(String name, JsonNode keras, Case c) {
        Naming.clearSession();
        boolean classifier = name.startsWith("single_classifier");
        boolean validation = keras.path("validation").asBoolean();
        try (Model model = c.twoOutputs() ? twoOutputs() : classifier ? classifier() : regression()) {
            CompileOptions options = CompileOptions.defaults().optimizer("sgd");
            FloatSamples wide = FunctionalModelTest.samples(64, 5, 1);
            FloatSamples deep = FunctionalModelTest.samples(64, 6, 2);
            FloatSamples one = FunctionalModelTest.samples(64, 8, 3);
            List<FloatSamples> x = c.twoOutputs() ? List.of(wide, deep) : List.of(one);
            List<Targets> y = c.twoOutputs() ? List.of(FunctionalModelTest.targets(deep, 0), FunctionalModelTest.targets(deep, 1))
                    : classifier ? List.of(Targets.classes(labels(64))) : List.of(FunctionalModelTest.targets(one, 0));
            FitOptions fit = FitOptions.defaults().epochs(1).batchSize(32).verbose(0).validationSplit(validation ? 0.25 : 0);
            if (keras.has("error")) {
                assertThatThrownBy(() -> {
                    c.compile().accept(options);
                    model.compile(options);
                    model.fit(x, y, fit);
                }).as("Keras refuses %s: %s", name, keras.path("error").asText()).isInstanceOf(IllegalArgumentException.class);
                return;
            }
            c.compile().accept(options);
            model.compile(options);
            History history = model.fit(x, y, fit);
            assertThat(new TreeSet<>(history.history().keySet())).as(name + " History").isEqualTo(strings(keras.path("history")));
            Map<String, Double> evaluated = model.evaluateToMap(x, y, 0, System.out);
            assertThat(new TreeSet<>(evaluated.keySet())).as(name + " evaluate").isEqualTo(strings(keras.path("evaluate")));
        }
    }

    private static int[] labels(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return labels;
    }

    private static TreeSet<String> strings(JsonNode array) {
        TreeSet<String> set = new TreeSet<>();
        array.forEach(n -> set.add(n.asText()));
        return set;
    }
}
