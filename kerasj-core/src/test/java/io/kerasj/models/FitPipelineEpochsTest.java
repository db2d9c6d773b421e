package io.kerasj.models;

import static io.kerasj.models.FitPipelineTest.assertWeightsEqual;
import static io.kerasj.models.FitPipelineTest.features;
import static io.kerasj.models.FitPipelineTest.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.callbacks.BackupAndRestore;
import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.EarlyStopping;
import io.kerasj.callbacks.History;
import io.kerasj.callbacks.LearningRateScheduler;
import io.kerasj.engine.SmallProblems;
import io.kerasj.layers.Naming;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Epochs of a pipeline: steps per epoch, validation steps, the epoch callbacks, resuming, uint8 data. */
class FitPipelineEpochsTest {
    private static final int N = 200; // 7 batches of 32, the last of 8

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    private static Sequential compiledMlp() {
        Sequential model = SmallProblems.mlp(42);
        model.compile("sparse_categorical_crossentropy", "adam", "accuracy");
        return model;
    }

    private static Pipeline batches(SmallProblems data) {
        return Pipeline.fromTensorSlices(features(data.x), labels(data.y)).batch(32);
    }

    @Test
    void stepsPerEpochReadsOnePassAcrossEpochsAndARepeatedPassEqualsWholePasses() {
        SmallProblems data = SmallProblems.blobs(N, 5);
        History whole;
        List<float[]> weights;
        try (Sequential model = compiledMlp()) {
            whole = model.fit(batches(data), FitOptions.defaults().epochs(3).verbose(0));
            weights = model.getWeights();
        }
        Naming.clearSession();
        try (Sequential model = compiledMlp()) {
            History repeated = model.fit(batches(data).repeat(), FitOptions.defaults().epochs(3).stepsPerEpoch(7).verbose(0));
            assertThat(repeated.history()).isEqualTo(whole.history());
            assertThat(repeated.params().get("steps")).isEqualTo(7);
            assertWeightsEqual(model.getWeights(), weights);
        }
    }

    @Test
    void aPassThatRunsOutEndsItsEpochWithKerasWarningAndTheNextEpochStartsANewPass() {
        SmallProblems data = SmallProblems.blobs(N, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> batchesPerEpoch = new ArrayList<>();
        try (Sequential model = compiledMlp()) {
            History history = model.fit(batches(data), FitOptions.defaults().epochs(3).stepsPerEpoch(5).stepsPerExecution(1).verbose(0)
                    .output(new PrintStream(out, true, StandardCharsets.UTF_8)).callback(counter(batchesPerEpoch)));
            assertThat(history.history().get("loss")).hasSize(3);
        }
        // as Keras 3's EpochIterator: 5 batches, the 2 left of the pass, then 5 of a new pass
        assertThat(batchesPerEpoch).containsExactly(5, 2, 5);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsOnlyOnce("WARNING: Your input ran out of data; interrupting training.");
    }

    private static Callback counter(List<Integer> batchesPerEpoch) {
        return new Callback() {
            private int batches;

            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                batches++;
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                batchesPerEpoch.add(batches);
                batches = 0;
            }
        };
    }

    @Test
    void validationStepsEvaluateTheFirstBatchesOfANewPassEachEpoch() {
        SmallProblems data = SmallProblems.blobs(N, 5);
        SmallProblems validation = SmallProblems.blobs(50, 6);
        Pipeline valid = Pipeline.fromTensorSlices(features(validation.x), labels(validation.y)).batch(10);
        try (Sequential model = compiledMlp()) {
            History history = model.fit(batches(data), FitOptions.defaults().epochs(2).verbose(0).validationData(valid).validationSteps(2));
            Map<String, Double> firstTwo = model.evaluateToMap(valid.take(2), 0, System.out);
            assertThat(history.history().get("val_loss").get(1)).isEqualTo(firstTwo.get("loss"));
            assertThat(history.history().get("val_accuracy").get(1)).isEqualTo(firstTwo.get("accuracy"));
            assertThat(model.evaluateToMap(valid, 2, 0, System.out)).isEqualTo(firstTwo);
        }
    }

