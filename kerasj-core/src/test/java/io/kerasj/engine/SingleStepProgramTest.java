package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Merge;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.models.StepLogs;
import io.kerasj.models.TrainStep;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightSpec;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.Optimizer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * trainOnBatch's single-step program (through the model's API): every call is the step {@code fit} takes on that
 * batch, for any batch size, several inputs and outputs, metrics, non-trainable updates and optimizer slots.
 */
class SingleStepProgramTest {

    private static FloatSamples samples(int n, int width, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(values, width);
    }

    private static Targets classes(FloatSamples x, int classes) {
        int[] labels = new int[x.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Math.floorMod((int) Math.floor(3 * x.sample(i)[0]), classes);
        }
        return Targets.classes(labels);
    }

    private static Targets regression(FloatSamples x) {
        float[] y = new float[x.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 2 * x.sample(i)[1] - x.sample(i)[0];
        }
        return Targets.of(y, 1);
    }

    private static Sequential classifier() {
        Sequential model = new Sequential(11);
        model.add(new Input(5)).add(new Dense(16, "relu")).add(new Dense(3, "softmax"));
        model.compile(CompileOptions.defaults().optimizer("adam").loss("sparse_categorical_crossentropy").metrics("accuracy"));
        return model;
    }

    private static Sequential normalized() {
        Sequential model = new Sequential(11);
        model.add(new Input(5)).add(new Dense(16, "relu")).add(new BatchNormalization()).add(new Dense(3, "softmax"));
        model.compile(CompileOptions.defaults().optimizer("sgd").loss("sparse_categorical_crossentropy").metrics("accuracy"));
        return model;
    }

    private static Model twoInTwoOut() {
        Input a = new Input(new long[] {4}, "a");
        Input b = new Input(new long[] {3}, "b");
        KerasTensor joined = Merge.concatenate(new Dense(8, "relu").apply(a), new Dense(8, "tanh").apply(b));
        KerasTensor value = new Dense(1).name("value").apply(joined);
        KerasTensor kind = new Dense(3, "softmax").name("kind").apply(joined);
        Model model = new Model(List.of(a, b), List.of(value, kind)).seed(5);
        model.compile(CompileOptions.defaults().optimizer("rmsprop").losses(List.of("mse", "sparse_categorical_crossentropy"))
                .lossWeights(0.7, 0.3).outputMetrics(List.of(List.of("mae"), List.of("accuracy"))));
        return model;
    }

    /** Trains one model by trainOnBatch and a twin by fit, one batch at a time, and checks they stay equal. */
    private static void assertEachCallIsFitsStep(Supplier<Model> make, List<List<FloatSamples>> xs, List<List<Targets>> ys) {
        assertEachCallIsFitsStep(make, xs, ys, 0);
    }

    /** @param ulps how many float32 units in the last place a weight may differ by (0: bit for bit) */
    private static void assertEachCallIsFitsStep(Supplier<Model> make, List<List<FloatSamples>> xs, List<List<Targets>> ys, int ulps) {
        try (Model byFit = make.get(); Model byBatch = make.get()) {
            for (int b = 0; b < xs.size(); b++) {
                int n = ys.get(b).get(0).count();
                History history = byFit.fit(xs.get(b), ys.get(b), FitOptions.defaults().epochs(1).batchSize(n).shuffle(false).verbose(0));
                Map<String, Double> logs = byBatch.trainOnBatch(xs.get(b), ys.get(b));
                assertThat(logs.keySet()).as("batch %d", b).containsExactlyElementsOf(history.history().keySet());
                for (String key : logs.keySet()) {
                    assertThat(logs.get(key)).as("batch %d of %d samples: %s", b, n, key).isEqualTo(history.history().get(key).get(0));
                }
                List<float[]> fitWeights = byFit.getWeights();
                List<float[]> batchWeights = byBatch.getWeights();
                for (int w = 0; w < fitWeights.size(); w++) {
                    assertClose(batchWeights.get(w), fitWeights.get(w), ulps, "batch " + b + ", weight " + w);
                }
                List<float[]> fitState = byFit.getOptimizerState();
                List<float[]> batchState = byBatch.getOptimizerState();
                for (int s = 0; s < fitState.size(); s++) {
                    assertClose(batchState.get(s), fitState.get(s), ulps, "batch " + b + ", optimizer variable " + s);
                }
            }
        }
    }

