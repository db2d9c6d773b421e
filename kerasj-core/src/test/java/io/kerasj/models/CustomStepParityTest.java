package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.WeightSpec;
import io.kerasj.losses.MeanSquaredError;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.testing.PythonKeras;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The chapter-3 GradientTape loop against Keras 3 itself ({@code python-reference/gradient_tape_loop.py}). */
@Tag("python")
class CustomStepParityTest {
    private static final int N = 24;
    private static final int FEATURES = 3;
    private static final int HIDDEN = 4;
    private static final int BATCH = 8;
    private static final int STEPS = 12;

    @Test
    void aGradientTapeLoopTrainsAsKerassDoes() throws Exception {
        PythonKeras.require();
        JsonNode keras = new ObjectMapper().readTree(PythonKeras.run(300, Map.of(), "gradient_tape_loop.py"));
        float[] x = new float[N * FEATURES];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) Math.sin(i * FEATURES + j);
            }
            y[i] = 2 * x[i * FEATURES] - x[i * FEATURES + 1] + 0.5f;
        }
        FloatSamples samples = FloatSamples.of(x, FEATURES);
        Targets targets = Targets.of(y, 1);
        float[] kernel = new float[FEATURES * HIDDEN];
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] = (float) (Math.cos(k) * 0.5);
        }
        float[] bias = new float[HIDDEN];
        float[] head = new float[HIDDEN];
        for (int k = 0; k < HIDDEN; k++) {
            bias[k] = (float) (0.1 * k);
            head[k] = (float) (Math.sin(k + 1) * 0.5);
        }
        try (Sequential model = new Sequential(1)) {
            model.add(new Input(FEATURES)).add(new Dense(HIDDEN, "relu")).add(new Dense(1));
            model.setWeights(List.of(kernel, bias, head, new float[] {0f}));
            Optimizer optimizer = new Adam(0.05);
            CustomStep trainStep = model.customStep(step -> {
                Ops tf = step.tf();
                LayerOutput yPred = step.call(step.x(), true).get(0);
                Operand<TFloat32> loss = tf.math.mean(new MeanSquaredError().call(tf, step.y().get(0), yPred), tf.constant(0));
                List<WeightSpec> vars = step.trainableWeights();
                step.applyGradients(optimizer, step.gradients(loss, vars), vars);
                return StepLogs.of(loss);
            });
            for (int s = 0; s < STEPS; s++) {
                int start = (s % (N / BATCH)) * BATCH;
                double loss = trainStep.run(samples.slice(start, start + BATCH), targets.slice(start, start + BATCH)).get("loss");
                assertThat(loss).as("step %d", s).isCloseTo(keras.get("losses").get(s).asDouble(), within(1e-5));
            }
            List<float[]> weights = model.getWeights();
            for (int i = 0; i < weights.size(); i++) {
                for (int k = 0; k < weights.get(i).length; k++) {
                    assertThat((double) weights.get(i)[k]).as("weight %d[%d]", i, k)
                            .isCloseTo(keras.get("weights").get(i).get(k).asDouble(), within(1e-5));
                }
            }
        }
    }
}
