package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.initializers.Initializer;
import io.kerasj.layers.ELU;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LeakyReLU;
import io.kerasj.layers.PReLU;
import io.kerasj.layers.ReLU;
import io.kerasj.layers.Softmax;
import java.util.List;

/** Keras's activation layers {@code ReLU}, {@code LeakyReLU}, {@code PReLU}, {@code ELU} and {@code Softmax}. */
final class ActivationLayerFormats {
    private static final int MAX_AXES = 32;

    private ActivationLayerFormats() {
    }

    /** {@code ReLU}: max_value (or null), negative_slope, threshold. */
    static final class ReLUFormat implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return ReLU.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            LayerOptions.common(layer, problems);
            Double max = layer.isNull("max_value") ? null : LayerOptions.number(layer, problems, "max_value", 0);
            double slope = LayerOptions.number(layer, problems, "negative_slope", 0);
            double threshold = LayerOptions.number(layer, problems, "threshold", 0);
            return LayerOptions.named(layer, problems, before, () -> new ReLU(max, slope, threshold));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            ReLU relu = (ReLU) layer;
            if (relu.maxValue() == null) {
                config.putNull("max_value");
            } else {
                config.put("max_value", LayerOptions.decimal(relu.maxValue()));
            }
            config.put("negative_slope", LayerOptions.decimal(relu.negativeSlope()));
            config.put("threshold", LayerOptions.decimal(relu.threshold()));
        }
    }

    /** {@code LeakyReLU}: negative_slope (Keras 2's {@code alpha} read too). */
    static final class LeakyReLUFormat implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return LeakyReLU.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            LayerOptions.common(layer, problems);
            String key = layer.config().has("negative_slope") || !layer.config().has("alpha") ? "negative_slope" : "alpha";
            double slope = LayerOptions.number(layer, problems, key, LeakyReLU.DEFAULT_NEGATIVE_SLOPE);
            return LayerOptions.named(layer, problems, before, () -> new LeakyReLU(slope));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            config.put("negative_slope", LayerOptions.decimal(((LeakyReLU) layer).negativeSlope()));
        }
    }

    /** {@code ELU}: alpha. */
    static final class ELUFormat implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return ELU.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            LayerOptions.common(layer, problems);
            double alpha = LayerOptions.number(layer, problems, "alpha", 1);
            return LayerOptions.named(layer, problems, before, () -> new ELU(alpha));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            config.put("alpha", LayerOptions.decimal(((ELU) layer).alpha()));
        }
    }

    /** {@code Softmax}: one integer axis. */
    static final class SoftmaxFormat implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return Softmax.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            LayerOptions.common(layer, problems);
            JsonNode v = layer.config().get("axis");
            if (v != null && v.isArray() && v.size() == 1) {
                v = v.get(0);
            }
            int axis = -1;
            if (v != null && !v.isNull()) {
                if (v.isIntegralNumber() && v.canConvertToInt()) {
                    axis = v.asInt();
                } else {
                    problems.add("Softmax option axis=" + LayerOptions.shortText(v) + " (layer '" + layer.name() + "'; KerasJ takes one axis)");
                }
            }
            int chosen = axis;
            return LayerOptions.named(layer, problems, before, () -> new Softmax(chosen));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            config.put("axis", ((Softmax) layer).axis());
        }
    }

    /** {@code PReLU}: alpha_initializer, shared_axes; no regularizer or constraint. */
    static final class PReLUFormat implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return PReLU.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            LayerOptions.common(layer, problems);
            LayerOptions.mustBeNull(layer, problems, "alpha_regularizer", "alpha_constraint");
            Initializer read = InitializerFormat.read(layer, "alpha_initializer");
            Initializer initializer = read == null ? Initializer.ZEROS : read;
            int[] shared = sharedAxes(layer, problems);
            return LayerOptions.named(layer, problems, before, () -> new PReLU(initializer, shared));
        }

        private static int[] sharedAxes(LayerConfig layer, List<String> problems) {
            JsonNode v = layer.config().get("shared_axes");
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                return new int[] {v.asInt()};
            }
            if (v.isArray() && v.size() <= MAX_AXES) {
                int[] axes = new int[v.size()];
                for (int i = 0; i < axes.length; i++) {
                    if (!v.get(i).isIntegralNumber() || !v.get(i).canConvertToInt()) {
                        axes = null;
                        break;
                    }
                    axes[i] = v.get(i).asInt();
                }
                if (axes != null) {
                    return axes;
                }
            }
            problems.add("PReLU option shared_axes=" + LayerOptions.shortText(v) + " (layer '" + layer.name() + "')");
            return null;
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            PReLU prelu = (PReLU) layer;
            config.set("alpha_initializer", InitializerFormat.write(prelu.alphaInitializer()));
            config.putNull("alpha_regularizer");
            config.putNull("alpha_constraint");
            if (prelu.sharedAxes() == null) {
                config.putNull("shared_axes");
            } else {
                config.set("shared_axes", LayerOptions.ints(prelu.sharedAxes()));
            }
        }
    }
}
