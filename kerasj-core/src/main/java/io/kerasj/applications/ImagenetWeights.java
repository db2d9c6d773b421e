package io.kerasj.applications;

import java.util.Locale;
import java.util.Map;

/**
 * Keras 3.15's table of published ImageNet weights: for each network and variant, the file name, URL and hash its
 * builder passes to {@code keras.utils.get_file} (a test checks them against the Keras source).
 */
public final class ImagenetWeights {
    static final String MOBILENET_V2 = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";
    static final String MOBILENET_V3 = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v3/";
    static final String EFFICIENTNET = "https://storage.googleapis.com/keras-applications/";

    /** {@code mobilenet_v3.WEIGHTS_HASHES}: with the top, without. */
    static final Map<String, String[]> MOBILENET_V3_HASHES = Map.of(
            "large_224_0.75_float", new String[]{"765b44a33ad4005b3ac83185abf1d0eb", "40af19a13ebea4e2ee0c676887f69a2e"},
            "large_224_1.0_float", new String[]{"59e551e166be033d707958cf9e29a6a7", "07fb09a5933dd0c8eaafa16978110389"},
            "large_minimalistic_224_1.0_float", new String[]{"675e7b876c45c57e9e63e6d90a36599c", "ec5221f64a2f6d1ef965a614bdae7973"},
            "small_224_0.75_float", new String[]{"cb65d4e5be93758266aa0a7f2c6708b7", "ebdb5cc8e0b497cd13a7c275d475c819"},
            "small_224_1.0_float", new String[]{"8768d4c2e7dee89b9d02b2d03d65d862", "d3e8ec802a04aa4fc771ee12a9a9b836"},
            "small_minimalistic_224_1.0_float", new String[]{"99cd97fb2fcdad2bf028eb838de69e37", "cde8136e733e811080d9fcd8a252f7e4"});

    /** {@code efficientnet.WEIGHTS_HASHES}: with the top, without. */
    static final Map<String, String[]> EFFICIENTNET_HASHES = Map.of(
            "b0", new String[]{"902e53a9f72be733fc0bcb005b3ebbac", "50bc09e76180e00e4465e1a485ddc09d"},
            "b1", new String[]{"1d254153d4ab51201f1646940f018540", "74c4e6b3e1f6a1eea24c589628592432"},
            "b2", new String[]{"b15cce36ff4dcbd00b6dd88e7857a6ad", "111f8e2ac8aa800a7a99e3239f7bfb39"},
            "b3", new String[]{"ffd1fdc53d0ce67064dc6a9c7960ede0", "af6d107764bb5b1abb91932881670226"},
            "b4", new String[]{"18c95ad55216b8f92d7e70b3a046e2fc", "ebc24e6d6c33eaebbd558eafbeedf1ba"},
            "b5", new String[]{"ace28f2a6363774853a83a0b21b9421a", "38879255a25d3c92d5e44e04ae6cec6f"},
            "b6", new String[]{"165f6e37dce68623721b423839de8be5", "9ecce42647a20130c1f39a5d4cb75743"},
            "b7", new String[]{"8c03f828fec3ef71311cd463b6759d99", "cbcfe4450ddf6f3ad90b1b398090fe4a"});

    private ImagenetWeights() {
    }

    /**
     * @param alpha the width multiplier (0.35, 0.5, 0.75, 1.0, 1.3 or 1.4)
     * @param rows the input size (96, 128, 160, 192 or 224)
     * @param includeTop with the classifier
     * @return MobileNetV2's file (Keras gives no hash for it)
     */
    public static PretrainedWeights mobileNetV2(double alpha, long rows, boolean includeTop) {
        String name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_" + pythonFloat(alpha) + "_" + rows + (includeTop ? "" : "_no_top") + ".h5";
        return new PretrainedWeights(name, MOBILENET_V2 + name, null);
    }

    /**
     * @param large MobileNetV3Large, else Small
     * @param minimalistic the minimalistic variant
     * @param alpha 0.75 or 1.0 (minimalistic: 1.0)
     * @param includeTop with the classifier
     * @return MobileNetV3's file
     * @throws IllegalArgumentException when Keras publishes no such file
     */
    public static PretrainedWeights mobileNetV3(boolean large, boolean minimalistic, double alpha, boolean includeTop) {
        String model = (large ? "large" : "small") + (minimalistic ? "_minimalistic" : "") + "_224_" + pythonFloat(alpha) + "_float";
        String[] hashes = MOBILENET_V3_HASHES.get(model);
        if (hashes == null) {
            throw new IllegalArgumentException("Keras publishes no ImageNet weights for MobileNetV3 " + model);
        }
        String name = "weights_mobilenet_v3_" + model + (includeTop ? ".h5" : "_no_top_v2.h5");
        return new PretrainedWeights(name, MOBILENET_V3 + name, hashes[includeTop ? 0 : 1]);
    }

    /**
     * @param variant "b0" to "b7"
     * @param modelName the model's name, which Keras makes the file's ({@code efficientnetb0} unless the user names it)
     * @param includeTop with the classifier
     * @return EfficientNet's file
     */
    public static PretrainedWeights efficientNet(String variant, String modelName, boolean includeTop) {
        String key = variant.toLowerCase(Locale.ROOT);
        String[] hashes = EFFICIENTNET_HASHES.get(key);
        if (hashes == null) {
            throw new IllegalArgumentException("Keras publishes no ImageNet weights for EfficientNet" + variant);
        }
        String name = modelName + (includeTop ? ".h5" : "_notop.h5");
        return new PretrainedWeights(name, EFFICIENTNET + name, hashes[includeTop ? 0 : 1]);
    }

    /** @return the number as Python's {@code str(float(x))} writes it: 0.35, 1.0, 1.3 */
    static String pythonFloat(double x) {
        return Double.toString(x);
    }
}