    @Test
    void arraysTrainWithAValidationPipelineAsWithValidationArrays() {
        SmallProblems data = SmallProblems.blobs(N, 5);
        SmallProblems validation = SmallProblems.blobs(50, 6);
        History withArrays;
        try (Sequential model = compiledMlp()) {
            withArrays = model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0).validation(new ValidationData(validation.x, validation.y)));
        }
        Naming.clearSession();
        try (Sequential model = compiledMlp()) {
            History withPipeline = model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0)
                    .validationData(Pipeline.fromTensorSlices(features(validation.x), labels(validation.y)).batch(16)));
            assertThat(withPipeline.history()).isEqualTo(withArrays.history()).containsKey("val_loss");
        }
    }

    @Test
    @Tag("slow")
    void earlyStoppingAndALearningRateScheduleActAsWithArrays() {
        SmallProblems data = SmallProblems.blobs(N, 5);
        SmallProblems validation = SmallProblems.blobs(50, 6);
        History arrays;
        try (Sequential model = compiledMlp()) {
            arrays = model.fit(data.x, data.y, FitOptions.defaults().epochs(20).shuffle(false).verbose(0)
                    .validation(new ValidationData(validation.x, validation.y))
                    .callback(new EarlyStopping().monitor("val_loss").minDelta(0.05).patience(1))
                    .callback(new LearningRateScheduler((epoch, rate) -> epoch < 2 ? rate : rate * 0.5)));
        }
        assertThat(arrays.history().get("loss")).hasSizeLessThan(20);
        Naming.clearSession();
        try (Sequential model = compiledMlp()) {
            History streamed = model.fit(batches(data), FitOptions.defaults().epochs(20).verbose(0)
                    .validationData(Pipeline.fromTensorSlices(features(validation.x), labels(validation.y)).batch(32))
                    .callback(new EarlyStopping().monitor("val_loss").minDelta(0.05).patience(1))
                    .callback(new LearningRateScheduler((epoch, rate) -> epoch < 2 ? rate : rate * 0.5)));
            assertThat(streamed.history()).isEqualTo(arrays.history()).containsKey("learning_rate");
        }
    }

    @Test
    @Tag("slow")
    void aGeneratorFailingInAnEpochSurfacesUnchangedAndBackupAndRestoreResumesAsAnUninterruptedRun(@TempDir Path dir) {
        SmallProblems data = SmallProblems.blobs(N, 5);
        Pipeline clean = batches(data);
        History uninterrupted;
        List<float[]> weights;
        try (Sequential model = compiledMlp()) {
            uninterrupted = model.fit(clean, FitOptions.defaults().epochs(4).verbose(0).callback(new BackupAndRestore(dir.resolve("a"))));
            weights = model.getWeights();
        }
        IllegalStateException failure = new IllegalStateException("the disk went away");
        AtomicInteger passes = new AtomicInteger();
        Pipeline failing = Pipeline.fromGenerator(() -> passes.getAndIncrement() == 2 ? failingAfter(3, failure) : iterate(clean)).map(e -> e);
        Naming.clearSession();
        try (Sequential model = compiledMlp()) {
            assertThatThrownBy(() -> model.fit(failing, FitOptions.defaults().epochs(4).verbose(0).callback(new BackupAndRestore(dir.resolve("b")))))
                    .isSameAs(failure);
            assertThat(model.lastRun().history().history().get("loss")).as("the finished epochs stay recorded").hasSize(2);
        }
        Naming.clearSession();
        try (Sequential model = compiledMlp()) {
            History resumed = model.fit(clean, FitOptions.defaults().epochs(4).verbose(0).callback(new BackupAndRestore(dir.resolve("b"))));
            assertThat(resumed.history()).isEqualTo(uninterrupted.history());
            assertWeightsEqual(model.getWeights(), weights);
        }
    }

    private static Iterator<Element> iterate(Pipeline pipeline) {
        List<Element> all = new ArrayList<>();
        try (ElementIterator pass = pipeline.iterator(0)) {
            pass.forEachRemaining(all::add);
        }
        return all.iterator();
    }

    private static Iterator<Element> failingAfter(int good, RuntimeException failure) {
        return new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Element next() {
                if (given++ == good) {
                    throw failure;
                }
                return Element.of(HostArray.ofFloats(new float[32 * 4], 32, 4), HostArray.ofInts(new int[32], 32));
            }
        };
    }

    @Test
    void uint8DataTrainsAsTheSameValuesInFloat32() {
        int n = 100;
        byte[] bytes = new byte[n * SmallProblems.FEATURES];
        float[] floats = new float[bytes.length];
        int[] y = new int[n];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((i * 61) % 256);
            floats[i] = bytes[i] & 0xFF;
        }
        for (int i = 0; i < n; i++) {
            y[i] = (bytes[i * SmallProblems.FEATURES] & 0xFF) % SmallProblems.CLASSES;
        }
        History asFloats;
        List<float[]> weights;
        try (Sequential model = compiledMlp()) {
            asFloats = model.fit(Pipeline.fromTensorSlices(HostArray.ofFloats(floats, n, SmallProblems.FEATURES), labels(y)).batch(16),
                    FitOptions.defaults().epochs(2).verbose(0));
            weights = model.getWeights();
        }
        Naming.clearSession();
        try (Sequential model = compiledMlp()) {
            History asBytes = model.fit(Pipeline.fromTensorSlices(HostArray.ofUint8(bytes, n, SmallProblems.FEATURES), labels(y)).batch(16),
                    FitOptions.defaults().epochs(2).verbose(0));
            assertThat(asBytes.history()).isEqualTo(asFloats.history());
            assertWeightsEqual(model.getWeights(), weights);
            String graph = new String(model.lastRun().trainingGraphDef(), StandardCharsets.ISO_8859_1);
            assertThat(graph).as("the uint8 chunk has a data variable of its own").contains("data_x_uint8");
        }
    }
}
