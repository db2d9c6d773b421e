package io.kerasj.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child process for {@link BackupAndRestoreTest}: fits the blobs MLP for 5 epochs with BackupAndRestore.
 * {@code BackupChild BACKUP_DIR OUT.json run} writes the History, the weights and the epochs it trained to OUT.json;
 * {@code ... hang} prints {@code IN EPOCH 3} after epoch 3's steps (before its end) and waits to be killed.
 */
public final class BackupChild {
    private BackupChild() {
    }

    public static void main(String[] args) throws Exception {
        Path backup = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean hang = args[2].equals("hang");
        Blobs data = Blobs.of(300, 21);
        List<Integer> trained = new ArrayList<>();
        int[] epoch = {-1};
        LambdaCallback watch = LambdaCallback.builder()
                .onEpochBegin((e, logs) -> {
                    epoch[0] = e;
                    trained.add(e);
                })
                .onTrainBatchEnd((batch, logs) -> {
                    if (hang && epoch[0] == 2) {
                        System.out.println("IN EPOCH 3");
                        System.out.flush();
                        sleep();
                    }
                })
                .build();
        try (Sequential model = Blobs.mlp(21)) {
            History history = model.fit(data.x, data.y, Blobs.options(5, Blobs.of(90, 22))
                    .callback(new BackupAndRestore(backup)).callback(watch));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("trained_epochs", trained);
            result.put("history", history.history());
            result.put("weights", model.getWeights());
            Files.writeString(out, new ObjectMapper().writeValueAsString(result));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(300_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(3); // never reached when killed as intended
    }
}
