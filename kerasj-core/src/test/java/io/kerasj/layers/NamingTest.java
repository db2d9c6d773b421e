package io.kerasj.layers;

import io.kerasj.activations.Activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.models.Sequential;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Keras 3's names: by class, counting up per session and thread until clearSession; names given by hand. */
class NamingTest {

    @Test
    void unnamedModelsAndLayersCountUpAcrossModelsAsInKeras() {
        try (Sequential first = new Sequential(1); Sequential second = new Sequential(1)) {
            first.add(new Flatten(4)).add(new Dense(3)).add(new Dense(2));
            second.add(new Input(4)).add(new Dense(3)).add(new Dropout(0.5)).add(new Dense(2));
            assertThat(first.name()).isEqualTo("sequential");
            assertThat(second.name()).isEqualTo("sequential_1");
            assertThat(first.layers()).extracting(Layer::name).containsExactly("flatten", "dense", "dense_1");
            assertThat(second.layers()).extracting(Layer::name).containsExactly("dense_2", "dropout", "dense_3");
        }
    }

    @Test
    void clearSessionStartsTheCountsOver() {
        try (Sequential first = new Sequential(1)) {
            first.add(new Dense(3, Activation.LINEAR, null, new long[] {4}));
            Naming.clearSession();
            try (Sequential second = new Sequential(1)) {
                second.add(new Dense(3, Activation.LINEAR, null, new long[] {4}));
                assertThat(second.name()).isEqualTo(first.name()).isEqualTo("sequential");
                assertThat(second.layers().get(0).name()).isEqualTo("dense");
            }
        }
    }

    @Test
    void eachThreadHasItsOwnCountsAsKerassThreadLocalState() throws Exception {
        new Sequential(1).close();
        String other = CompletableFuture.supplyAsync(() -> {
            try (Sequential model = new Sequential(1)) {
                return model.name();
            }
        }).get();
        assertThat(other).isEqualTo("sequential");
        assertThat(Naming.uniquify("sequential")).isEqualTo("sequential_1");
    }

    @Test
    void aLayerIsNamedFluentlyAndNamesGivenByHandAreNotCounted() {
        try (Sequential model = new Sequential("classifier", 1)) {
            Dense head = new Dense(1, "sigmoid").kernelInitializer("zeros").name("head");
            model.add(new Flatten(4).name("in")).add(new Dense(3, "relu")).add(head);
            assertThat(model.layers()).extracting(Layer::name).containsExactly("in", "dense", "head");
            assertThat(head.kernelInitializer()).isNotNull();
            assertThat(Naming.autoName("Sequential")).isEqualTo("sequential"); // "classifier" took no number
            assertThatThrownBy(() -> head.name("other")).isInstanceOf(IllegalStateException.class).hasMessageContaining("already built");
            assertThatThrownBy(() -> new Dense(1).name(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anAutomaticNameSkipsOneGivenByHandInTheSameModel() {
        try (Sequential model = new Sequential(1)) {
            model.add(new Flatten(4)).add(new Dense(3).name("dense")).add(new Dense(2));
            assertThat(model.layers()).extracting(Layer::name).containsExactly("flatten", "dense", "dense_1");
            assertThatThrownBy(() -> model.add(new Dense(2).name("dense_1"))).hasMessageContaining("already used");
        }
    }

    @Test
    void snakeCaseIsKerass() {
        assertThat(List.of("MaxPooling2D", "Conv2D", "GlobalAveragePooling2D", "BatchNormalization", "SparseTopKCategoricalAccuracy", "mse"))
                .extracting(Naming::snakeCase)
                .containsExactly("max_pooling2d", "conv2d", "global_average_pooling2d", "batch_normalization",
                        "sparse_top_k_categorical_accuracy", "mse");
        assertThat(Naming.snakeCase(null)).isEmpty();
    }
}
