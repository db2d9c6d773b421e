package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.saving.keras.KerasFiles;
import io.kerasj.testing.CustomObjectsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.op.core.ReduceSum;

/** Keras's Lambda layer: any function on a tensor, in training and prediction; saved only when registered. */
class LambdaTest {
    @TempDir
    Path dir;

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
        CustomObjectsFixture.register();
    }

    @Test
    void aLambdaTrainsAndPredictsItsFunctionOfTheLayerBelow() {
        Input input = new Input(3);
        KerasTensor linear = new Dense(2).apply(input);
        KerasTensor soft = new Lambda((tf, x) -> tf.math.softplus(x)).apply(linear);
        FloatSamples x = CustomObjectsFixture.samples(32, 3, 4);
        try (Model model = new Model(input, soft).seed(2); Model below = new Model(input, linear)) {
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            History history = model.fit(x, io.kerasj.data.Targets.of(new float[64], 2),
                    FitOptions.defaults().epochs(3).batchSize(8).verbose(0));
            List<Double> loss = history.history().get("loss");
            assertThat(loss.get(2)).isLessThan(loss.get(0));
            float[][] out = model.predict(x);
            float[][] z = below.predict(x);
            for (int i = 0; i < x.count(); i++) {
                for (int u = 0; u < 2; u++) {
                    assertThat(out[i][u]).isCloseTo((float) Math.log1p(Math.exp(z[i][u])), within(1e-5f));
                }
            }
        }
    }

    @Test
    void itsOutputShapeIsWhatTheFunctionGives() {
        Input input = new Input(4, 3);
        KerasTensor summed = new Lambda((tf, x) -> tf.reduceSum(x, tf.constant(-1), ReduceSum.keepDims(false))).apply(input);
        assertThat(summed.shape()).containsExactly(4);
        try (Model model = new Model(input, summed)) {
            float[] values = new float[12];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            assertThat(model.predict(FloatSamples.of(values, 4, 3))[0]).containsExactly(3f, 12f, 21f, 30f);
        }
    }

    @Test
    void anUnregisteredFunctionIsRefusedAtSaveBeforeAnythingIsWritten() {
        Input input = new Input(3);
        Path file = dir.resolve("m.keras");
        try (Model model = new Model(input, new Lambda((tf, x) -> tf.math.softplus(x)).apply(input))) {
            assertThatThrownBy(() -> model.save(file)).hasMessageContaining("Lambda").hasMessageContaining("registerKerasSerializable")
                    .hasMessageContaining("safe mode");
        }
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aRegisteredFunctionSavesAndLoadsBack() {
        Input input = new Input(3);
        KerasTensor out = new Lambda(CustomObjectsFixture.SCALED_TANH).apply(new Dense(2).apply(input));
        Path file = dir.resolve("m.keras");
        FloatSamples x = CustomObjectsFixture.samples(5, 3, 9);
        float[][] before;
        try (Model model = new Model(input, out).seed(4)) {
            before = model.predict(x);
            model.save(file);
        }
        List<String> warnings = new ArrayList<>();
        try (Model loaded = KerasFiles.load(file, 0, warnings::add)) {
            assertThat(warnings).isEmpty();
            assertThat(loaded.layers().get(2)).isInstanceOf(Lambda.class);
            assertThat(((Lambda) loaded.layers().get(2)).function()).isSameAs(CustomObjectsFixture.SCALED_TANH);
            float[][] after = loaded.predict(x);
            for (int i = 0; i < before.length; i++) {
                assertThat(after[i]).containsExactly(before[i]);
            }
        }
    }
}
