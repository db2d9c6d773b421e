package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {

    private static final class Run implements TrainingModel {
        boolean stopped;

        @Override
        public void stopTraining() {
            stopped = true;
        }

        @Override
        public List<float[]> getWeights() {
            return List.of();
        }

        @Override
        public void setWeights(List<float[]> weights) {
        }
    }

    @Test
    void stopsOnANonFiniteLossOnly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminateOnNaN callback = new TerminateOnNaN(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Run run = new Run();
        callback.setModel(run);
        callback.onTrainBatchEnd(3, Map.of("loss", 0.5));
        assertThat(run.stopped).isFalse();
        assertThat(bytes.size()).isZero();
        callback.onTrainBatchEnd(7, Map.of("loss", Double.POSITIVE_INFINITY));
        assertThat(run.stopped).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\nBatch 7: Invalid loss, terminating training\n");
    }
}