    private static void assertClose(float[] actual, float[] expected, int ulps, String what) {
        if (ulps == 0) {
            assertThat(actual).as(what).containsExactly(expected);
            return;
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as(what + "[" + i + "]").isCloseTo(expected[i], within(Math.max(ulps * Math.ulp(expected[i]), 1e-9f)));
        }
    }

    private static List<List<FloatSamples>> batches(FloatSamples x, int[][] bounds) {
        List<List<FloatSamples>> xs = new java.util.ArrayList<>();
        for (int[] b : bounds) {
            xs.add(List.of(x.slice(b[0], b[1])));
        }
        return xs;
    }

    private static List<List<Targets>> batches(Targets y, int[][] bounds) {
        List<List<Targets>> ys = new java.util.ArrayList<>();
        for (int[] b : bounds) {
            ys.add(List.of(y.slice(b[0], b[1])));
        }
        return ys;
    }

    /** Sizes 1, 5, 32, 32 again, 5 again, 5: each size's program is built once and then reused. */
    private static final int[][] SIZES = {{0, 1}, {1, 6}, {6, 38}, {38, 70}, {70, 75}, {75, 80}};

    @Test
    void everyBatchSizeTakesFitsStepBitForBitWithMetricsAndSlots() {
        FloatSamples x = samples(80, 5, 1);
        Targets y = classes(x, 3);
        assertEachCallIsFitsStep(SingleStepProgramTest::classifier, batches(x, SIZES), batches(y, SIZES));
    }

    /**
     * With BatchNormalization, TensorFlow rewrites the step outside the loop a little differently from inside it, so a
     * few gradients differ in the last bits (the bias before the normalization has a gradient of rounding noise only,
     * which Adam would blow up to full steps: SGD here); the loss and the metrics are fit's.
     */
    @Test
    void movingStatisticsAreUpdatedAsFitUpdatesThem() {
        FloatSamples x = samples(80, 5, 7);
        Targets y = classes(x, 3);
        assertEachCallIsFitsStep(SingleStepProgramTest::normalized, batches(x, SIZES), batches(y, SIZES), 64);
    }

    @Test
    void severalInputsAndOutputsTakeFitsStep() {
        FloatSamples a = samples(40, 4, 2);
        FloatSamples b = samples(40, 3, 3);
        Targets value = regression(a);
        Targets kind = classes(b, 3);
        List<List<FloatSamples>> xs = new java.util.ArrayList<>();
        List<List<Targets>> ys = new java.util.ArrayList<>();
        for (int[] s : new int[][] {{0, 16}, {16, 32}, {32, 39}, {39, 40}}) {
            xs.add(List.of(a.slice(s[0], s[1]), b.slice(s[0], s[1])));
            ys.add(List.of(value.slice(s[0], s[1]), kind.slice(s[0], s[1])));
        }
        assertEachCallIsFitsStep(SingleStepProgramTest::twoInTwoOut, xs, ys);
    }

    /** Its own step: the first layer trained by the compiled optimizer, the second by another one, at half the gradient. */
    static class OwnStep extends Model {
        private final Dense first;
        private final Dense second;
        private final Optimizer other = new Adam(0.02);

        OwnStep(Input input, Dense first, Dense second) {
            super(input, second.apply(first.apply(input)));
            this.first = first;
            this.second = second;
        }

