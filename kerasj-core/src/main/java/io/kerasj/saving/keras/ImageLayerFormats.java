package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.AffineImageLayer;
import io.kerasj.layers.CenterCrop;
import io.kerasj.layers.Layer;
import io.kerasj.layers.RandomBrightness;
import io.kerasj.layers.RandomContrast;
import io.kerasj.layers.RandomCrop;
import io.kerasj.layers.RandomFlip;
import io.kerasj.layers.RandomRotation;
import io.kerasj.layers.RandomTranslation;
import io.kerasj.layers.RandomZoom;
import io.kerasj.layers.Resizing;
import io.kerasj.layers.ValueRangeAugmentation;
import java.util.List;

/**
 * Keras 3's image preprocessing layers ({@code RandomFlip}, {@code RandomContrast}, {@code RandomBrightness},
 * {@code RandomCrop}, {@code Resizing}, {@code CenterCrop}, {@code RandomRotation}, {@code RandomZoom},
 * {@code RandomTranslation}) with channels-last data: their config keys and defaults.
 */
final class ImageLayerFormats {
    private ImageLayerFormats() {
    }

    /** @return the formats, to register under their Keras class names */
    static List<LayerFormat> all() {
        return List.of(new Flip(),
                new ValueRange(RandomContrast.class, x -> new double[] {Math.max(-x, 0), x}, RandomContrast::new),
                new ValueRange(RandomBrightness.class, x -> new double[] {Math.max(-Math.abs(x), -1), Math.abs(x)}, RandomBrightness::new),
                new Crop(), new Resize(), new Center(), new Rotation(),
                new Zoom(), new Translation());
    }

    private static void channelsLast(LayerConfig layer, List<String> problems) {
        LayerOptions.common(layer, problems);
        LayerOptions.mustBe(layer, problems, "data_format", "channels_last");
    }

