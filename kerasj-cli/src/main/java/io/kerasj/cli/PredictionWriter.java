package io.kerasj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Prints {@code kerasj predict}'s results as they come, one sample at a time: text ({@code file: Coat 0.8112,
 * Shirt 0.1520, ...}), JSON Lines (one object per sample, then one {@code {"evaluate": ...}}) or CSV (one row per
 * sample and rank: {@code input,rank,class,name,score}). A one-output model shows the class its output points to
 * ({@code > 0.5}) with the output itself.
 */
final class PredictionWriter {
    enum Format { TEXT, JSON, CSV }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final Format format;
    private final int topK;
    private final ClassNames names;

    PredictionWriter(PrintWriter out, Format format, int topK, ClassNames names) {
        this.out = out;
        this.format = format;
        this.topK = topK;
        this.names = names;
    }

    /** The settings in force, first: a text line, or a JSON object; nothing for CSV but its header. */
    void header(Map<String, Object> settings) {
        switch (format) {
            case TEXT -> {
                StringBuilder line = new StringBuilder("#");
                settings.forEach((k, v) -> line.append(' ').append(k).append(' ').append(v).append(';'));
                out.println(line.substring(0, line.length() - 1));
            }
            case JSON -> out.println(JSON.valueToTree(Map.of("settings", settings)).toString());
            case CSV -> out.println("input,rank,class,name,score");
        }
    }

    /**
     * @param id the sample's name
     * @param row the model's output for it
     */
    void sample(String id, float[] row) {
        int classes = row.length == 1 ? 2 : row.length;
        int[] order = row.length == 1 ? new int[] {row[0] > 0.5 ? 1 : 0}
                : IntStream.range(0, row.length).boxed().sorted(Comparator.comparingDouble(c -> -row[c]))
                        .limit(Math.min(topK, row.length)).mapToInt(Integer::intValue).toArray();
        switch (format) {
            case TEXT -> {
                StringBuilder line = new StringBuilder(id).append(':');
                for (int r = 0; r < order.length; r++) {
                    line.append(r == 0 ? " " : ", ").append(names.name(order[r], classes))
                            .append(String.format(Locale.ROOT, " %.4f", score(row, order[r])));
                }
                out.println(line);
            }
            case JSON -> {
                ObjectNode o = JSON.createObjectNode();
                o.put("input", id);
                ArrayNode top = o.putArray("top");
                for (int c : order) {
                    top.addObject().put("class", c).put("name", names.name(c, classes)).put("score", score(row, c));
                }
                ArrayNode outputs = o.putArray("outputs");
                for (float v : row) {
                    outputs.add(v);
                }
                out.println(o);
            }
            case CSV -> {
                for (int r = 0; r < order.length; r++) {
                    out.println(csv(id) + "," + (r + 1) + "," + order[r] + "," + csv(names.name(order[r], classes)) + ","
                            + score(row, order[r]));
                }
            }
        }
    }

    private static float score(float[] row, int c) {
        return row.length == 1 ? row[0] : row[c];
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The evaluation, last. */
    void evaluation(Map<String, Object> e) {
        if (format == Format.JSON) {
            out.println(JSON.valueToTree(Map.of("evaluate", e)).toString());
            return;
        }
        String prefix = format == Format.CSV ? "# " : "";
        Object accuracy = e.get("accuracy");
        out.println(prefix + (accuracy == null ? "accuracy: n/a" : String.format(Locale.ROOT, "accuracy: %.4f", (Double) accuracy))
                + " (" + e.get("images") + " samples)");
        out.println(prefix + (e.get("loss") == null ? "loss: n/a" : String.format(Locale.ROOT, "loss: %.4f", (Double) e.get("loss"))));
        if (e.get("note") != null) {
            out.println(prefix + "note: " + e.get("note"));
        }
    }

    /** The outputs saved by {@code --save-outputs}, last. */
    void saved(java.nio.file.Path file, Map<String, long[]> shapes) {
        if (format == Format.JSON) {
            ObjectNode o = JSON.createObjectNode();
            ObjectNode saved = o.putObject("saved_outputs");
            saved.put("file", file.toString());
            ObjectNode outputs = saved.putObject("outputs");
            shapes.forEach((name, shape) -> {
                ArrayNode dims = outputs.putArray(name);
                Arrays.stream(shape).forEach(dims::add);
            });
            out.println(o);
            return;
        }
        StringBuilder line = new StringBuilder(format == Format.CSV ? "# saved outputs" : "saved outputs");
        shapes.forEach((name, shape) -> line.append(' ').append(name).append(' ').append(shape(shape)).append(','));
        out.println(line.substring(0, line.length() - 1) + " to " + file);
    }

    static String shape(long[] shape) {
        return shape == null ? "unknown" : Arrays.toString(shape).replace(" ", "");
    }
}