        @Override
        protected StepLogs trainStep(TrainStep step) {
            List<LayerOutput> yPred = step.call(step.x(), true);
            Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);
            List<WeightSpec> firstWeights = step.trainableWeights(first);
            List<WeightSpec> secondWeights = step.trainableWeights(second);
            List<Operand<TFloat32>> firstGrads = step.gradients(loss, firstWeights);
            List<Operand<TFloat32>> secondGrads = new java.util.ArrayList<>();
            for (Operand<TFloat32> g : step.gradients(loss, secondWeights)) {
                secondGrads.add(step.tf().math.mul(g, step.tf().constant(0.5f)));
            }
            step.applyGradients(step.optimizer(), firstGrads, firstWeights);
            step.applyGradients(other, secondGrads, secondWeights);
            step.updateMetrics(step.y(), yPred);
            return StepLogs.of(loss);
        }
    }

    private static Model ownStep() {
        OwnStep model = new OwnStep(new Input(5), new Dense(8, "relu"), new Dense(1));
        model.seed(9);
        model.compile(CompileOptions.defaults().optimizer("adam").loss("mse").metrics("mae"));
        return model;
    }

    @Test
    void aModelsOwnTrainStepRunsInTrainOnBatchAsInFit() {
        FloatSamples x = samples(80, 5, 8);
        Targets y = regression(x);
        assertEachCallIsFitsStep(SingleStepProgramTest::ownStep, batches(x, SIZES), batches(y, SIZES));
    }

    @Test
    @Tag("slow") // eleven fits, each building its loop for another batch size
    void sizesBeyondTheStaticOnesShareOneProgramThatStillTrainsAsFit() {
        FloatSamples x = samples(120, 5, 4);
        Targets y = classes(x, 3);
        try (Sequential byFit = classifier(); Sequential byBatch = classifier()) {
            int from = 0;
            for (int n = 1; n <= BatchSteps.STATIC_SIZES + 3; n++) {
                FloatSamples xb = x.slice(from, from + n);
                Targets yb = y.slice(from, from + n);
                from += n;
                History history = byFit.fit(xb, yb, FitOptions.defaults().epochs(1).batchSize(n).shuffle(false).verbose(0));
                Map<String, Double> logs = byBatch.trainOnBatch(xb, yb);
                assertThat(logs.get("loss")).as("size %d", n).isCloseTo(history.history().get("loss").get(0), within(1e-5));
                assertThat(logs.get("accuracy")).as("size %d", n).isEqualTo(history.history().get("accuracy").get(0));
            }
            for (int w = 0; w < byFit.getWeights().size(); w++) {
                float[] expected = byFit.getWeights().get(w);
                float[] actual = byBatch.getWeights().get(w);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("weight %d[%d]", w, i).isCloseTo(expected[i], within(1e-4f));
                }
            }
        }
    }

    @Test
    void aBatchTooLargeToKeepGetsATensorOfItsOwnEachCall() {
        int width = 1024;
        FloatSamples x = samples((int) (SingleStepProgram.KEPT_VALUES / width) + 1, width, 10);
        Targets y = regression(x);
        Supplier<Model> linear = () -> {
            Sequential model = new Sequential(3);
            model.add(new Input(width)).add(new Dense(1));
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            return model;
        };
        assertEachCallIsFitsStep(linear, List.of(List.of(x), List.of(x)), List.of(List.of(y), List.of(y)));
    }

    @Test
    void aNonFiniteLossKeepsTheStateFromBeforeTheStepAsFitDoes() {
        FloatSamples x = samples(8, 4, 6);
        float[] huge = x.toArray();
        java.util.Arrays.fill(huge, 3e37f);
        Targets y = regression(x);
        try (Sequential model = new Sequential(2)) {
            model.add(new Input(4)).add(new Dense(4)).add(new Dense(1));
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse").metrics("mae"));
            model.trainOnBatch(x, y);
            List<float[]> before = model.getWeights();
            Map<String, Double> logs = model.trainOnBatch(FloatSamples.of(huge, 4), y);
            assertThat(logs.get("loss")).isNaN();
            for (int w = 0; w < before.size(); w++) {
                assertThat(model.getWeights().get(w)).containsExactly(before.get(w));
            }
            assertThat(model.trainOnBatch(x, y).get("loss")).isFinite();
        }
    }
}
