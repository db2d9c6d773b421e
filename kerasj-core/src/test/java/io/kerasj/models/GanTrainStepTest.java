package io.kerasj.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.LayerOutput;
import io.kerasj.layers.Naming;
import io.kerasj.layers.WeightSpec;
import io.kerasj.losses.BinaryCrossentropy;
import io.kerasj.optimizers.Adam;
import io.kerasj.optimizers.Optimizer;
import io.kerasj.optimizers.SGD;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A GAN's train_step (Keras's "Customizing what happens in fit()" guide): the discriminator's update by the
 * compiled optimizer, then the generator's by an optimizer of its own, in one step of fit's loop. The noise is the
 * model's input and the real samples are the targets.
 */
class GanTrainStepTest {
    private static final int N = 64;

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    static final class Gan extends Model {
        private final Model generator;
        private final Model discriminator;
        private final Optimizer generatorOptimizer;
        private final boolean trainGenerator;

        private Gan(Input noise, Model generator, Model discriminator, Optimizer generatorOptimizer, boolean trainGenerator) {
            super(noise, discriminator.apply(generator.apply(noise)));
            this.generator = generator;
            this.discriminator = discriminator;
            this.generatorOptimizer = generatorOptimizer;
            this.trainGenerator = trainGenerator;
        }

        static Gan of(boolean trainGenerator) {
            Input z = new Input(2);
            Model generator = new Model(List.of(z), List.of(new Dense(1).apply(new Dense(8, "relu").apply(z))), "generator");
            Input sample = new Input(1);
            Model discriminator = new Model(List.of(sample), List.of(new Dense(1, "sigmoid").apply(new Dense(8, "relu").apply(sample))), "discriminator");
            Gan gan = new Gan(new Input(2), generator, discriminator, new Adam(0.02), trainGenerator);
            gan.seed(5);
            gan.compile(CompileOptions.defaults().optimizer(new SGD(0.1)).loss("binary_crossentropy"));
            return gan;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected StepLogs trainStep(TrainStep step) {
            Ops tf = step.tf();
            BinaryCrossentropy bce = new BinaryCrossentropy();
            Operand<TFloat32> real = (Operand<TFloat32>) step.y().get(0);
            LayerOutput fake = step.call(generator, step.x().get(0), true);
            LayerOutput onReal = step.call(discriminator, real, true);
            LayerOutput onFake = step.call(discriminator, fake.output(), true);
            // labels shaped from the data, not from the discriminator's output: OnesLike has no gradient in TF Java
            Operand<TFloat32> ones = tf.onesLike(real);
            Operand<TFloat32> dLoss = tf.math.add(mean(tf, bce.call(tf, ones, onReal)), mean(tf, bce.call(tf, tf.zerosLike(real), onFake)));
            List<WeightSpec> dWeights = step.trainableWeights(discriminator);
            step.applyGradients(step.optimizer(), step.gradients(dLoss, dWeights), dWeights);
            if (!trainGenerator) {
                return StepLogs.of(dLoss);
            }
            // the generator's step sees the discriminator as just updated
            LayerOutput judged = step.call(discriminator, step.call(generator, step.x().get(0), true).output(), true);
            Operand<TFloat32> gLoss = mean(tf, bce.call(tf, ones, judged));
            List<WeightSpec> gWeights = step.trainableWeights(generator);
            step.applyGradients(generatorOptimizer, step.gradients(gLoss, gWeights), gWeights);
            return StepLogs.of(gLoss);
        }

        private static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> values) {
            return tf.math.mean(values, tf.range(tf.constant(0), tf.rank(values), tf.constant(1)));
        }
    }

    private static FloatSamples noise() {
        Random random = new Random(1);
        float[] z = new float[N * 2];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        return FloatSamples.of(z, 2);
    }

    private static Targets real() {
        Random random = new Random(2);
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            y[i] = 3f + 0.5f * (float) random.nextGaussian();
        }
        return Targets.of(y, 1);
    }

    @Test
    void aGanStepUpdatesEachPartWithItsOwnOptimizer() {
        try (Gan gan = Gan.of(true)) {
            List<float[]> generatorBefore = gan.generator.getWeights();
            List<float[]> discriminatorBefore = gan.discriminator.getWeights();
            History history = gan.fit(noise(), real(), FitOptions.defaults().epochs(4).batchSize(16).verbose(0));
            List<Double> loss = history.history().get("loss");
            assertThat(loss).hasSize(4).allMatch(Double::isFinite);
            assertThat(loss.get(3)).isNotEqualTo(loss.get(0));
            assertAllChanged(gan.generator.getWeights(), generatorBefore);
            assertAllChanged(gan.discriminator.getWeights(), discriminatorBefore);
            // the generator is the GAN's own layers: its predictions come from the trained weights
            float[][] generated = gan.generator.predict(noise());
            assertThat(generated).hasNumberOfRows(N);
        }
    }

    @Test
    void weightsNoOptimizerUpdatesStayAsTheyWere() {
        try (Gan gan = Gan.of(false)) {
            List<float[]> generatorBefore = gan.generator.getWeights();
            List<float[]> discriminatorBefore = gan.discriminator.getWeights();
            gan.fit(noise(), real(), FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
            List<float[]> generatorAfter = gan.generator.getWeights();
            for (int i = 0; i < generatorAfter.size(); i++) {
                assertThat(generatorAfter.get(i)).containsExactly(generatorBefore.get(i));
            }
            assertAllChanged(gan.discriminator.getWeights(), discriminatorBefore);
        }
    }

    private static void assertAllChanged(List<float[]> after, List<float[]> before) {
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i)).as("weight %d", i).isNotEqualTo(before.get(i));
        }
    }
}
