package io.kerasj.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Keras Applications that {@code kerasj bench --model NAME} measures against Python, each at the reduced input
 * size of issue 25 ({@code python-reference/bench_applications.py} makes them): MobileNetV2 (alpha 0.35) for predict
 * and fine-tuning, the others for predict only.
 */
enum BenchApplication {
    MOBILENETV2("mobilenetv2", "MobileNetV2 (alpha 0.35)", 96, true),
    RESNET50("resnet50", "ResNet50", 64, false),
    EFFICIENTNETB0("efficientnetb0", "EfficientNetB0", 64, false),
    VGG16("vgg16", "VGG16", 32, false),
    INCEPTIONV3("inceptionv3", "InceptionV3", 75, false),
    DENSENET121("densenet121", "DenseNet121", 32, false),
    XCEPTION("xception", "Xception", 71, false),
    MOBILENETV3SMALL("mobilenetv3small", "MobileNetV3Small", 96, false);

    private final String id;
    private final String title;
    private final int size;
    private final boolean fineTuned;

    BenchApplication(String id, String title, int size, boolean fineTuned) {
        this.id = id;
        this.title = title;
        this.size = size;
        this.fineTuned = fineTuned;
    }

    /** @return the {@code --model} name (the script's) */
    String id() {
        return id;
    }

    /** @return the name in a report line, e.g. {@code MobileNetV2 (alpha 0.35)} */
    String title() {
        return title;
    }

    /** @return the input's height and width */
    int size() {
        return size;
    }

    /** @return whether the bench also times fine-tuning epochs (frozen base, then unfrozen) */
    boolean fineTuned() {
        return fineTuned;
    }

    /** @return the application of that {@code --model} name, or null when the name is none of them */
    static BenchApplication find(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
    }

    /** @return the names, comma-separated */
    static String names() {
        return Arrays.stream(values()).map(BenchApplication::id).collect(Collectors.joining(", "));
    }
}
