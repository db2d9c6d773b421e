package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLoggerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void at(double seconds) {
        nanos.set(Math.round(seconds * 1e9));
    }

    private static Map<String, Double> logs(Object... pairs) {
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            logs.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return logs;
    }

    private static Map<String, Object> params(int epochs, int steps) {
        return Map.of("verbose", 1, "epochs", epochs, "steps", steps);
    }

    private static final Map<String, Double> EPOCH_LOGS = logs("loss", 0.71312, "accuracy", 0.76499,
            "val_loss", 0.53650, "val_accuracy", 0.81320);

    @Test
    void finalLineMatchesKeras() {
        ProgressLogger logger = new ProgressLogger(out, 1, false, nanos::get);
        logger.setParams(params(10, 1719));
        logger.onTrainBegin(Map.of());
        logger.onEpochBegin(0, Map.of());
        at(1.0);
        logger.onTrainBatchEnd(999, logs("loss", 0.8, "accuracy", 0.7));
        at(2.0);
        logger.onTrainBatchEnd(1718, logs("loss", 0.71312, "accuracy", 0.76499));
        // validation inside fit is silent
        logger.onTestBegin(Map.of());
        logger.onTestBatchEnd(10, logs("loss", 0.5, "accuracy", 0.8));
        logger.onTestEnd(logs("loss", 0.5365, "accuracy", 0.8132));
        at(2.1);
        logger.onEpochEnd(0, EPOCH_LOGS);

        assertThat(printed()).isEqualTo("Epoch 1/10\n"
                + "1719/1719 [==============================] - 2s 1ms/step - loss: 0.7131 - accuracy: 0.7650"
                + " - val_loss: 0.5365 - val_accuracy: 0.8132\n");
    }

    @Test
    void nonDynamicDisplayPrintsOneLinePerEpoch() {
        ProgressLogger logger = new ProgressLogger(out, 1, false, nanos::get);
        logger.setParams(params(2, 4));
        logger.onTrainBegin(Map.of());
        for (int epoch = 0; epoch < 2; epoch++) {
            at(epoch * 10);
            logger.onEpochBegin(epoch, Map.of());
            for (int batch = 0; batch < 4; batch++) {
                at(epoch * 10 + batch + 1);
                logger.onTrainBatchEnd(batch, logs("loss", 1.0, "accuracy", 0.5));
            }
            at(epoch * 10 + 5);
            logger.onEpochEnd(epoch, logs("loss", 1.0, "accuracy", 0.5));
        }
        assertThat(printed()).isEqualTo("Epoch 1/2\n"
                + "4/4 [==============================] - 5s 1s/step - loss: 1.0000 - accuracy: 0.5000\n"
                + "Epoch 2/2\n"
                + "4/4 [==============================] - 5s 1s/step - loss: 1.0000 - accuracy: 0.5000\n");
        assertThat(printed()).doesNotContain("\r").doesNotContain("ETA");
    }

    @Test
    void dynamicDisplayRedrawsInPlaceWithEtaAndArrowHead() {
        ProgressLogger logger = new ProgressLogger(out, 1, true, nanos::get);
        logger.setParams(params(1, 1719));
        logger.onTrainBegin(Map.of());
        logger.onEpochBegin(0, Map.of());
        at(0.5);
        logger.onTrainBatchEnd(99, logs("loss", 0.9, "accuracy", 0.6));
        at(0.52); // within 0.05 s of the last redraw: skipped
        logger.onTrainBatchEnd(100, logs("loss", 0.1, "accuracy", 0.1));
        at(4.3);
        logger.onTrainBatchEnd(859, logs("loss", 0.8, "accuracy", 0.65));
        at(4.4);
        logger.onTrainBatchEnd(1718, logs("loss", 0.75, "accuracy", 0.7));
        logger.onEpochEnd(0, logs("loss", 0.75, "accuracy", 0.7));

        String first = "\r 100/1719 [>.............................] - ETA: 8s - loss: 0.9000 - accuracy: 0.6000";
        String second = "\r 860/1719 [==============>...............] - ETA: 4s - loss: 0.8000 - accuracy: 0.6500";
        // At 1719/1719 before the epoch ends Keras still shows an ETA (0s); the final line is longer, so no padding.
        String third = "\r1719/1719 [==============================] - ETA: 0s - loss: 0.7500 - accuracy: 0.7000";
        String last = "\r1719/1719 [==============================] - 4s 3ms/step - loss: 0.7500 - accuracy: 0.7000\n";
        // epochs == 1: Keras prints no "Epoch 1/1" line
        assertThat(printed()).isEqualTo(first + second + third + last);
    }

    @Test
    void shorterRedrawIsPaddedOverThePreviousLine() {
        Progbar bar = new Progbar(out, 10, 1, true, nanos::get, "step");
        at(1);
        bar.update(1, logs("loss", 123456.0), false);
        at(2);
        bar.update(2, logs("loss", 1.0), false);
        String[] redraws = printed().split("\r");
        assertThat(redraws[1]).isEqualTo(" 1/10 [==>...........................] - ETA: 9s - loss: 123456.0000");
        assertThat(redraws[2]).isEqualTo(" 2/10 [=====>........................] - ETA: 8s - loss: 1.0000     ");
    }

    @Test
    void smallValuesUseScientificNotation() {
        ProgressLogger logger = new ProgressLogger(out, 1, false, nanos::get);
        logger.setParams(params(1, 10));
        logger.onEpochBegin(0, Map.of());
        at(0.0123);
        logger.onEpochEnd(0, logs("loss", 0.0005, "accuracy", 0.001, "val_loss", 0.0010001, "x", 0.0));
        assertThat(printed()).isEqualTo(" 0/10 [..............................] - 0s 0s/step"
                + " - loss: 5.0000e-04 - accuracy: 1.0000e-03 - val_loss: 0.0010 - x: 0.0000e+00\n");
    }

    @Test
    void timePerStepUnits() {
        ProgressLogger logger = new ProgressLogger(out, 1, false, nanos::get);
        logger.setParams(params(1, 1000));
        logger.onEpochBegin(0, Map.of());
        logger.onTrainBatchEnd(999, Map.of());
        at(0.5);
        logger.onEpochEnd(0, Map.of());
        assertThat(printed()).endsWith("] - 0s 500us/step\n");
    }

    @Test
    void verboseTwoPrintsCountElapsedAndMetrics() {
        ProgressLogger logger = new ProgressLogger(out, 2, true, nanos::get);
        logger.setParams(params(10, 1719));
        logger.onTrainBegin(Map.of());
        logger.onEpochBegin(0, Map.of());
        at(1);
        logger.onTrainBatchEnd(1718, logs("loss", 0.7, "accuracy", 0.7));
        at(2.1);
        logger.onEpochEnd(0, EPOCH_LOGS);
        assertThat(printed()).isEqualTo("Epoch 1/10\n"
                + "1719/1719 - 2s - loss: 0.7131 - accuracy: 0.7650 - val_loss: 0.5365 - val_accuracy: 0.8132\n");
    }

    @Test
    void verboseZeroPrintsNothing() {
        ProgressLogger logger = new ProgressLogger(out, 0, true, nanos::get);
        logger.setParams(params(10, 1719));
        logger.onTrainBegin(Map.of());
        logger.onEpochBegin(0, Map.of());
        logger.onTrainBatchEnd(1718, EPOCH_LOGS);
        logger.onEpochEnd(0, EPOCH_LOGS);
        logger.onTrainEnd(EPOCH_LOGS);
        logger.onTestBegin(Map.of());
        logger.onTestBatchEnd(0, EPOCH_LOGS);
        logger.onTestEnd(EPOCH_LOGS);
        assertThat(printed()).isEmpty();
    }

    @Test
    void evaluateLineUsesStepsFromEvaluateParams() {
        ProgressLogger logger = new ProgressLogger(out, 1, false, nanos::get);
        logger.setParams(Map.of("verbose", 1, "epochs", 1, "steps", 313));
        logger.onTestBegin(Map.of());
        at(0.3);
        logger.onTestBatchEnd(312, logs("loss", 0.3891, "accuracy", 0.8618));
        at(0.4);
        logger.onTestEnd(logs("loss", 0.38912, "accuracy", 0.86181));
        assertThat(printed())
                .isEqualTo("313/313 [==============================] - 0s 1ms/step - loss: 0.3891 - accuracy: 0.8618\n");
    }

    @Test
    void evaluateAfterFitUsesTestStepsNotTrainingSteps() {
        ProgressLogger logger = new ProgressLogger(out, 1, false, nanos::get);
        logger.setParams(Map.of("verbose", 1, "epochs", 1, "steps", 1719, "test_steps", 313));
        logger.onTrainBegin(Map.of());
        logger.onEpochBegin(0, Map.of());
        logger.onTrainBatchEnd(1718, logs("loss", 0.5));
        logger.onEpochEnd(0, logs("loss", 0.5));
        logger.onTrainEnd(logs("loss", 0.5));
        bytes.reset();
        logger.setTestSteps(0); // falls back on test_steps
        logger.onTestBegin(Map.of());
        logger.onTestBatchEnd(312, logs("loss", 0.4));
        logger.onTestEnd(logs("loss", 0.4));
        assertThat(printed()).startsWith("313/313 [====");

        bytes.reset();
        logger.setTestSteps(20);
        logger.onTestBegin(Map.of());
        logger.onTestBatchEnd(9, logs("loss", 0.4));
        logger.onTestEnd(logs("loss", 0.4));
        assertThat(printed()).isEqualTo("10/20 [==============>...............] - 0s 0s/step - loss: 0.4000\n");
    }

    @Test
    void unknownTargetIsLearnedAtTheEndOfTheFirstEpoch() {
        ProgressLogger logger = new ProgressLogger(out, 1, true, nanos::get);
        logger.setParams(Map.of("epochs", 2));
        logger.onTrainBegin(Map.of());
        logger.onEpochBegin(0, Map.of());
        at(1);
        logger.onTrainBatchEnd(4, logs("loss", 0.5));
        at(2);
        logger.onEpochEnd(0, logs("loss", 0.5));
        logger.onEpochBegin(1, Map.of());
        at(3);
        logger.onTrainBatchEnd(1, logs("loss", 0.5));
        assertThat(printed()).isEqualTo("Epoch 1/2\n"
                + "\r      5/Unknown - 1s 200ms/step - loss: 0.5000"
                + "\r5/5 [==============================] - 2s 400ms/step - loss: 0.5000\n"
                + "Epoch 2/2\n"
                + "\r2/5 [===========>..................] - ETA: 1s - loss: 0.5000");
    }

    @Test
    void etaFormats() {
        assertThat(Progbar.eta(3.99)).isEqualTo("3s");
        assertThat(Progbar.eta(60.0)).isEqualTo("60s");
        assertThat(Progbar.eta(65.7)).isEqualTo("1:05");
        assertThat(Progbar.eta(3725.2)).isEqualTo("1:02:05");
    }

    @Test
    void pythonRounding() {
        assertThat(PyFormat.fixed(2.5, 0)).isEqualTo("2");
        assertThat(PyFormat.fixed(3.5, 0)).isEqualTo("4");
        assertThat(PyFormat.fixed(0.12345, 4)).isEqualTo("0.1235"); // binary value is above the tie
        assertThat(PyFormat.fixed(-0.00001, 4)).isEqualTo("-0.0000");
        assertThat(PyFormat.fixed(Double.NaN, 4)).isEqualTo("nan");
        assertThat(PyFormat.scientific(12345.678, 4)).isEqualTo("1.2346e+04");
        assertThat(PyFormat.scientific(-0.000123456, 4)).isEqualTo("-1.2346e-04");
        assertThat(PyFormat.scientific(1e-100, 4)).isEqualTo("1.0000e-100");
        assertThat(PyFormat.repr(0.1)).isEqualTo("0.1");
        assertThat(PyFormat.repr(1e-5)).isEqualTo("1e-05");
        assertThat(PyFormat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PyFormat.repr(123.0)).isEqualTo("123.0");
        assertThat(PyFormat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PyFormat.repr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PyFormat.repr((double) 0.7131234f)).isEqualTo("0.7131233811378479");
    }
}
