package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    private static History trained() {
        History history = new History();
        history.setParams(Map.of("verbose", 1, "epochs", 2, "steps", 1719));
        history.onTrainBegin(Map.of());
        history.onEpochBegin(0, Map.of());
        history.onEpochEnd(0, EpochLogs.of(0.75, 0.5, 0.5, 0.75));
        history.onEpochBegin(1, Map.of());
        history.onEpochEnd(1, EpochLogs.of(0.25, 0.875, 0.375, 0.8125));
        history.onTrainEnd(Map.of());
        return history;
    }

    @Test
    void accumulatesPerEpochInLogOrder() {
        History history = trained();
        assertThat(history.epoch()).containsExactly(0, 1);
        assertThat(history.params()).containsEntry("steps", 1719).containsEntry("epochs", 2);
        assertThat(history.history().keySet()).containsExactly("loss", "accuracy", "val_loss", "val_accuracy");
        assertThat(history.history().get("loss")).containsExactly(0.75, 0.25);
        assertThat(history.history().get("val_accuracy")).containsExactly(0.75, 0.8125);
    }

    @Test
    void aSecondFitKeepsTheCurvesAndRestartsEpochs() {
        History history = trained();
        history.onTrainBegin(Map.of());
        history.onEpochEnd(2, EpochLogs.of(0.125, 0.9, 0.3, 0.85));
        assertThat(history.epoch()).containsExactly(2);
        assertThat(history.history().get("loss")).containsExactly(0.75, 0.25, 0.125);
    }

    @Test
    void jsonHasThePythonShape() {
        assertThat(trained().toJson()).isEqualTo("{\"loss\":[0.75,0.25],\"accuracy\":[0.5,0.875],"
                + "\"val_loss\":[0.5,0.375],\"val_accuracy\":[0.75,0.8125]}");
    }

    @Test
    void jsonRoundTripsThroughAFile(@TempDir Path dir) {
        History history = trained();
        Path file = dir.resolve("runs/history.json");
        history.writeJson(file);
        History back = History.read(file);
        assertThat(back.history()).isEqualTo(history.history());
        assertThat(back.epoch()).containsExactly(0, 1);
        assertThat(back.params()).isEmpty();
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fullJsonKeepsEpochsAndParams(@TempDir Path dir) {
        History history = trained();
        Path file = dir.resolve("full.json");
        history.writeFullJson(file);
        History back = History.read(file);
        assertThat(back.history()).isEqualTo(history.history());
        assertThat(back.epoch()).containsExactly(0, 1);
        assertThat(back.params()).containsEntry("steps", 1719).containsEntry("verbose", 1);
        assertThat(history.toFullJson()).startsWith("{\"epoch\":[0,1],\"params\":{").contains("\"history\":{\"loss\":[");
    }

    @Test
    void nanSurvivesTheRoundTrip() {
        History history = new History();
        history.onEpochEnd(0, Map.of("loss", Double.NaN));
        assertThat(History.fromJson(history.toJson()).history().get("loss")).containsExactly(Double.NaN);
    }

    @Test
    void rejectsTextThatIsNotAHistory() {
        assertThatThrownBy(() -> History.fromJson("[1,2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> History.fromJson("{\"loss\":3}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"loss\"");
        assertThat(List.of()).isEmpty();
    }
}
