package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReduceLROnPlateauTest {
    private static final double LR = (float) 0.01;

    @Test
    void lowersTheRateAfterPatienceEpochsWithoutImprovementAndHistoryShowsIt() {
        Blobs data = Blobs.of(120, 11);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // min_delta 10: after the first epoch, no change of the loss counts as an improvement
        ReduceLROnPlateau reduce = new ReduceLROnPlateau().monitor("loss").patience(2).minDelta(10).verbose(1)
                .output(new PrintStream(printed, true, StandardCharsets.UTF_8));
        History history;
        double finalRate;
        try (Sequential model = Blobs.mlp(11)) {
            history = model.fit(data.x, data.y, FitOptions.defaults().epochs(6).verbose(0).callback(reduce));
            finalRate = model.learningRate();
        }
        List<Double> rates = history.history().get("learning_rate");
        // each epoch records the rate it trained with; reductions at the ends of epochs 3 and 5 (1-based)
        assertThat(rates).containsExactly(LR, LR, LR, (double) (float) (LR * 0.1), (double) (float) (LR * 0.1),
                (double) (float) ((float) (LR * 0.1) * 0.1));
        assertThat(finalRate).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-10));
        assertThat(history.history().keySet()).containsExactly("loss", "accuracy", "learning_rate");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Epoch 3: ReduceLROnPlateau reducing learning rate to 0.0009999999776482583.");
    }

    @Test
    void improvingEpochsKeepTheRateAndCooldownAndMinLrHoldIt() {
        Blobs data = Blobs.of(300, 12);
        History improving;
        History held;
        try (Sequential a = Blobs.mlp(12); Sequential b = Blobs.mlp(12)) {
            // SGD on separable blobs: the loss falls every epoch by more than 1e-4
            improving = a.fit(data.x, data.y, FitOptions.defaults().epochs(4).verbose(0)
                    .callback(new ReduceLROnPlateau().monitor("loss").patience(1)));
            held = b.fit(data.x, data.y, FitOptions.defaults().epochs(5).verbose(0)
                    .callback(new ReduceLROnPlateau().monitor("loss").mode("max").patience(1).cooldown(2).minLr(0.005)));
        }
        assertThat(improving.history().get("learning_rate")).containsOnly(LR);
        // mode max on a falling loss: epoch 2 reduces to min_lr 0.005; cooldown then min_lr hold it there
        assertThat(held.history().get("learning_rate")).containsExactly(LR, LR, (double) (float) 0.005, (double) (float) 0.005, (double) (float) 0.005);
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> new ReduceLROnPlateau().factor(1.0))
                .hasMessage("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0");
        assertThatThrownBy(() -> new ReduceLROnPlateau().mode("up")).hasMessage("mode: expected \"auto\", \"min\" or \"max\", found \"up\"");
        assertThatThrownBy(() -> new ReduceLROnPlateau().patience(-1)).hasMessageStartingWith("patience: expected");
        assertThatThrownBy(() -> new ReduceLROnPlateau().minLr(-1)).hasMessageStartingWith("min_lr: expected");
    }
}
