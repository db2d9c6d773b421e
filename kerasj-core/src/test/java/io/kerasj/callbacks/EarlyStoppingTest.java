package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EpochModel model = new EpochModel();
        EarlyStopping stopping = new EarlyStopping("val_loss", 2);
        int epochs = EpochModel.fit(stopping, model, "val_loss", 1.0, 0.8, 0.9, 0.85, 0.7, 0.6);
        assertThat(epochs).isEqualTo(4);
        assertThat(model.stopped).isTrue();
        assertThat(stopping.stoppedEpoch()).isEqualTo(3);
        assertThat(stopping.best()).isEqualTo(0.8);
        assertThat(stopping.waitCount()).isEqualTo(2);
        assertThat(model.restored).isEmpty();
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovement() {
        EpochModel model = new EpochModel();
        assertThat(EpochModel.fit(new EarlyStopping(), model, "val_loss", 1.0, 0.9, 0.95, 0.5)).isEqualTo(3);
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        EpochModel model = new EpochModel();
        EarlyStopping stopping = new EarlyStopping("val_loss", 0.01, 1, EarlyStopping.Mode.AUTO, false, null);
        // 0.995 is better than 1.0 but by less than 0.01
        assertThat(EpochModel.fit(stopping, model, "val_loss", 1.0, 0.995, 0.5)).isEqualTo(2);
        assertThat(stopping.best()).isEqualTo(1.0);
        // a negative minDelta means the same as a positive one, as in Keras
        EpochModel other = new EpochModel();
        EarlyStopping negative = new EarlyStopping("val_loss", -0.01, 1, EarlyStopping.Mode.AUTO, false, null);
        assertThat(EpochModel.fit(negative, other, "val_loss", 1.0, 0.995, 0.5)).isEqualTo(2);
    }

    @Test
    void modeIsInferredFromTheName() {
        assertThat(new EarlyStopping("val_accuracy", 0).maximizes()).isTrue();
        assertThat(new EarlyStopping("acc", 0).maximizes()).isTrue();
        assertThat(new EarlyStopping("val_loss", 0).maximizes()).isFalse();
        assertThat(new EarlyStopping("loss", 0.0, 0, EarlyStopping.Mode.MAX, false, null).maximizes()).isTrue();
        assertThat(new EarlyStopping("val_accuracy", 0.0, 0, EarlyStopping.Mode.MIN, false, null).maximizes())
                .isFalse();

        EpochModel model = new EpochModel();
        assertThat(EpochModel.fit(new EarlyStopping("val_accuracy", 1), model, "val_accuracy", 0.5, 0.6, 0.7, 0.65))
                .isEqualTo(4);
    }

    @Test
    void restoresTheBestWeightsWhenStopping() {
        EpochModel model = new EpochModel();
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 2, EarlyStopping.Mode.AUTO, true, null);
        EpochModel.fit(stopping, model, "val_loss", 1.0, 0.5, 0.7, 0.6, 0.1);
        assertThat(model.stopped).isTrue();
        assertThat(model.restored).hasSize(1);
        assertThat(model.weight).containsExactly(1f); // epoch 1 had the best val_loss
    }

    @Test
    void doesNotRestoreWhenTrainingRunsToTheEnd() {
        EpochModel model = new EpochModel();
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 3, EarlyStopping.Mode.AUTO, true, null);
        EpochModel.fit(stopping, model, "val_loss", 1.0, 0.5, 0.7);
        assertThat(model.stopped).isFalse();
        assertThat(model.restored).isEmpty(); // as TF 2.3
    }

    @Test
    void baselineMustBeBeaten() {
        EpochModel model = new EpochModel();
        EarlyStopping stopping = new EarlyStopping("val_accuracy", 0, 2, EarlyStopping.Mode.AUTO, true, 0.9);
        assertThat(EpochModel.fit(stopping, model, "val_accuracy", 0.8, 0.85, 0.95)).isEqualTo(2);
        assertThat(model.restored).isEmpty(); // no epoch beat the baseline: nothing to restore
    }

    @Test
    void instancesAreReusable() {
        EarlyStopping stopping = new EarlyStopping("val_loss", 1);
        EpochModel.fit(stopping, new EpochModel(), "val_loss", 1.0, 2.0);
        EpochModel second = new EpochModel();
        assertThat(EpochModel.fit(stopping, second, "val_loss", 5.0, 4.0, 3.0)).isEqualTo(3);
        assertThat(second.stopped).isFalse();
        assertThat(stopping.stoppedEpoch()).isZero();
    }

    @Test
    void missingMonitorWarnsInsteadOfFailing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 0, EarlyStopping.Mode.AUTO, false, null, 1,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        EpochModel model = new EpochModel();
        assertThat(EpochModel.fit(stopping, model, "loss", 1.0, 2.0)).isEqualTo(2);
        assertThat(model.stopped).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(("WARNING: Early stopping conditioned on metric "
                + "`val_loss` which is not available. Available metrics are: loss" + System.lineSeparator()).repeat(2));
    }

    @Test
    void verbosePrintsTheStoppedEpoch() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 1, EarlyStopping.Mode.AUTO, true, null, 1, stream,
                stream);
        EpochModel.fit(stopping, new EpochModel(), "val_loss", 1.0, 0.5, 0.6);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Restoring model weights from the end of the "
                + "best epoch." + System.lineSeparator() + "Epoch 00003: early stopping" + System.lineSeparator());
    }
}
