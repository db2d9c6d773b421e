package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every callback is built one way: Keras's defaults, then setters named as Keras's arguments. */
class CallbackArgumentsTest {

    @Test
    void earlyStoppingTakesKerassArgumentNames() {
        EarlyStopping stopping = new EarlyStopping().monitor("val_accuracy").patience(1).restoreBestWeights(true).minDelta(0.01);
        EpochModel model = new EpochModel();
        assertThat(EpochModel.fit(stopping, model, "val_accuracy", 0.5, 0.7, 0.705, 0.9)).isEqualTo(3);
        assertThat(stopping.maximizes()).isTrue();
        assertThat(model.weight).containsExactly(1f);
        assertThat(stopping.stoppedEpoch()).isEqualTo(2);

        EarlyStopping defaults = new EarlyStopping();
        assertThat(defaults.monitor()).isEqualTo("val_loss");
        assertThat(defaults.maximizes()).isFalse();
        assertThat(new EarlyStopping().monitor("loss").mode("max").maximizes()).isTrue();
        assertThatThrownBy(() -> new EarlyStopping().mode("up")).hasMessageContaining("mode: expected \"auto\", \"min\" or \"max\"");
        assertThatThrownBy(() -> new EarlyStopping().patience(-1)).hasMessageContaining("patience");
    }

    @Test
    void earlyStoppingJudgesAutoAsKerassMonitorCallback() {
        // Keras 3's MonitorCallback: auc, precision and recall improve upwards too
        assertThat(new EarlyStopping().monitor("val_auc").maximizes()).isTrue();
        assertThat(new EarlyStopping().monitor("precision").maximizes()).isTrue();
        assertThat(new EarlyStopping().monitor("val_mae").maximizes()).isFalse();
    }

    @Test
    void earlyStoppingWaitsForStartFromEpochAndBaseline() {
        EpochModel model = new EpochModel();
        EarlyStopping warm = new EarlyStopping().monitor("loss").startFromEpoch(3);
        assertThat(EpochModel.fit(warm, model, "loss", 1, 2, 3, 0.5, 0.6)).isEqualTo(5); // epochs 0-2 are not judged
        assertThat(warm.best()).isEqualTo(0.5);

        EarlyStopping baseline = new EarlyStopping().monitor("loss").baseline(0.4).patience(2);
        assertThat(EpochModel.fit(baseline, new EpochModel(), "loss", 0.5, 0.45, 0.1)).isEqualTo(2);
    }

    @Test
    void lambdaCallbackSetsEachFunctionByItsKerasName() {
        List<String> calls = new ArrayList<>();
        LambdaCallback callback = new LambdaCallback()
                .onTrainBegin(logs -> calls.add("train_begin"))
                .onEpochEnd((epoch, logs) -> calls.add("epoch_end " + epoch + " " + logs));
        callback.onTrainBegin(Map.of());
        callback.onEpochBegin(0, Map.of());
        callback.onEpochEnd(0, Map.of("loss", 1.0));
        callback.onTrainEnd(Map.of());
        assertThat(calls).containsExactly("train_begin", "epoch_end 0 {loss=1.0}");
    }

    @Test
    void csvLoggerTakesSeparatorAndAppend(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("log.csv");
        for (int run = 0; run < 2; run++) {
            CsvLogger logger = new CsvLogger(file).separator(';').append(true);
            logger.onTrainBegin(Map.of());
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 0.5);
            logger.onEpochEnd(run, logs);
            logger.onTrainEnd(Map.of());
        }
        assertThat(Files.readString(file)).isEqualTo("epoch;loss\r\n0;0.5\r\n1;0.5\r\n");
    }

    @Test
    void terminateOnNaNWritesWhereItIsTold() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EpochModel model = new EpochModel();
        TerminateOnNaN callback = new TerminateOnNaN().output(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        callback.setModel(model);
        callback.onTrainBatchEnd(4, Map.of("loss", Double.NaN));
        assertThat(model.stopped).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Batch 4: Invalid loss, terminating training");
    }

    @Test
    void learningRateSchedulerAndBackupTakeTheirKerasArguments(@TempDir Path tmp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double[] rate = {0.1};
        TrainingModel model = new EpochModel() {
            @Override
            public double learningRate() {
                return rate[0];
            }

            @Override
            public void setLearningRate(double value) {
                rate[0] = value;
            }
        };
        LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> lr / 2).verbose(1)
                .output(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        scheduler.setModel(model);
        scheduler.onEpochBegin(0, Map.of());
        assertThat(rate[0]).isEqualTo((float) 0.1 / 2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Epoch 1: LearningRateScheduler setting learning rate to");
        assertThat(new BackupAndRestore(tmp).deleteCheckpoint(false).backupDir()).isEqualTo(tmp);
    }
}
