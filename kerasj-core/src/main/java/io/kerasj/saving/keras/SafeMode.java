package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code safe_mode=True}, applied to the whole config before anything is built: Python code (Lambda layers,
 * serialized functions, marshalled bytecode) and objects from outside Keras (custom layers, losses, activations) are
 * refused, unless the program registered them ({@code ObjectRegistration}), as Keras's safe mode takes registered
 * objects. KerasJ never runs Python, so nothing of this could run anyway; refusing says why the model cannot load.
 */
final class SafeMode {
    private SafeMode() {
    }

    /**
     * @param file the file, for messages
     * @param config the model config (and, separately, the compile config)
     * @throws KerasFileException naming each piece of code or custom object found
     */
    static void check(String file, JsonNode config) {
        List<String> found = new ArrayList<>();
        scan(config, "", found);
        if (!found.isEmpty()) {
            throw new KerasFileException(file + ": refused, as Keras's safe_mode refuses them: " + String.join(", ", found)
                    + " (KerasJ runs no Python code and no custom objects)");
        }
    }

    private static void scan(JsonNode node, String where, List<String> found) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                scan(child, where, found);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String className = node.path("class_name").asText(null);
        String layerName = node.path("config").path("name").asText(where);
        if (className != null && RegisteredObjects.isRegisteredHere(node)) {
            // what the program registered, as Keras's safe mode takes registered objects; a class's config may nest more
            if (!RegisteredObjects.isFunction(node)) {
                scan(node.path("config"), layerName, found);
            }
            return;
        }
        if (RegisteredObjects.isFunction(node) && node.path("config").isTextual()) {
            found.add("function " + RegisteredObjects.nameOf(node) + " in '" + where + "', which the program did not register");
            return;
        }
        if ("Lambda".equals(className) && !RegisteredObjects.isRegisteredHere(node.path("config").path("function"))) {
            JsonNode fn = node.path("config").path("function");
            found.add("Python code in Lambda '" + layerName + "'" + (RegisteredObjects.isFunction(fn)
                    ? " (function " + RegisteredObjects.nameOf(fn) + ", which the program did not register)" : ""));
            return;
        }
        if (className != null && !className.equals("Lambda")) {   // a Lambda is as safe as its registered function
            if (className.equals("__lambda__") || className.equals("function")
                    || className.equals("__function__") || className.equals("__builtins__")) {
                found.add("Python code in " + className + (layerName.isEmpty() ? "" : " '" + layerName + "'"));
                return;
            }
            String module = node.path("module").asText("");
            String registered = node.path("registered_name").asText("");
            if (!module.isEmpty() && !module.equals("keras") && !module.startsWith("keras.") && !module.equals("builtins")) {
                found.add("custom object " + className + " from module " + module);
                return;
            }
            if (registered.contains(">") || className.contains(">") && !className.startsWith("Custom>")) {
                found.add("custom object " + (registered.isEmpty() ? className : registered));
                return;
            }
        }
        if (node.has("function_type") || node.has("function") && node.get("function").isArray()) {
            found.add("marshalled Python code in '" + layerName + "'");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            scan(e.getValue(), layerName, found);
        }
    }
}
