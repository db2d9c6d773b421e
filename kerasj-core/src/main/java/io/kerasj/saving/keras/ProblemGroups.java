package io.kerasj.saving.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the problems of a refused file into one short line: the same problem in several layers
 * ({@code BatchNormalization option axis=1 (layer 'conv1_bn'; ...)}, 52 times) is written once with the count and
 * the first names ({@code BatchNormalization option axis=1 (52 layers: 'conv1_bn', 'conv2_bn', 'conv3_bn', ...; ...)}).
 */
final class ProblemGroups {
    /** Layer names written per group; the others are counted. */
    static final int NAMES_SHOWN = 3;
    private static final Pattern PER_LAYER = Pattern.compile("(?s)(.*) \\(layer '([^']*)'(?:[;:] (.*))?\\)");

    private ProblemGroups() {
    }

    /**
     * @param problems one phrase per problem, {@code WHAT (layer 'NAME')} or {@code WHAT (layer 'NAME'; WHY)} where it
     *     names a layer
     * @return them joined by ", ", in their first order, each problem of several layers once
     */
    static String join(List<String> problems) {
        Map<List<String>, List<String>> layersByProblem = new LinkedHashMap<>();
        Map<List<String>, String> first = new LinkedHashMap<>();
        for (String problem : problems) {
            Matcher m = PER_LAYER.matcher(problem);
            List<String> key = m.matches() ? List.of(m.group(1), m.group(3) == null ? "" : m.group(3)) : List.of(problem);
            first.putIfAbsent(key, problem);
            List<String> layers = layersByProblem.computeIfAbsent(key, k -> new ArrayList<>());
            if (m.matches()) {
                layers.add(m.group(2));
            }
        }
        List<String> joined = new ArrayList<>();
        layersByProblem.forEach((key, layers) -> joined.add(layers.size() <= 1 ? first.get(key) : phrase(key.get(0), layers, key.get(1))));
        return String.join(", ", joined);
    }

    private static String phrase(String what, List<String> layers, String why) {
        String names = layers.size() + " layers: '" + String.join("', '", layers.subList(0, Math.min(NAMES_SHOWN, layers.size()))) + "'"
                        + (layers.size() > NAMES_SHOWN ? ", ..." : "");
        return what + " (" + names + (why.isEmpty() ? "" : "; " + why) + ")";
    }
}
