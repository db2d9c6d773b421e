package io.kerasj.callbacks;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixture: an epoch's logs as {@code fit} passes them, in Keras's key order. */
final class EpochLogs {
    private EpochLogs() {
    }

    static Map<String, Double> of(double loss, double accuracy, double valLoss, double valAccuracy) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        logs.put("accuracy", accuracy);
        logs.put("val_loss", valLoss);
        logs.put("val_accuracy", valAccuracy);
        return logs;
    }
}
