package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.BatchShapeTolerance;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.models.Sequential;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Evaluate and predict in slices sized by their activations give what they gave in the former slices of
 * {@link Slices#SLICE} samples: the MLP's bit for bit (its slices stay whole), the CNN's within
 * {@link BatchShapeTolerance} (its batches now have other shapes).
 */
@Tag("slow")
class SlicedResultsTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private static float[] images(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * 784];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    private static int[] labels(int n, long seed) {
        Random random = new Random(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
        }
        return labels;
    }

    @Test
    void theCnnsSmallSlicesPredictAndEvaluateAsOneLargeSlice() {
        int n = 1_000;
        FloatSamples x = FloatSamples.of(images(n, 3), 28, 28, 1);
        List<Targets> y = List.of(Targets.classes(labels(n, 4)));
        try (Sequential model = SliceModels.cnn(); ModelRuntime runtime = new ModelRuntime(model)) {
            runtime.compile(model.compileConfig());
            int size = Slices.sizeFor(model.network());
            assertThat(size).isLessThan(n / 2); // several slices, and a short last one
            float[][] sliced = new Predictor(runtime.graph()).predict(List.of(x)).get(0);
            float[][] whole = new Predictor(runtime.graph(), Slices.SLICE).predict(List.of(x)).get(0);
            assertThat(sliced).hasDimensions(n, 10);
            for (int i = 0; i < n; i++) {
                assertThat(BatchShapeTolerance.accepts(sliced[i], whole[i])).as("row %d", i).isTrue();
            }
            Map<String, Double> slicedLogs = new Evaluator(runtime.graph(), runtime.compileConfig()).evaluate(List.of(x), y, 0, SILENT);
            Map<String, Double> wholeLogs = new Evaluator(runtime.graph(), runtime.compileConfig(), Slices.SLICE).evaluate(List.of(x), y, 0, SILENT);
            assertThat(BatchShapeTolerance.accepts(slicedLogs.get("loss").floatValue(), wholeLogs.get("loss").floatValue())).isTrue();
            assertThat(slicedLogs.get("accuracy")).isEqualTo(wholeLogs.get("accuracy"));
            // validation's prepared slices give exactly what evaluate's slices give
            try (Evaluator.Prepared prepared = new Evaluator(runtime.graph(), runtime.compileConfig()).prepare(List.of(x), y)) {
                assertThat(prepared.evaluate((done, logs) -> { })).isEqualTo(slicedLogs);
            }
        }
    }

    @Test
    void theMlpsWholeSlicesGiveTheSameBits() {
        int n = 12_000; // two slices of the MLP's 10,000
        FloatSamples x = FloatSamples.of(images(n, 5), 28, 28);
        List<Targets> y = List.of(Targets.classes(labels(n, 6)));
        try (Sequential model = SliceModels.mlp(); ModelRuntime runtime = new ModelRuntime(model)) {
            runtime.compile(model.compileConfig());
            float[][] sliced = new Predictor(runtime.graph()).predict(List.of(x)).get(0);
            float[][] whole = new Predictor(runtime.graph(), Slices.SLICE).predict(List.of(x)).get(0);
            assertThat(sliced).isDeepEqualTo(whole);
            assertThat(new Evaluator(runtime.graph(), runtime.compileConfig()).evaluate(List.of(x), y, 0, SILENT))
                    .isEqualTo(new Evaluator(runtime.graph(), runtime.compileConfig(), Slices.SLICE).evaluate(List.of(x), y, 0, SILENT));
        }
    }
}
