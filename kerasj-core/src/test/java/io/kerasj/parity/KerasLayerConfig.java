package io.kerasj.parity;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.layers.ActivationLayer;
import io.kerasj.layers.Add;
import io.kerasj.layers.Average;
import io.kerasj.layers.Concatenate;
import io.kerasj.layers.Dot;
import io.kerasj.layers.Maximum;
import io.kerasj.layers.Minimum;
import io.kerasj.layers.Multiply;
import io.kerasj.layers.Subtract;
import io.kerasj.layers.AlphaDropout;
import io.kerasj.layers.AveragePooling2D;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.GlobalAveragePooling2D;
import io.kerasj.layers.GlobalMaxPooling2D;
import io.kerasj.layers.Layer;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.layers.Normalization;
import io.kerasj.layers.Rescaling;
import io.kerasj.layers.Reshape;

/**
 * The Java layer for a {@code pieces.txt} line of kind {@code layer}: Keras's class name and keyword arguments, as
 * {@code layer_reference.py} passes them to {@code getattr(keras.layers, class)(**args)}.
 */
final class KerasLayerConfig {
    private KerasLayerConfig() {
    }

    static Layer of(String className, JsonNode args) {
        return switch (className) {
            case "Activation" -> new ActivationLayer(args.path("activation").asText());
            case "Dense" -> new Dense(args.path("units").asInt(), args.path("activation").asText(null));
            case "Reshape" -> new Reshape(longs(args.path("target_shape")));
            case "AlphaDropout" -> new AlphaDropout(args.path("rate").asDouble());
            case "BatchNormalization" -> new BatchNormalization();
            case "Rescaling" -> new Rescaling(args.path("scale").asDouble(), args.path("offset").asDouble(0));
            case "Normalization" -> new Normalization();
            case "Conv2D" -> {
                Conv2D conv = new Conv2D(args.path("filters").asInt(), ints(args.path("kernel_size")))
                        .padding(args.path("padding").asText("valid"))
                        .activation(args.path("activation").asText(null))
                        .useBias(args.path("use_bias").asBoolean(true));
                if (args.has("strides")) {
                    conv.strides(ints(args.path("strides")));
                }
                if (args.has("dilation_rate")) {
                    conv.dilationRate(ints(args.path("dilation_rate")));
                }
                yield conv;
            }
            case "MaxPooling2D" -> new MaxPooling2D(ints(args.path("pool_size"), 2), args.has("strides") ? ints(args.path("strides")) : null,
                    args.path("padding").asText("valid"));
            case "AveragePooling2D" -> new AveragePooling2D(ints(args.path("pool_size"), 2),
                    args.has("strides") ? ints(args.path("strides")) : null, args.path("padding").asText("valid"));
            case "GlobalAveragePooling2D" -> new GlobalAveragePooling2D();
            case "GlobalMaxPooling2D" -> new GlobalMaxPooling2D();
            case "Add" -> new Add();
            case "Subtract" -> new Subtract();
            case "Multiply" -> new Multiply();
            case "Average" -> new Average();
            case "Maximum" -> new Maximum();
            case "Minimum" -> new Minimum();
            case "Concatenate" -> new Concatenate(args.path("axis").asInt(-1));
            case "Dot" -> {
                int[] axes = ints(args.path("axes"));
                Dot dot = axes.length == 1 ? new Dot(axes[0]) : new Dot(axes[0], axes[1]);
                yield dot.normalize(args.path("normalize").asBoolean(false));
            }
            default -> throw new AssertionError("no Java layer for Keras class '" + className
                    + "' (python-reference/pieces.txt); add it to KerasLayerConfig");
        };
    }

    private static int[] ints(JsonNode node, int... absent) {
        if (node.isMissingNode()) {
            return absent;
        }
        if (node.isInt()) {
            return new int[] {node.asInt()};
        }
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asInt();
        }
        return values;
    }

    private static long[] longs(JsonNode node) {
        return java.util.Arrays.stream(ints(node)).asLongStream().toArray();
    }
}
