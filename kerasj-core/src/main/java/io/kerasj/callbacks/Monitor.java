package io.kerasj.callbacks;

import java.util.Locale;
import java.util.Map;

/**
 * Keras 3's {@code MonitorCallback} rule, shared by {@link EarlyStopping}, {@link ReduceLROnPlateau} and {@link ModelCheckpoint}: which
 * way a monitored log value improves and by how much it must move. Mode {@code min} wants
 * {@code current + minDelta < best}; mode {@code max} wants
 * {@code current - minDelta > best}; mode {@code auto} is {@code max} for accuracy-like metrics (names containing
 * {@code acc}, {@code auc}, {@code precision} or {@code recall}) and {@code min} otherwise (losses, errors).
 */
final class Monitor {
    private final String key;
    private final boolean maximize;
    private final double minDelta;

    /**
     * @param key the logs key, e.g. {@code val_loss}
     * @param mode {@code auto}, {@code min} or {@code max}
     * @param minDelta the least change that counts; its sign is ignored, as in Keras
     */
    Monitor(String key, String mode, double minDelta) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("monitor: expected a logs key such as \"val_loss\", found " + key);
        }
        if (!Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("min_delta: expected a finite number, found " + minDelta);
        }
        this.key = key;
        this.minDelta = Math.abs(minDelta);
        this.maximize = switch (mode == null ? "" : mode) {
            case "min" -> false;
            case "max" -> true;
            case "auto" -> accuracyLike(key);
            default -> throw new IllegalArgumentException("mode: expected \"auto\", \"min\" or \"max\", found \"" + mode + "\"");
        };
    }

    private static boolean accuracyLike(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        name = name.startsWith("val_") ? name.substring(4) : name;
        return name.contains("acc") || name.contains("auc") || name.contains("precision") || name.contains("recall");
    }

    /** @return the logs key */
    String key() {
        return key;
    }

    /** @return true when larger is better */
    boolean maximize() {
        return maximize;
    }

    /** @return the monitored value in {@code logs}, or null when absent */
    Double current(Map<String, Double> logs) {
        return logs.get(key);
    }

    /**
     * @param current the value now
     * @param best the best so far, or null before any
     * @return Keras's {@code _is_improvement}: true when there is no best yet
     */
    boolean isImprovement(double current, Double best) {
        if (best == null) {
            return true;
        }
        return maximize ? current - minDelta > best : current + minDelta < best;
    }

    /** The warning Keras prints when the monitored key is missing. */
    String missing(String what, Map<String, Double> logs) {
        return what + " is conditioned on metric `" + key + "` which is not available. Available metrics are: "
                + String.join(",", logs.keySet()) + ".";
    }
}
