package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Add;
import io.kerasj.layers.ElementwiseMerge;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Multiply;
import io.kerasj.layers.ScalarOperation;
import io.kerasj.layers.Subtract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keras 3's arithmetic operations in a functional model ({@code module: keras.src.ops.numpy}, {@code x + 3.0} on a
 * symbolic tensor): {@code Add}, {@code Subtract}, {@code Multiply} and {@code TrueDivide}, whose one node passes two
 * positional arguments. A tensor and a number make a {@link ScalarOperation}; two tensors the merge layer of the same
 * broadcasting ({@code Add}, {@code Subtract}, {@code Multiply}). The config holds the name only.
 */
final class NumpyOperationFormat implements LayerFormat {
    /** The module Keras writes for these operations. */
    static final String MODULE = "keras.src.ops.numpy";
    private static final Map<String, ScalarOperation.Kind> KINDS = Map.of("Add", ScalarOperation.Kind.ADD, "Subtract",
            ScalarOperation.Kind.SUBTRACT, "Multiply", ScalarOperation.Kind.MULTIPLY, "TrueDivide", ScalarOperation.Kind.TRUE_DIVIDE);
    private static final Map<String, Supplier<? extends ElementwiseMerge>> MERGES = Map.of("Add", Add::new, "Subtract", Subtract::new,
            "Multiply", Multiply::new);

    private final String kerasClassName;

    private NumpyOperationFormat(String kerasClassName) {
        this.kerasClassName = kerasClassName;
    }

    /**
     * @param entry a layer's entry in a saved config
     * @return the format of an operation of {@code keras.src.ops.numpy} that KerasJ runs; empty for another module
     *     or operation
     */
    static Optional<LayerFormat> forEntry(JsonNode entry) {
        String className = entry.path("class_name").asText("");
        return isOperation(entry) && KINDS.containsKey(className) ? Optional.of(new NumpyOperationFormat(className)) : Optional.empty();
    }

    /**
     * @return whether the entry is an operation of {@code keras.src.ops} (its nodes may pass numbers); a legacy
     *     {@code .h5} of Keras 3.15 drops the module, so there an {@code Add}, ... whose call passes a number is one too
     *     (no layer takes a number as positional argument; Keras 3.15 itself then builds its merge layer, and fails)
     */
    static boolean isOperation(JsonNode entry) {
        if (entry.path("module").asText("").startsWith("keras.src.ops.")) {
            return true;
        }
        if (entry.has("module") || !KINDS.containsKey(entry.path("class_name").asText(""))) {
            return false;
        }
        JsonNode nodes = entry.path("inbound_nodes");
        JsonNode args = nodes.isArray() && nodes.size() == 1 ? nodes.get(0).path("args") : null;
        return args != null && args.isArray() && args.size() == 2 && (args.get(0).isNumber() || args.get(1).isNumber());
    }

    @Override
    public Class<? extends Layer> layerClass() {
        return ScalarOperation.class;
    }

    @Override
    public String kerasClassName() {
        return kerasClassName;
    }

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public Layer read(LayerConfig layer, long[] inputShape, List<String> problems) {
        int before = problems.size();
        LayerOptions.common(layer, problems);
        JsonNode nodes = layer.entry().path("inbound_nodes");
        JsonNode args = nodes.isArray() && nodes.size() == 1 ? nodes.get(0).path("args") : null;
        if (args == null || !args.isArray() || args.size() != 2) {
            problems.add(kerasClassName + " operation (layer '" + layer.name() + "'; expected one call on two arguments, found "
                    + LayerOptions.shortText(nodes) + ")");
            return null;
        }
        boolean firstNumber = args.get(0).isNumber();
        boolean secondNumber = args.get(1).isNumber();
        if (!firstNumber && !secondNumber && MERGES.containsKey(kerasClassName)) {
            return LayerOptions.named(layer, problems, before, MERGES.get(kerasClassName));
        }
        if (firstNumber == secondNumber) {
            problems.add(kerasClassName + " operation on " + LayerOptions.shortText(args) + " (layer '" + layer.name()
                    + "'; KerasJ runs it on a tensor and a number" + (MERGES.containsKey(kerasClassName) ? " or on two tensors" : "") + ")");
            return null;
        }
        JsonNode number = firstNumber ? args.get(0) : args.get(1);
        return LayerOptions.named(layer, problems, before,
                () -> new ScalarOperation(KINDS.get(kerasClassName), number.asDouble(), firstNumber, layer.name()));
    }

    @Override
    public void write(Layer layer, ObjectNode config) {
        // the name only: KerasConfigWriter writes an operation's entry and its number
    }
}
