package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.FashionMnistData;
import io.kerasj.testing.PythonKeras;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code kerasj bench} through the real command: a benchmark, so only its fields are checked, never its times. */
@Tag("slow")
class BenchCommandTest {

    @Test
    void benchPrintsItsFieldsAsJson() throws Exception {
        KerasJTest.Run run = KerasJTest.run("bench", "--epochs", "1", "--repeats", "1", "--json", "--data-dir", FashionMnistData.dir().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = new ObjectMapper().readTree(run.out());
        for (String field : new String[] {"fit_ms_per_step", "floor_ms_per_step", "ratio", "fit_s_per_epoch", "predict_images_per_s", "peak_rss_mb",
                "independent_floor_ms_per_step", "independent_floor_s_per_epoch", "ratio_independent", "floor_ratio_independent"}) {
            assertThat(json.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(json.get("steps_per_epoch").asInt()).isEqualTo(1719);
    }

    @Test
    void trainOnBatchBenchTimesCallsAgainstTheFitStepOnATinySet() throws Exception {
        KerasJTest.Run run = KerasJTest.run("bench", "--train-on-batch", "--train-size", "100", "--epochs", "1", "--json",
                "--data-dir", FashionMnistData.dir().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = new ObjectMapper().readTree(run.out());
        for (String field : new String[] {"train_on_batch_ms_per_call", "fit_step_ms"}) {
            assertThat(json.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(json.get("train_on_batch_overhead_ms").asDouble())
                .isEqualTo(json.get("train_on_batch_ms_per_call").asDouble() - json.get("fit_step_ms").asDouble(), within(2e-4));
        assertThat(json.get("calls_per_round").asInt()).isEqualTo(4); // 100 images in batches of 32
        assertThat(json.get("train_on_batch_round_ms_per_call")).hasSize(1);
        assertThat(json.get("fit_step_round_ms")).hasSize(1);
        assertThat(json.has("fit_ms_per_step")).isFalse();
    }

    @Test
    void streamBenchRefusesOtherModesAndModels() {
        KerasJTest.Run json = KerasJTest.run("bench", "--stream", "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).contains("--stream: expected without");
        KerasJTest.Run dnn = KerasJTest.run("bench", "--stream", "--model", "dnn", "--data-dir", FashionMnistData.dir().toString());
        assertThat(dnn.exitCode()).isEqualTo(2);
        assertThat(dnn.err()).contains("--stream: expected --model mlp or cnn, found dnn");
    }

    @Test
    void workersBenchRefusesOneWorkerAndOtherModes() {
        KerasJTest.Run one = KerasJTest.run("bench", "--workers", "1");
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("--workers: expected 2 to 16 workers, found 1");
        KerasJTest.Run json = KerasJTest.run("bench", "--workers", "2", "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).contains("--workers: expected without");
    }

    @Test
    void trainOnBatchWithKernelsIsAUsageError() throws Exception {
        KerasJTest.Run run = KerasJTest.run("bench", "--train-on-batch", "--kernels");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--train-on-batch").contains("--kernels");
    }

    @Test
    void ownTrainStepBenchPrintsItsRatiosBesideTheBuiltInStepsOnATinySet() throws Exception {
        String data = FashionMnistData.dir().toString();
        KerasJTest.Run table = KerasJTest.run("bench", "--train-step", "own", "--train-size", "64", "--epochs", "1", "--repeats", "1",
                "--data-dir", data);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("fit (as a user calls it)", "fit, own trainStep", "KerasJ floor (its program)")
                .containsPattern("ratio fit / KerasJ floor: \\d+\\.\\d{3} .*2 steps/epoch")
                .containsPattern("ratio fit with own trainStep / KerasJ floor: \\d+\\.\\d{3}, / independent floor: \\d+\\.\\d{3}, "
                        + "/ fit with the built-in step: \\d+\\.\\d{3}");

        KerasJTest.Run json = KerasJTest.run("bench", "--train-step", "own", "--train-size", "64", "--epochs", "1", "--repeats", "1",
                "--json", "--data-dir", data);
        assertThat(json.exitCode()).as(json.err()).isZero();
        var root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("train_step").asText()).isEqualTo("own");
        for (String field : new String[] {"own_step_fit_ms_per_step", "own_step_fit_s_per_epoch", "own_step_ratio", "own_step_ratio_independent",
                "own_step_over_builtin_fit", "ratio", "ratio_independent"}) {
            assertThat(root.get(field).asDouble()).as(field).isPositive();
        }
    }

    @Test
    void anUnknownTrainStepOrOneWithTrainOnBatchIsAUsageError() {
        String data = FashionMnistData.dir().toString();
        KerasJTest.Run unknown = KerasJTest.run("bench", "--train-step", "mine", "--data-dir", data);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--train-step: expected default or own, found 'mine'");
        KerasJTest.Run both = KerasJTest.run("bench", "--train-step", "own", "--train-on-batch", "--data-dir", data);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--train-step own: times fit epochs; leave out --train-on-batch");
    }

    @Test
    void anApplicationBenchRefusesTheFashionMnistModesAndTooManyImagesBeforeAnyWork() {
        KerasJTest.Run mode = KerasJTest.run("bench", "--model", "resnet50", "--train-on-batch");
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("--model resnet50: expected without --train-on-batch, --stream, --kernels and --train-step own");
        KerasJTest.Run many = KerasJTest.run("bench", "--model", "mobilenetv2", "--train-size", "10001");
        assertThat(many.exitCode()).isEqualTo(2);
        assertThat(many.err()).contains("--train-size: expected at most 10000 images for --model mobilenetv2, found 10001");
    }

    @Test
    @Tag("python")
    void trainOnBatchBenchWithPythonPrintsBothSidesAsATable() throws Exception {
        PythonKeras.require();
        KerasJTest.Run run = KerasJTest.run("bench", "--train-on-batch", "--python", "--train-size", "64", "--epochs", "1",
                "--data-dir", FashionMnistData.dir().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("trainOnBatch (as a user calls it)", "fit step (in-graph loop)", "overhead (difference)",
                "2 calls of batch 32 per round").containsPattern("train_on_batch: Python \\d+\\.\\d{3} ms/call, KerasJ \\d+\\.\\d{3} ms/call");
    }
}
