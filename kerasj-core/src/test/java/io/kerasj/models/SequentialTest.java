package io.kerasj.models;

import io.kerasj.engine.SmallProblems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Layer;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.SGD;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialTest {

    private static FitOptions quiet(int epochs) {
        return FitOptions.defaults().epochs(epochs).verbose(0);
    }

    @Test
    void namesLayersAsKerasDoes() {
        try (Sequential model = notebookModel(1)) {
            assertThat(model.layers()).extracting(Layer::name).containsExactly("flatten", "dense", "dense_1", "dense_2");
            assertThat(model.countParams()).isEqualTo(266_610);
        }
    }

    @Test
    void summaryIsTheKerasTable() {
        try (Sequential model = notebookModel(1)) {
            assertThat(model.summaryText()).isEqualTo(String.join("\n",
                    "Model: \"sequential\"",
                    "_________________________________________________________________",
                    "Layer (type)                 Output Shape              Param #   ",
                    "=================================================================",
                    "flatten (Flatten)            (None, 784)               0         ",
                    "_________________________________________________________________",
                    "dense (Dense)                (None, 300)               235500    ",
                    "_________________________________________________________________",
                    "dense_1 (Dense)              (None, 100)               30100     ",
                    "_________________________________________________________________",
                    "dense_2 (Dense)              (None, 10)                1010      ",
                    "=================================================================",
                    "Total params: 266,610",
                    "Trainable params: 266,610",
                    "Non-trainable params: 0",
                    "_________________________________________________________________",
                    ""));
        }
    }

    @Test
    void denseForwardMatchesHandComputedValues() {
        try (Sequential model = new Sequential(3)) {
            model.add(new Flatten(2));
            model.add(new Dense(2, "relu"));
            model.add(new Dense(2, "softmax"));
            // kernel [in, out] row-major, as Keras's get_weights()
            model.layers().get(1).setWeights(List.of(new float[] {1, -1, 2, 0.5f}, new float[] {0.5f, -3}));
            model.layers().get(2).setWeights(List.of(new float[] {1, 0, 0, 1}, new float[] {0, 1}));
            float[][] out = model.predict(FloatSamples.of(new float[] {1, 2}, 2));
            // hidden = relu([1*1 + 2*2 + 0.5, 1*-1 + 2*0.5 - 3]) = [5.5, 0]; logits = [5.5, 1]
            double e0 = Math.exp(5.5);
            double e1 = Math.exp(1);
            assertThat(out[0][0]).isCloseTo((float) (e0 / (e0 + e1)), org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(out[0][1]).isCloseTo((float) (e1 / (e0 + e1)), org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(model.layers().get(1).getWeights().get(0)).containsExactly(1, -1, 2, 0.5f);
        }
    }

    @Test
    void fitLowersTheLossAndLearns() {
        SmallProblems data = SmallProblems.blobs(600, 5);
        try (Sequential model = SmallProblems.mlp(11)) {
            model.compile(new SparseCategoricalCrossentropy(), new SGD(0.05), "accuracy");
            History history = model.fit(data.x, data.y, quiet(8).batchSize(16));
            List<Double> loss = history.history().get("loss");
            assertThat(loss).hasSize(8);
            assertThat(loss.get(7)).isLessThan(loss.get(0) * 0.6);
            assertThat(model.evaluate(data.x, data.y, 0, System.out)[1]).isGreaterThan(0.9);
        }
    }

    @Test
    void momentumNesterovAndAdamTrainToo() {
        SmallProblems data = SmallProblems.blobs(300, 6);
        for (var optimizer : List.of(new SGD(0.02, 0.9, true), new SGD(0.02, 0.9, false), new Adam(0.01))) {
            try (Sequential model = SmallProblems.mlp(12)) {
                model.compile(new SparseCategoricalCrossentropy(), optimizer, "accuracy");
                History history = model.fit(data.x, data.y, quiet(5));
                assertThat(history.history().get("loss").get(4)).as(optimizer.toString())
                        .isLessThan(history.history().get("loss").get(0));
                assertThat(history.history().get("accuracy").get(4)).as(optimizer.toString()).isGreaterThan(0.85);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameHistory() {
        SmallProblems data = SmallProblems.blobs(400, 7);
        List<History> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (Sequential model = SmallProblems.mlp(99)) {
                model.add(new Dropout(0.2));
                model.add(new Dense(3, "softmax"));
                model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
                runs.add(model.fit(data.x, data.y, quiet(3).validation(new ValidationData(data.x, data.y))));
            }
        }
        assertThat(runs.get(0).history()).isEqualTo(runs.get(1).history());
    }

    @Test
    void runningMeansPerChunkEndAtTheEpochMean() {
        SmallProblems data = SmallProblems.blobs(200, 8);
        List<Double> epochLoss = new java.util.ArrayList<>();
        List<Double> lastBatchLoss = new java.util.ArrayList<>();
        try (Sequential model = SmallProblems.mlp(13)) {
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            model.fit(data.x, data.y, quiet(1).stepsPerExecution(2).callback(new io.kerasj.callbacks.Callback() {
                @Override
                public void onTrainBatchEnd(int batch, java.util.Map<String, Double> logs) {
                    lastBatchLoss.add(logs.get("loss"));
                }

                @Override
                public void onEpochEnd(int epoch, java.util.Map<String, Double> logs) {
                    epochLoss.add(logs.get("loss"));
                }
            }));
        }
        assertThat(lastBatchLoss).hasSize(4); // 7 batches of 32 in chunks of 2
        assertThat(lastBatchLoss.get(3)).isEqualTo(epochLoss.get(0));
    }

    @Test
    void progressLineIsPrintedPerEpoch() {
        SmallProblems data = SmallProblems.blobs(100, 9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Sequential model = SmallProblems.mlp(14)) {
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            model.fit(data.x, data.y, FitOptions.defaults().epochs(2).output(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                    .dynamicDisplay(false).validation(new ValidationData(data.x, data.y)));
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("Epoch 1/2");
        assertThat(lines[1]).matches("4/4 \\[=+\\] - \\d+s \\d+[mu]?s/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}");
    }

    @Test
    void nanLossStopsTrainingAndKeepsFiniteWeights() {
        SmallProblems data = SmallProblems.blobs(300, 10);
        try (Sequential model = SmallProblems.mlp(15)) {
            model.compile(new SparseCategoricalCrossentropy(), new SGD(1e9), "accuracy");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.fit(data.x, data.y, quiet(5).output(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
            assertThat(model.terminatedOnNaN()).isNotNull();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Invalid loss, terminating training");
            for (float[] w : model.getWeights()) {
                for (float v : w) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
            }
        }
    }

    @Test
    void misuseFailsFastWithClearMessages() {
        SmallProblems data = SmallProblems.blobs(30, 11);
        try (Sequential model = SmallProblems.mlp(16)) {
            assertThatThrownBy(() -> model.fit(data.x, data.y, quiet(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("compile");
            model.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            assertThatThrownBy(() -> model.fit(FloatSamples.of(new float[30 * 5], 5), data.y, quiet(1)))
                    .hasMessageContaining("x: expected samples of shape [4]");
            assertThatThrownBy(() -> model.fit(data.x, new int[29], quiet(1)))
                    .hasMessageContaining("y: expected 30 labels");
            int[] bad = data.y.clone();
            bad[7] = 3;
            assertThatThrownBy(() -> model.fit(data.x, bad, quiet(1)))
                    .hasMessageContaining("y[7]: expected a class in [0, 3), found 3");
            float[] nan = data.x.toArray();
            nan[4 * 5 + 2] = Float.NaN;
            assertThatThrownBy(() -> model.predict(FloatSamples.of(nan, 4)))
                    .hasMessageContaining("x[5]: expected finite values");
            float[] inf = data.x.toArray();
            inf[0] = Float.POSITIVE_INFINITY;
            assertThatThrownBy(() -> model.evaluate(FloatSamples.of(inf, 4), data.y, 0, System.out))
                    .hasMessageContaining("x[0]: expected finite values");
            assertThatThrownBy(() -> model.predict(FloatSamples.of(new float[0], 4)))
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> FitOptions.defaults().batchSize(0)).hasMessageContaining("batch_size");
            assertThatThrownBy(() -> FitOptions.defaults().epochs(-1)).hasMessageContaining("epochs");
            assertThatThrownBy(() -> model.compile("dice", "sgd")).hasMessageContaining("loss: expected one of sparse_categorical_crossentropy");
            assertThatThrownBy(() -> model.compile("sparse_categorical_crossentropy", "adadelta")).hasMessageContaining("optimizer: expected one of");
        }
    }

    @Test
    void lossFromLogitsMatchesTheCrossEntropyOfTheSoftmax() {
        SmallProblems data = SmallProblems.blobs(300, 12);
        try (Sequential model = new Sequential(17)) {
            model.add(new Flatten(SmallProblems.FEATURES));
            model.add(new Dense(16, "relu"));
            model.add(new Dense(SmallProblems.CLASSES));
            model.compile(new SparseCategoricalCrossentropy(true), new SGD(0.05), "accuracy");
            History history = model.fit(data.x, data.y, quiet(5));
            assertThat(history.history().get("loss").get(4)).isLessThan(history.history().get("loss").get(0));
            float[][] logits = model.predict(data.x);
            double expected = 0;
            for (int i = 0; i < logits.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (float v : logits[i]) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (float v : logits[i]) {
                    sum += Math.exp(v - max);
                }
                expected += max + Math.log(sum) - logits[i][data.y[i]];
            }
            expected /= logits.length;
            assertThat(model.evaluate(data.x, data.y, 0, System.out)[0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void firstLayerNeedsAnInputShape() {
        try (Sequential model = new Sequential(1)) {
            assertThatThrownBy(() -> model.add(new Dense(3))).hasMessageContaining("needs an input shape");
        }
    }

    static Sequential notebookModel(long seed) {
        Sequential model = new Sequential(seed);
        model.add(new Flatten(28, 28));
        model.add(new Dense(300, "relu"));
        model.add(new Dense(100, "relu"));
        model.add(new Dense(10, "softmax"));
        return model;
    }

    @Test
    void namesLayersWithKerassSnakeCase() {
        assertThat(io.kerasj.layers.Naming.snakeCase("MaxPooling2D")).isEqualTo("max_pooling2d");
        assertThat(io.kerasj.layers.Naming.snakeCase("Conv2D")).isEqualTo("conv2d");
        assertThat(io.kerasj.layers.Naming.snakeCase("GlobalAveragePooling2D")).isEqualTo("global_average_pooling2d");
        assertThat(io.kerasj.layers.Naming.snakeCase("BatchNormalization")).isEqualTo("batch_normalization");
        assertThat(io.kerasj.layers.Naming.snakeCase("Dense")).isEqualTo("dense");
    }

    @Test
    void anInputGivesTheFirstLayersShapeAndComesOnlyFirst() {
        try (Sequential model = new Sequential(1)) {
            model.add(new io.kerasj.layers.Input(4, 3));
            model.add(new Flatten());
            assertThat(model.inputShape()).containsExactly(4, 3);
            assertThat(model.outputShape()).containsExactly(12);
            assertThatThrownBy(() -> model.add(new io.kerasj.layers.Input(2)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("an Input must come first");
        }
        try (Sequential model = new Sequential(1)) {
            model.add(new io.kerasj.layers.Input(4));
            assertThatThrownBy(() -> model.add(new Flatten(5)))
                    .hasMessageContaining("does not match the Input [4]");
        }
    }
}
