package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoggerTest {

    private static void fit(CsvLogger logger, int firstEpoch, int epochs) {
        logger.onTrainBegin(Map.of());
        for (int e = firstEpoch; e < firstEpoch + epochs; e++) {
            logger.onEpochEnd(e, EpochLogs.of(0.5 / (e + 1), 0.75, 1e-5, 0.8125));
        }
        logger.onTrainEnd(Map.of());
    }

    @Test
    void writesSortedHeaderAndRowsLikeKeras(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("logs/training.csv");
        fit(new CsvLogger(file), 0, 2);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(
                "epoch,accuracy,loss,val_accuracy,val_loss\r\n"
                        + "0,0.75,0.5,0.8125,1e-05\r\n"
                        + "1,0.75,0.25,0.8125,1e-05\r\n");
    }

    @Test
    void flushesEveryEpoch(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("training.csv");
        CsvLogger logger = new CsvLogger(file);
        logger.onTrainBegin(Map.of());
        logger.onEpochEnd(0, EpochLogs.of(0.5, 0.75, 0.25, 0.875));
        assertThat(Files.readAllLines(file)).hasSize(2); // readable before training ends
        logger.onTrainEnd(Map.of());
    }

    @Test
    void appendAddsRowsWithoutASecondHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("training.csv");
        fit(new CsvLogger(file, ';', true), 0, 1);
        fit(new CsvLogger(file, ';', true), 1, 1);
        assertThat(Files.readAllLines(file)).containsExactly("epoch;accuracy;loss;val_accuracy;val_loss",
                "0;0.75;0.5;0.8125;1e-05", "1;0.75;0.25;0.8125;1e-05");
    }

    @Test
    void overwritesWithoutAppendAndWritesNaForMissingKeys(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("training.csv");
        Files.writeString(file, "old content\n");
        CsvLogger logger = new CsvLogger(file);
        logger.onTrainBegin(Map.of());
        logger.onEpochEnd(0, Map.of("loss", 0.5, "val_loss", 0.25));
        logger.onEpochEnd(1, Map.of("loss", Double.NaN));
        logger.onTrainEnd(Map.of());
        assertThat(Files.readAllLines(file)).containsExactly("epoch,loss,val_loss", "0,0.5,0.25", "1,nan,NA");
    }
}
