package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keras's {@code safe_mode=True}, applied to the whole config before anything is built. Refused: Python code
 * ({@code Lambda} layers, {@code __lambda__} objects, Keras 2's marshalled functions), and every custom class or
 * function the program did not register with {@link io.kerasj.saving.ObjectRegistration} (an object whose
 * {@code registered_name} is {@code "package>name"} or whose {@code module} is not Keras's). Registered classes and
 * functions load, as in Keras. All that is refused is named in one line.
 *
 * <p>With {@code safe_mode=false} this check is skipped, but KerasJ still never runs Python code nor loads a class a
 * file names: such a layer is refused when the model is built, and such a loss or metric leaves the model uncompiled,
 * with a warning.
 */
final class SafeMode {
    private static final Set<String> PYTHON_CODE = Set.of("Lambda", "__lambda__", "__function__", "__builtins__");

    private SafeMode() {
    }

    /**
     * @param file the file, for messages
     * @param config the model config (and, separately, the compile config)
     * @throws KerasFileException naming each piece of code and each unregistered custom object found
     */
    static void check(String file, JsonNode config) {
        Set<String> found = new LinkedHashSet<>();
        scan(config, "", found, 0);
        if (!found.isEmpty()) {
            boolean unregistered = found.stream().anyMatch(f -> f.startsWith("unregistered "));
            throw new KerasFileException(file + ": refused, as Keras's safe_mode refuses them: " + String.join(", ", found)
                    + (unregistered ? "; register custom classes and functions with ObjectRegistration.registerKerasSerializable"
                    + " (Keras's register_keras_serializable)" : "") + "; safe_mode=false goes further, but KerasJ never runs"
                    + " Python code nor loads a class a file names, so a layer that needs them still does not load");
        }
    }

    /**
     * @param entry a serialized object
     * @return true when it is Python code: a Lambda layer, a {@code __lambda__}, Keras 2's marshalled function
     */
    static boolean isPythonCode(JsonNode entry) {
        return PYTHON_CODE.contains(entry.path("class_name").asText("")) || entry.has("function_type")
                || entry.path("config").has("function_type");
    }

    /** @return {@code custom class package>name (module m)}, as refusals name a custom object */
    static String describeCustom(JsonNode entry) {
        String className = entry.path("class_name").asText("");
        boolean function = className.equals("function");
        String registered = entry.path("registered_name").isTextual() ? entry.get("registered_name").asText() : "";
        String name = !registered.isEmpty() ? registered : function ? entry.path("config").asText("") : className;
        String module = entry.path("module").isTextual() ? entry.get("module").asText() : "";
        return "custom " + (function ? "function " : "class ") + name + (module.isEmpty() ? "" : " (module " + module + ")");
    }

    private static void scan(JsonNode node, String where, Set<String> found, int depth) {
        if (depth > 1_000) {
            return;   // Jackson's nesting limit (1,000) refuses such a file first
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                scan(child, where, found, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String className = node.path("class_name").asText(null);
        String layerName = node.path("config").path("name").asText(where);
        String in = layerName.isEmpty() ? "" : " '" + layerName + "'";
        if (className != null) {
            if (isPythonCode(node)) {
                found.add("Python code in " + className + in);
                return;
            }
            if (CustomObjectFormat.isCustom(node) && CustomObjectFormat.lookup(node).isEmpty() && !providedFormat(node)) {
                found.add("unregistered " + describeCustom(node) + in);
                return;
            }
        } else if (node.has("function_type") || node.has("function") && node.get("function").isArray()) {
            found.add("marshalled Python code in '" + layerName + "'");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            scan(e.getValue(), layerName, found, depth + 1);
        }
    }

    /** A jar's {@link LayerFormat} of a class outside Keras's modules makes that class known. */
    private static boolean providedFormat(JsonNode node) {
        String module = node.path("module").isTextual() ? node.get("module").asText() : "";
        return !module.isEmpty() && LayerRegistry.forKerasClass(node.path("class_name").asText(""))
                .filter(f -> f.module().equals(module)).isPresent();
    }
}
