package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.engine.SmallProblems;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Merge;
import io.kerasj.layers.Naming;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code fit}, {@code evaluate} and {@code predict} on a pipeline give what they give on the same arrays. */
class FitPipelineTest {
    private static final int N = 200; // 6 whole batches of 32 and one of 8

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    static HostArray features(FloatSamples x) {
        return HostArray.ofFloats(x.toArray(), x.shape());
    }

    static HostArray labels(int[] y) {
        return HostArray.ofInts(y.clone(), y.length);
    }

    private static Sequential compiledMlp() {
        Sequential model = SmallProblems.mlp(42);
        model.compile("sparse_categorical_crossentropy", "adam", "accuracy");
        return model;
    }

    @Test
    void aBatchedPipelineTrainsExactlyAsTheSameArraysUnshuffled() {
        SmallProblems data = SmallProblems.blobs(N, 5);
        SmallProblems validation = SmallProblems.blobs(50, 6);
        History arrays;
        List<float[]> arrayWeights;
        Map<String, Double> arrayEval;
        float[][] arrayPredict;
        try (Sequential model = compiledMlp()) {
            arrays = model.fit(data.x, data.y, FitOptions.defaults().epochs(3).shuffle(false).verbose(0)
                    .validation(new ValidationData(validation.x, validation.y)));
            arrayWeights = model.getWeights();
            arrayEval = model.evaluateToMap(validation.x, Targets.classes(validation.y), 0, System.out);
            arrayPredict = model.predict(validation.x);
        }
        Naming.clearSession();
        try (Sequential model = compiledMlp()) {
            Pipeline train = Pipeline.fromTensorSlices(features(data.x), labels(data.y)).batch(32);
            Pipeline valid = Pipeline.fromTensorSlices(features(validation.x), labels(validation.y)).batch(32);
            History streamed = model.fit(train, FitOptions.defaults().epochs(3).verbose(0).validationData(valid));
            assertThat(streamed.history()).isEqualTo(arrays.history());
            assertWeightsEqual(model.getWeights(), arrayWeights);
            assertThat(model.evaluateToMap(valid, 0, System.out)).isEqualTo(arrayEval);
            float[][] predicted = model.predict(Pipeline.fromTensorSlices(features(validation.x)).batch(7)).get(0);
            assertThat(predicted).isDeepEqualTo(arrayPredict);
        }
    }

