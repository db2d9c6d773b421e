package io.kerasj.applications;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras's first checks of ResNet, VGG, InceptionV3, DenseNet and Xception, each with its own module's message (they
 * differ in Keras), and each network's smallest input; all refused before any layer is made.
 */
class ClassicApplicationsArgumentsTest {
    @TempDir
    Path tmp;

    @Test
    void classesMustBe1000WithImagenetWeightsAndTheTopInEachModulesWords() {
        assertThatThrownBy(() -> ResNet.resNet50().classes(10).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=10");
        assertThatThrownBy(() -> Vgg.vgg19().classes(7).build())
                .hasMessage("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=7");
        assertThatThrownBy(() -> new InceptionV3().classes(10).build())
                .hasMessage("If using `weights=\"imagenet\"` with `include_top=True`, `classes` should be 1000. Received classes=10");
        assertThatThrownBy(() -> DenseNet.denseNet169().classes(10).build())
                .hasMessage("If using `weights` as `\"imagenet\"` with `include_top` as true, `classes` should be 1000");
        assertThatThrownBy(() -> new Xception().classes(10).build())
                .hasMessage("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=10");
    }

    @Test
    void weightsMustBeImagenetNullOrAnExistingFile() {
        String absent = tmp.resolve("absent.weights.h5").toString();
        assertThatThrownBy(() -> ResNet.resNet101V2().weights(absent).build())
                .hasMessage("The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet),"
                        + " or the path to the weights file to be loaded.  Received: weights=" + absent);
        assertThatThrownBy(() -> new InceptionV3().weights(absent).build())
                .hasMessage("The `weights` argument should be either `None` (random initialization), `imagenet` (pre-training on ImageNet),"
                        + " or the path to the weights file to be loaded; Received: weights=" + absent);
        assertThatThrownBy(() -> DenseNet.denseNet201().weights(absent).build())
                .hasMessage("The `weights` argument should be either `None` (random initialization), `imagenet` (pre-training on ImageNet),"
                        + " or the path to the weights file to be loaded.");
        assertThatThrownBy(() -> new Xception().weights(absent).build())
                .hasMessageEndingWith("or the path to the weights file to be loaded.");
    }

    @Test
    void eachNetworkHasItsSmallestAndDefaultInput() {
        assertThatThrownBy(() -> ResNet.resNet152().weights(null).includeTop(false).inputShape(31, 64, 3).build())
                .hasMessage("Input size must be at least 32x32; Received: input_shape=(31, 64, 3)");
        assertThatThrownBy(() -> Vgg.vgg16().weights(null).includeTop(false).inputShape(32, 16, 3).build())
                .hasMessage("Input size must be at least 32x32; Received: input_shape=(32, 16, 3)");
        assertThatThrownBy(() -> new InceptionV3().weights(null).includeTop(false).inputShape(74, 75, 3).build())
                .hasMessage("Input size must be at least 75x75; Received: input_shape=(74, 75, 3)");
        assertThatThrownBy(() -> new Xception().weights(null).includeTop(false).inputShape(70, 71, 3).build())
                .hasMessage("Input size must be at least 71x71; Received: input_shape=(70, 71, 3)");
        assertThatThrownBy(() -> DenseNet.denseNet121().includeTop(true).inputShape(32, 32, 3).build())
                .hasMessage("When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be (224, 224, 3)."
                        + "  Received: input_shape=(32, 32, 3)");
        assertThatThrownBy(() -> new Xception().includeTop(true).inputShape(224, 224, 3).build())
                .hasMessageContaining("`input_shape` should be (299, 299, 3)");
    }
}
