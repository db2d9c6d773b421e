package io.kerasj.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.initializers.Initializer;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Layers that own layers (Keras's sublayers): tracked through their fields, built in the parent's build, their
 * weights the parent's in Keras's order and paths, trained by fit, run through {@link CallContext#call(Layer, Operand)};
 * and a built-in layer extended as Keras extends Dense.
 */
class SublayersTest {

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    @Test
    void aLayerTracksTheLayersItsFieldsHoldAndTheirWeightsAreItsOwnInKerasOrderAndPaths() {
        try (Model model = ResidualModels.model(1)) {
            ResidualBlock block = (ResidualBlock) model.getLayer("residual_block");
            assertThat(block.sublayerAttributes()).extracting(LayerAttribute::name).containsExactly("conv1", "conv2", "bn", "add");
            assertThat(block.sublayers()).extracting(Layer::name).containsExactly("conv2d", "conv2d_1", "batch_normalization", "add");
            assertThat(model.weights()).extracting(Weight::path).containsExactlyElementsOf(ResidualModels.KERAS_PATHS);
            assertThat(block.weights()).extracting(Weight::path).containsExactlyElementsOf(ResidualModels.KERAS_PATHS.subList(0, 10));
            assertThat(block.ownWeightSpecs()).extracting(WeightSpec::name).containsExactly("alpha", "scale");
            // 4 + 1 + 2 * (3*3*4*4 + 4) + 4 * 4 = 317 in the block, 10 in the head; moving stats and scale not trainable
            assertThat(block.paramCount()).isEqualTo(317);
            assertThat(block.trainableParamCount()).isEqualTo(317 - 9);
            assertThat(model.paramCount()).isEqualTo(327);
            List<float[]> values = block.getWeights();
            assertThat(values).hasSize(10);
            assertThat(values.get(1)).containsExactly(1f); // scale starts at one
            Layer conv1 = block.sublayers().get(0);
            assertThat(conv1.getWeights().get(0)).containsExactly(values.get(2));
            assertThat(conv1.weights().get(0).path()).isEqualTo("conv2d/kernel");
        }
    }

    @Test
    void setWeightsOnTheParentReachesItsSublayers() {
        try (Model model = ResidualModels.model(2)) {
            ResidualBlock block = (ResidualBlock) model.getLayer("residual_block");
            List<float[]> values = new ArrayList<>();
            for (WeightSpec spec : block.weightSpecs()) {
                float[] v = new float[spec.size()];
                java.util.Arrays.fill(v, 0.25f);
                values.add(v);
            }
            block.setWeights(values);
            assertThat(block.sublayers().get(2).getWeights().get(2)).containsOnly(0.25f); // the BN's moving mean
            assertThat(model.getWeights().get(9)).containsOnly(0.25f);
        }
    }

    @Test
    void fitTrainsEverySublayerAndUpdatesTheBatchNormalizationMovingStatistics() {
        try (Model model = ResidualModels.model(3)) {
            model.compile(CompileOptions.defaults().optimizer("adam").loss("mse"));
            List<float[]> before = model.getWeights();
            model.fit(ResidualModels.images(64, 4), ResidualModels.targets(64, 2, 5), FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
            List<float[]> after = model.getWeights();
            for (int i = 0; i < ResidualModels.KERAS_PATHS.size(); i++) {
                if (ResidualModels.KERAS_PATHS.get(i).equals("residual_block/scale")) {
                    assertThat(after.get(i)).as(ResidualModels.KERAS_PATHS.get(i)).containsExactly(before.get(i)); // non-trainable, never assigned
                } else {
                    assertThat(after.get(i)).as(ResidualModels.KERAS_PATHS.get(i) + " changed").isNotEqualTo(before.get(i));
                }
            }
            float[] predicted = model.predict(ResidualModels.images(5, 6))[0];
            assertThat(predicted).hasSize(2);
            assertThat(Float.isFinite(predicted[0])).isTrue();
        }
    }

    @Test
    void predictionUsesTheMovingStatisticsAndTheOwnWeightsAsTheBlockComputes() {
        try (Model model = ResidualModels.model(4)) {
            ResidualBlock block = (ResidualBlock) model.getLayer("residual_block");
            FloatSamples x = ResidualModels.images(3, 7);
            float[][] first = model.predict(x);
            // scale 2 and alpha 1: the pooled block output doubles and moves by one, so the head's output follows
            List<float[]> values = block.getWeights();
            values.set(0, new float[] {1, 1, 1, 1});
            values.set(1, new float[] {2});
            block.setWeights(values);
            float[][] second = model.predict(x);
            List<float[]> head = model.getLayer("dense").getWeights();
            for (int i = 0; i < 3; i++) {
                for (int o = 0; o < 2; o++) {
                    double shift = 0;
                    double bias = head.get(1)[o];
                    for (int c = 0; c < 4; c++) {
                        shift += head.get(0)[c * 2 + o];
                    }
                    // out2 = W(2p + 1) + b = 2(Wp + b) - b + sum(W)
                    assertThat((double) second[i][o]).isCloseTo(2 * first[i][o] - bias + shift, within(1e-4));
                }
            }
        }
    }

    @Test
    void sublayersLeftUnbuiltAreBuiltAtTheirFirstCallAsKerasDoes() {
        // Keras's MLPBlock: no build of its own; each sublayer is built by the first call, which gives the shape
        Layer mlp = new Layer("mlp_block") {
            private final Dense linear1 = new Dense(32, "relu");
            private final Dense linear2 = new Dense(32, "relu");
            private final Dense linear3 = new Dense(1);

            @Override
            protected long[] build(long[] inputShape, WeightDeclarations weights) {
                return null;
            }

            @Override
            public LayerOutput call(CallContext context, Operand<TFloat32> input) {
                Operand<TFloat32> x = context.call(linear1, input).output();
                x = context.call(linear2, x).output();
                return context.call(linear3, x);
            }
        };
        Input input = new Input(64);
        KerasTensor output = mlp.apply(input);
        assertThat(output.shape()).containsExactly(1);
        try (Model model = new Model(input, output).seed(3)) {
            assertThat(model.weights()).extracting(Weight::path).containsExactly("mlp_block/dense/kernel", "mlp_block/dense/bias",
                    "mlp_block/dense_1/kernel", "mlp_block/dense_1/bias", "mlp_block/dense_2/kernel", "mlp_block/dense_2/bias");
            assertThat(model.paramCount()).isEqualTo(64 * 32 + 32 + 32 * 32 + 32 + 32 + 1);
            assertThat(model.predict(FloatSamples.of(new float[64], 64))[0]).hasSize(1);
        }
    }

    @Test
    void aSublayerNeitherBuiltNorCalledIsRefusedNamingItsField() {
        Layer lazy = new Layer("lazy") {
            private final Dense inner = new Dense(3);
            private final Dense unused = new Dense(3);

            @Override
            protected long[] build(long[] inputShape, WeightDeclarations weights) {
                return null;
            }

            @Override
            public LayerOutput call(CallContext context, Operand<TFloat32> input) {
                return context.call(inner, input);
            }
        };
        assertThatThrownBy(() -> lazy.apply(new Input(4))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sublayer 'unused' (Dense) is neither built in build() nor called in call()");
        assertThat(lazy.isBuilt()).isFalse();
    }

    @Test
    void aLayerCallsOnlyItsOwnSublayers() {
        Dense stranger = new Dense(2);
        stranger.build(new long[] {4});
        Layer thief = new Layer("thief") {
            @Override
            protected long[] build(long[] inputShape, WeightDeclarations weights) {
                return new long[] {2};
            }

            @Override
            public LayerOutput call(CallContext context, Operand<TFloat32> input) {
                return context.call(stranger, input);
            }
        };
        Input input = new Input(4);
        try (Model model = new Model(input, thief.apply(input))) {
            assertThatThrownBy(() -> model.predict(FloatSamples.of(new float[4], 4)))
                    .hasMessageContaining("is not one of its sublayers");
        }
    }

    /** A layer holding a list of layers, as Keras's {@code self.blocks = [Dense(...), ...]}. */
    static final class Stack extends Layer {
        private final List<Dense> blocks = List.of(new Dense(5, "relu"), new Dense(3));
        private final Dense head = new Dense(1);

        Stack() {
            super(null);
        }

        @Override
        protected long[] build(long[] inputShape, WeightDeclarations weights) {
            long[] shape = inputShape;
            for (Dense block : blocks) {
                shape = block.build(shape);
            }
            return head.build(shape);
        }

        @Override
        public LayerOutput call(CallContext context, Operand<TFloat32> input) {
            Operand<TFloat32> x = input;
            for (Dense block : blocks) {
                x = context.call(block, x).output();
            }
            return context.call(head, x);
        }
    }

    @Test
    void listsOfLayersAreTrackedInOrderAndTrainInASequential() {
        Stack stack = new Stack();
        try (Sequential model = new Sequential().add(new Input(4)).add(stack)) {
            model.seed(5);
            assertThat(stack.sublayerAttributes()).extracting(LayerAttribute::name).containsExactly("blocks", "head");
            assertThat(stack.sublayerAttributes().get(0).list()).isTrue();
            assertThat(model.weights()).extracting(Weight::path).containsExactly("stack/dense/kernel", "stack/dense/bias",
                    "stack/dense_1/kernel", "stack/dense_1/bias", "stack/dense_2/kernel", "stack/dense_2/bias");
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            FloatSamples x = FloatSamples.of(new float[] {1, 2, 3, 4, -1, 0, 1, 2}, 4);
            double before = model.evaluate(x, Targets.of(new float[] {1, -1}, 1), 0, System.out)[0];
            model.fit(x, Targets.of(new float[] {1, -1}, 1), FitOptions.defaults().epochs(20).batchSize(2).verbose(0).shuffle(false));
            double after = model.evaluate(x, Targets.of(new float[] {1, -1}, 1), 0, System.out)[0];
            assertThat(after).isLessThan(before);
        }
    }

    @Test
    void aDenseSubclassAddsAWeightInBuildAndScalesItsOutputInCall() {
        Input input = new Input(3);
        ScaledDense scaled = new ScaledDense(2);
        try (Model model = new Model(input, scaled.apply(input)).seed(6)) {
            assertThat(scaled.className()).isEqualTo("ScaledDense");
            assertThat(model.weights()).extracting(Weight::path).containsExactly("scaled_dense/kernel", "scaled_dense/bias",
                    "scaled_dense/scale");
            scaled.setWeights(List.of(new float[] {1, 0, 0, 1, 1, 1}, new float[] {0.5f, -0.5f}, new float[] {2, 3}));
            float[][] out = model.predict(FloatSamples.of(new float[] {1, 2, 3}, 3));
            // x·W = [1 + 3, 2 + 3] = [4, 5]; + b = [4.5, 4.5]; * scale = [9, 13.5]
            assertThat(out[0]).containsExactly(9f, 13.5f);
            model.compile(CompileOptions.defaults().optimizer("sgd").loss("mse"));
            model.fit(FloatSamples.of(new float[] {1, 2, 3, 0, 1, 0}, 3), Targets.of(new float[] {1, 1, 0, 0}, 2),
                    FitOptions.defaults().epochs(3).batchSize(2).verbose(0));
            assertThat(scaled.getWeights().get(2)).isNotEqualTo(new float[] {2, 3});
        }
    }

    @Test
    void aLayerWithoutWeightsOfItsOwnStillGivesItsSublayersWeights() {
        Layer wrapper = new Layer("wrapper") {
            private final Dense dense = new Dense(2).kernelInitializer(Initializer.ZEROS);

            @Override
            protected long[] build(long[] inputShape, WeightDeclarations weights) {
                return dense.build(inputShape);
            }

            @Override
            public LayerOutput call(CallContext context, Operand<TFloat32> input) {
                return context.call(dense, input);
            }
        };
        Input input = new Input(3);
        try (Model model = new Model(input, wrapper.apply(input))) {
            assertThat(model.weights()).extracting(Weight::path).containsExactly("wrapper/dense/kernel", "wrapper/dense/bias");
            assertThat(model.predict(FloatSamples.of(new float[] {1, 2, 3}, 3))[0]).containsExactly(0f, 0f);
        }
    }

    /** Two levels: a layer whose sublayer owns sublayers, as Keras nests blocks in a larger block. */
    static final class Tower extends Layer {
        private final ResidualBlock block = new ResidualBlock(4);
        private final GlobalAveragePooling2D pool = new GlobalAveragePooling2D();
        private final ScaledDense head = new ScaledDense(2);

        Tower() {
            super(null);
        }

        @Override
        protected long[] build(long[] inputShape, WeightDeclarations weights) {
            return head.build(pool.build(block.build(inputShape)));
        }

        @Override
        public LayerOutput call(CallContext context, Operand<TFloat32> input) {
            return context.call(head, context.call(pool, context.call(block, input).output()).output());
        }
    }

    @Test
    void sublayersNestAndTrainAtEveryLevel() {
        Input input = new Input(new long[] {6, 6, 4});
        Tower tower = new Tower();
        try (Model model = new Model(input, tower.apply(input)).seed(8)) {
            List<String> paths = model.weights().stream().map(Weight::path).toList();
            assertThat(paths).hasSize(13).startsWith("tower/residual_block/alpha", "tower/residual_block/scale",
                    "tower/residual_block/conv2d/kernel").endsWith("tower/residual_block/batch_normalization/moving_variance",
                    "tower/scaled_dense/kernel", "tower/scaled_dense/bias", "tower/scaled_dense/scale");
            model.compile(CompileOptions.defaults().optimizer("adam").loss("mse"));
            List<float[]> before = model.getWeights();
            model.fit(ResidualModels.images(32, 9), ResidualModels.targets(32, 2, 10), FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
            List<float[]> after = model.getWeights();
            assertThat(after.get(paths.indexOf("tower/residual_block/batch_normalization/moving_mean")))
                    .isNotEqualTo(before.get(paths.indexOf("tower/residual_block/batch_normalization/moving_mean")));
            assertThat(after.get(12)).isNotEqualTo(before.get(12));
        }
    }

    @Test
    void aMapOfLayersIsTrackedByItsValuesAsKerasTracksADict() {
        Layer heads = new Layer("heads") {
            private final java.util.Map<String, Dense> byName = new java.util.LinkedHashMap<>(java.util.Map.of("first", new Dense(2)));

            @Override
            protected long[] build(long[] inputShape, WeightDeclarations weights) {
                return null;
            }

            @Override
            public LayerOutput call(CallContext context, Operand<TFloat32> input) {
                return context.call(byName.get("first"), input);
            }
        };
        Input input = new Input(3);
        try (Model model = new Model(input, heads.apply(input))) {
            assertThat(heads.sublayerAttributes()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("byName");
                assertThat(a.list()).isTrue();
            });
            assertThat(model.weights()).extracting(Weight::path).containsExactly("heads/dense/kernel", "heads/dense/bias");
        }
    }
}