    @Test
    void callbacksWithABatchPeriodSeeTheSameBatchesAsWithArrays() {
        SmallProblems data = SmallProblems.blobs(N, 5);
        List<String> arrays = new ArrayList<>();
        try (Sequential model = compiledMlp()) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(2).shuffle(false).verbose(0).stepsPerExecution(4)
                    .callback(recorder(arrays)));
        }
        Naming.clearSession();
        List<String> streamed = new ArrayList<>();
        try (Sequential model = compiledMlp()) {
            model.fit(Pipeline.fromTensorSlices(features(data.x), labels(data.y)).batch(32),
                    FitOptions.defaults().epochs(2).verbose(0).stepsPerExecution(4).callback(recorder(streamed)));
        }
        assertThat(streamed).isEqualTo(arrays).isNotEmpty();
    }

    private static io.kerasj.callbacks.Callback recorder(List<String> events) {
        return new io.kerasj.callbacks.Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                events.add("batch " + batch + " " + logs);
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                events.add("epoch " + epoch + " " + logs);
            }
        };
    }

    @Test
    void severalInputsAndOutputsByNameTrainAsTheArraysByName() {
        SmallProblems data = SmallProblems.blobs(96, 9);
        FloatSamples wide = data.x;
        FloatSamples deep = FunctionalModelTest.samples(96, 6, 2);
        Targets main = FunctionalModelTest.targets(deep, 0);
        Targets aux = FunctionalModelTest.targets(deep, 1);
        History arrays;
        List<float[]> arrayWeights;
        List<float[][]> arrayPredict;
        try (Model model = twoByTwo()) {
            arrays = model.fit(Map.of("wide", wide, "deep", deep), Map.of("main", main, "aux", aux),
                    FitOptions.defaults().epochs(2).batchSize(16).shuffle(false).verbose(0));
            arrayWeights = model.getWeights();
            arrayPredict = model.predict(List.of(wide, deep));
        }
        Naming.clearSession();
        try (Model model = twoByTwo()) {
            List<Element> batches = new ArrayList<>();
            for (int from = 0; from < 96; from += 16) {
                Map<String, HostArray> x = new LinkedHashMap<>();
                x.put("deep", features(deep.slice(from, from + 16)));
                x.put("wide", features(wide.slice(from, from + 16)));
                Map<String, HostArray> y = new LinkedHashMap<>();
                y.put("aux", HostArray.ofFloats(aux.slice(from, from + 16).floatValues(), 16, 1));
                y.put("main", HostArray.ofFloats(main.slice(from, from + 16).floatValues(), 16, 1));
                batches.add(Element.named(x, y));
            }
            History streamed = model.fit(Pipeline.fromGenerator(batches::iterator), FitOptions.defaults().epochs(2).verbose(0));
            assertThat(streamed.history()).isEqualTo(arrays.history());
            assertWeightsEqual(model.getWeights(), arrayWeights);
            List<float[][]> predicted = model.predict(Pipeline.fromGenerator(batches::iterator));
            assertThat(predicted.get(0)).isDeepEqualTo(arrayPredict.get(0));
            assertThat(predicted.get(1)).isDeepEqualTo(arrayPredict.get(1));
        }
    }

    private static Model twoByTwo() {
        Input wide = new Input(new long[] {4}, "wide");
        Input deep = new Input(new long[] {6}, "deep");
        KerasTensor hidden = new Dense(8, "relu").apply(deep);
        KerasTensor joined = Merge.concatenate(wide, hidden);
        KerasTensor main = new Dense(1).name("main").apply(joined);
        KerasTensor aux = new Dense(1).name("aux").apply(hidden);
        Model model = new Model(List.of(wide, deep), List.of(main, aux)).seed(3);
        model.compile(CompileOptions.defaults().optimizer("sgd").losses(List.of("mse", "mse")).lossWeights(0.8, 0.2));
        return model;
    }

    @Test
    void theProgressLineCountsKnownStepsAndLearnsUnknownOnesAsKerasDoes() {
        SmallProblems data = SmallProblems.blobs(N, 5);
        Pipeline known = Pipeline.fromTensorSlices(features(data.x), labels(data.y)).batch(32);
        Pipeline unknown = known.filter(e -> true);
        for (Pipeline pipeline : List.of(known, unknown)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Sequential model = compiledMlp()) {
                model.fit(pipeline, FitOptions.defaults().epochs(2).verbose(1).dynamicDisplay(false).output(stream(bytes)));
                model.evaluateToMap(pipeline, 1, stream(bytes));
            }
            String printed = text(bytes);
            assertThat(printed).as(printed).contains("Epoch 1/2\n7/7 [==============================]")
                    .contains("Epoch 2/2\n7/7 [==============================]");
            assertThat(printed.lines().filter(line -> line.startsWith("7/7 [")).count()).as(printed).isEqualTo(3);
        }
    }

    @Test
    void anEmptyPipelineIsRefusedInOneLine() {
        try (Sequential model = compiledMlp()) {
            Pipeline empty = Pipeline.fromTensorSlices(HostArray.ofFloats(new float[0], 0, 4), HostArray.ofInts(new int[0], 0)).batch(32);
            assertThatThrownBy(() -> model.fit(empty, FitOptions.defaults().verbose(0)))
                    .isInstanceOf(PipelineException.class)
                    .hasMessageContaining("gave no batch")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> model.evaluateToMap(empty, 0, System.out)).isInstanceOf(PipelineException.class);
            assertThatThrownBy(() -> model.predict(empty)).isInstanceOf(PipelineException.class);
        }
    }

    @Test
    void validationSplitIsRefusedAndBatchSizeIgnoredAsKeras3Does() {
        SmallProblems data = SmallProblems.blobs(64, 5);
        Pipeline train = Pipeline.fromTensorSlices(features(data.x), labels(data.y)).batch(32);
        try (Sequential model = compiledMlp()) {
            assertThatThrownBy(() -> model.fit(train, FitOptions.defaults().verbose(0).validationSplit(0.2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("validation_split");
            History history = model.fit(train, FitOptions.defaults().verbose(0).batchSize(5));
            assertThat(history.params().get("steps")).isEqualTo(2);
        }
    }

    @Test
    void aBatchThatDoesNotFitTheModelIsRefusedNamingIt() {
        try (Sequential model = compiledMlp()) {
            Pipeline wrong = Pipeline.fromTensorSlices(HostArray.ofFloats(new float[40], 8, 5), HostArray.ofInts(new int[8], 8)).batch(4);
            assertThatThrownBy(() -> model.fit(wrong, FitOptions.defaults().verbose(0)))
                    .isInstanceOf(PipelineException.class)
                    .hasMessageContaining("batch 0")
                    .hasMessageContaining("float32[4, 5]");
        }
    }

    static void assertWeightsEqual(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("weight %d", i).containsExactly(expected.get(i));
        }
    }

    static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    static Iterator<Element> none() {
        return java.util.Collections.emptyIterator();
    }
}