    private static Long seed(LayerConfig layer, List<String> problems) {
        JsonNode v = layer.config().get("seed");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            problems.add(layer.className() + " option seed=" + LayerOptions.shortText(v) + " (layer '" + layer.name() + "')");
            return null;
        }
        return v.asLong();
    }

    private static void writeSeed(ObjectNode config, Long seed) {
        if (seed == null) {
            config.putNull("seed");
        } else {
            config.put("seed", seed);
        }
    }

    /** @return a number or a pair of numbers as {a, b} (a single number as {@code single.apply(x)}), or null with a problem */
    private static double[] pair(LayerConfig layer, List<String> problems, String key, double[] fallback,
            java.util.function.DoubleFunction<double[]> single) {
        JsonNode v = layer.config().get(key);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                problems.add(layer.className() + " option " + key + " missing (layer '" + layer.name() + "')");
            }
            return fallback;
        }
        if (v.isNumber()) {
            return single.apply(v.asDouble());
        }
        if (v.isArray() && v.size() == 2 && v.get(0).isNumber() && v.get(1).isNumber()) {
            return new double[] {v.get(0).asDouble(), v.get(1).asDouble()};
        }
        problems.add(layer.className() + " option " + key + "=" + LayerOptions.shortText(v) + " (layer '" + layer.name() + "')");
        return null;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode decimals(float[] values) {
        var a = KerasConfigWriter.json().createArrayNode();
        for (float v : values) {
            a.add(LayerOptions.decimal(v));
        }
        return a;
    }

    private static int size(LayerConfig layer, List<String> problems, String key) {
        JsonNode v = layer.config().get(key);
        if (v == null || !v.isInt() || v.asInt() <= 0 || v.asInt() > Limits.MAX_IMAGE_SIDE) {
            problems.add(layer.className() + " option " + key + "=" + (v == null ? "missing" : LayerOptions.shortText(v))
                    + " (layer '" + layer.name() + "')");
            return 1;
        }
        return v.asInt();
    }

    private static final class Flip implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return RandomFlip.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            channelsLast(layer, problems);
            LayerOptions.mustBe(layer, problems, "mode", "horizontal_and_vertical", "horizontal", "vertical");
            String mode = layer.text("mode").orElse("horizontal_and_vertical");
            Long seed = seed(layer, problems);
            return LayerOptions.named(layer, problems, before, () -> new RandomFlip(mode, seed));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            RandomFlip flip = (RandomFlip) layer;
            config.put("data_format", "channels_last");
            writeSeed(config, flip.seed());
            config.put("mode", flip.mode());
        }
    }

    /** Makes a {@link ValueRangeAugmentation} from its factor's bounds, its value range and its seed. */
    @FunctionalInterface
    private interface ValueRangeLayer {
        Layer make(double lower, double upper, double min, double max, Long seed);
    }

    /**
     * RandomContrast and RandomBrightness: {@code factor} (a number, read by {@code scalarFactor}, or a pair),
     * {@code value_range} (default [0, 255]) and {@code seed}.
     */
    private static final class ValueRange implements LayerFormat {
        private final Class<? extends ValueRangeAugmentation> type;
        private final java.util.function.DoubleFunction<double[]> scalarFactor;
        private final ValueRangeLayer maker;

        ValueRange(Class<? extends ValueRangeAugmentation> type, java.util.function.DoubleFunction<double[]> scalarFactor, ValueRangeLayer maker) {
            this.type = type;
            this.scalarFactor = scalarFactor;
            this.maker = maker;
        }

        @Override
        public Class<? extends Layer> layerClass() {
            return type;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            LayerOptions.common(layer, problems);
            double[] f = pair(layer, problems, "factor", null, scalarFactor);
            double[] range = pair(layer, problems, "value_range", new double[] {0, 255}, x -> null);
            if (range == null && !layer.isNull("value_range")) {
                problems.add(layer.className() + " option value_range=" + LayerOptions.shortText(layer.config().get("value_range"))
                        + " (layer '" + layer.name() + "')");
            }
            Long seed = seed(layer, problems);
            return LayerOptions.named(layer, problems, before, () -> maker.make(Math.min(f[0], f[1]), Math.max(f[0], f[1]),
                    range[0], range[1], seed));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            ValueRangeAugmentation v = (ValueRangeAugmentation) layer;
            config.set("factor", decimals(v.factor()));
            config.set("value_range", decimals(v.valueRange()));
            writeSeed(config, v.seed());
        }
    }

    private static final class Crop implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return RandomCrop.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            channelsLast(layer, problems);
            int height = size(layer, problems, "height");
            int width = size(layer, problems, "width");
            Long seed = seed(layer, problems);
            return LayerOptions.named(layer, problems, before, () -> new RandomCrop(height, width, seed));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            RandomCrop c = (RandomCrop) layer;
            config.put("data_format", "channels_last");
            config.put("height", c.height());
            config.put("width", c.width());
            writeSeed(config, c.seed());
        }
    }

    private static final class Resize implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return Resizing.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            channelsLast(layer, problems);
            int height = size(layer, problems, "height");
            int width = size(layer, problems, "width");
            LayerOptions.mustBe(layer, problems, "interpolation", "bilinear", "nearest");
            LayerOptions.mustBe(layer, problems, "pad_to_aspect_ratio", false);
            LayerOptions.mustBe(layer, problems, "antialias", false);
            String interpolation = layer.text("interpolation").orElse("bilinear");
            boolean crop = layer.config().path("crop_to_aspect_ratio").asBoolean(false);
            return LayerOptions.named(layer, problems, before, () -> new Resizing(height, width, interpolation, crop));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            Resizing r = (Resizing) layer;
            config.put("data_format", "channels_last");
            config.put("height", r.height());
            config.put("width", r.width());
            config.put("interpolation", r.interpolation());
            config.put("crop_to_aspect_ratio", r.cropToAspectRatio());
            config.put("pad_to_aspect_ratio", false);
            config.put("fill_mode", "constant");
            config.put("fill_value", 0.0);
            config.put("antialias", false);
        }
    }

    private static final class Center implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return CenterCrop.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            channelsLast(layer, problems);
            int height = size(layer, problems, "height");
            int width = size(layer, problems, "width");
            return LayerOptions.named(layer, problems, before, () -> new CenterCrop(height, width));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            CenterCrop c = (CenterCrop) layer;
            config.put("data_format", "channels_last");
            config.put("height", c.height());
            config.put("width", c.width());
        }
    }

    /** data_format, fill_mode, interpolation, fill_value and seed of the affine layers. */
    private record AffineOptions(String fillMode, String interpolation, double fillValue, Long seed) {
        static AffineOptions read(LayerConfig layer, List<String> problems) {
            channelsLast(layer, problems);
            LayerOptions.mustBe(layer, problems, "fill_mode", "reflect", "wrap", "constant", "nearest");
            LayerOptions.mustBe(layer, problems, "interpolation", "bilinear", "nearest");
            JsonNode fill = layer.config().get("fill_value");
            if (fill != null && !fill.isNull() && !fill.isNumber()) {
                problems.add(layer.className() + " option fill_value=" + LayerOptions.shortText(fill) + " (layer '" + layer.name() + "')");
            }
            return new AffineOptions(layer.text("fill_mode").orElse("reflect"), layer.text("interpolation").orElse("bilinear"),
                    layer.config().path("fill_value").asDouble(0), ImageLayerFormats.seed(layer, problems));
        }

        static void write(AffineImageLayer layer, ObjectNode config) {
            config.put("data_format", "channels_last");
            config.put("fill_mode", layer.fillMode());
            config.put("fill_value", LayerOptions.decimal(layer.fillValue()));
            config.put("interpolation", layer.interpolation());
            writeSeed(config, layer.seed());
        }
    }

    private static double[] symmetric(double f) {
        return new double[] {-Math.abs(f), Math.abs(f)};
    }

    private static double[] sorted(double[] pair) {
        return pair == null ? null : new double[] {Math.min(pair[0], pair[1]), Math.max(pair[0], pair[1])};
    }

    private static final class Rotation implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return RandomRotation.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            AffineOptions o = AffineOptions.read(layer, problems);
            double[] f = sorted(pair(layer, problems, "factor", null, ImageLayerFormats::symmetric));
            return LayerOptions.named(layer, problems, before, () -> new RandomRotation(f[0], f[1], o.fillMode(),
                    o.interpolation(), o.fillValue(), o.seed()));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            RandomRotation r = (RandomRotation) layer;
            config.set("factor", decimals(r.factor()));
            AffineOptions.write(r, config);
        }
    }

    private static final class Zoom implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return RandomZoom.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            AffineOptions o = AffineOptions.read(layer, problems);
            double[] h = sorted(pair(layer, problems, "height_factor", null, ImageLayerFormats::symmetric));
            double[] w = layer.isNull("width_factor") ? null
                    : sorted(pair(layer, problems, "width_factor", null, ImageLayerFormats::symmetric));
            return LayerOptions.named(layer, problems, before, () -> new RandomZoom(h, w, o.fillMode(), o.interpolation(),
                    o.fillValue(), o.seed()));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            RandomZoom z = (RandomZoom) layer;
            config.set("height_factor", decimals(z.heightFactor()));
            if (z.widthFactor() == null) {
                config.putNull("width_factor");
            } else {
                config.set("width_factor", decimals(z.widthFactor()));
            }
            AffineOptions.write(z, config);
        }
    }

    private static final class Translation implements LayerFormat {
        @Override
        public Class<? extends Layer> layerClass() {
            return RandomTranslation.class;
        }

        @Override
        public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
            int before = problems.size();
            AffineOptions o = AffineOptions.read(layer, problems);
            double[] h = sorted(pair(layer, problems, "height_factor", null, ImageLayerFormats::symmetric));
            double[] w = sorted(pair(layer, problems, "width_factor", null, ImageLayerFormats::symmetric));
            return LayerOptions.named(layer, problems, before, () -> new RandomTranslation(h, w, o.fillMode(), o.interpolation(),
                    o.fillValue(), o.seed()));
        }

        @Override
        public void write(Layer layer, ObjectNode config) {
            RandomTranslation t = (RandomTranslation) layer;
            config.set("height_factor", decimals(t.heightFactor()));
            config.set("width_factor", decimals(t.widthFactor()));
            AffineOptions.write(t, config);
        }
    }
}
