package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaCallbackTest {

    @Test
    void fitCallsEachGivenFunctionWithKerassArguments() {
        Blobs data = Blobs.of(64, 15);
        List<String> calls = new ArrayList<>();
        LambdaCallback callback = LambdaCallback.builder()
                .onTrainBegin(logs -> calls.add("train_begin"))
                .onEpochBegin((epoch, logs) -> calls.add("epoch_begin " + epoch))
                .onTrainBatchEnd((batch, logs) -> calls.add("batch_end " + batch + " " + logs.keySet()))
                .onEpochEnd((epoch, logs) -> calls.add("epoch_end " + epoch + " " + logs.keySet()))
                .onTrainEnd(logs -> calls.add("train_end"))
                .build();
        try (Sequential model = Blobs.mlp(15)) {
            model.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0).callback(callback));
        }
        assertThat(calls).containsExactly("train_begin",
                "epoch_begin 0", "batch_end 1 [loss, accuracy]", "epoch_end 0 [loss, accuracy]",
                "epoch_begin 1", "batch_end 1 [loss, accuracy]", "epoch_end 1 [loss, accuracy]",
                "train_end");
    }
}
