package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {

    @Test
    void setsTheRateEachEpochFromTheCurrentOneAndHistoryRecordsIt() {
        Blobs data = Blobs.of(90, 13);
        List<Double> given = new ArrayList<>();
        LearningRateScheduler halve = new LearningRateScheduler((epoch, lr) -> {
            given.add(lr);
            return epoch == 0 ? lr : lr / 2;
        });
        History history;
        try (Sequential model = Blobs.mlp(13)) {
            history = model.fit(data.x, data.y, FitOptions.defaults().epochs(3).verbose(0).callback(halve));
        }
        double lr = (float) 0.01;
        assertThat(given).containsExactly(lr, lr, (double) (float) (lr / 2));
        assertThat(history.history().get("learning_rate"))
                .containsExactly(lr, (double) (float) (lr / 2), (double) (float) ((float) (lr / 2) / 2));
    }

    @Test
    void aScheduleGivingANonPositiveRateIsRefusedNamingTheEpoch() {
        Blobs data = Blobs.of(30, 14);
        try (Sequential model = Blobs.mlp(14)) {
            assertThatThrownBy(() -> model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0)
                    .callback(new LearningRateScheduler((epoch, lr) -> epoch == 1 ? 0 : lr))))
                    .hasMessage("schedule: expected a positive, finite learning rate for epoch 1, found 0.0");
        }
    }
}
