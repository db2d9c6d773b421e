package io.kerasj.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The text of Keras's {@code model.summary()} for a sequential model, laid out exactly as TF 2.3's
 * {@code print_summary}: 65 columns, column stops at {@code int(65 * [.45, .85, 1.])} = 29, 55, 65; every row is
 * padded with spaces to the stops; a field longer than its column is cut at the stop, and the character before
 * each following field is forced to a space (Keras's {@code line = line[:-1] + ' '}); {@code _} lines between rows,
 * {@code =} lines after the header and the last row, totals with thousands separators.
 *
 * <p>Pure string formatting: the model supplies the rows.
 */
public final class Summary {

    /** Keras's {@code line_length} for sequential models. */
    public static final int LINE_LENGTH = 65;
    private static final double[] POSITIONS = {.45, .85, 1.0};
    private static final String[] HEADER = {"Layer (type)", "Output Shape", "Param #"};

    /**
     * One layer of the summary.
     *
     * @param name the layer's name, e.g. {@code dense_1}
     * @param className the layer's class, e.g. {@code Dense}
     * @param outputShape the output shape, a {@code -1} dimension printed as {@code None}; null prints
     *        {@code multiple}, as Keras does for a layer with several outputs
     * @param params the layer's parameter count
     */
    public record Row(String name, String className, long[] outputShape, long params) {

        /**
         * @param name the layer's name
         * @param className the layer's class
         * @param outputShape the output shape, {@code -1} for None, or null
         * @param params the parameter count
         */
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(className, "className");
            outputShape = outputShape == null ? null : outputShape.clone();
        }

        /** @return a copy of the output shape, or null */
        @Override
        public long[] outputShape() {
            return outputShape == null ? null : outputShape.clone();
        }
    }

    private Summary() {
    }

    /**
     * @param modelName the model's name, e.g. {@code sequential}
     * @param rows the layers in order
     * @param trainableParams the trainable parameter count
     * @param nonTrainableParams the non-trainable parameter count
     * @return the summary, each line ending in {@code \n}
     */
    public static String format(String modelName, List<Row> rows, long trainableParams, long nonTrainableParams) {
        return format(modelName, rows, trainableParams, nonTrainableParams, LINE_LENGTH);
    }

    /**
     * @param modelName the model's name, e.g. {@code sequential}
     * @param rows the layers in order
     * @param trainableParams the trainable parameter count
     * @param nonTrainableParams the non-trainable parameter count
     * @param lineLength the total width (Keras's {@code line_length}); the column stops scale with it
     * @return the summary, each line ending in {@code \n}
     * @throws IllegalArgumentException if lineLength is too small to hold three columns
     */
    public static String format(String modelName, List<Row> rows, long trainableParams, long nonTrainableParams,
            int lineLength) {
        List<GraphRow> graphRows = new ArrayList<>();
        for (Row r : rows) {
            graphRows.add(new GraphRow(r.name(), r.className(), shape(r.outputShape()), r.params(), List.of()));
        }
        return formatChain(modelName, graphRows, trainableParams, nonTrainableParams, lineLength);
    }

    /**
     * The three-column layout with each row's output shape as printed ({@code [(None, 8)]} for an InputLayer).
     *
     * @param modelName the model's name
     * @param rows the layers in order (their connections are not printed)
     * @param trainableParams the trainable parameter count
     * @param nonTrainableParams the non-trainable parameter count
     * @param lineLength the total width; the column stops scale with it
     * @return the summary, each line ending in {@code \n}
     */
    public static String formatChain(String modelName, List<GraphRow> rows, long trainableParams, long nonTrainableParams,
            int lineLength) {
        if (lineLength < 3) {
            throw new IllegalArgumentException("expected lineLength >= 3, found " + lineLength);
        }
        int[] positions = new int[POSITIONS.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (int) (lineLength * POSITIONS[i]);
        }
        List<String> lines = new ArrayList<>();
        lines.add("Model: \"" + modelName + "\"");
        lines.add("_".repeat(lineLength));
        lines.add(row(HEADER, positions));
        lines.add("=".repeat(lineLength));
        for (int i = 0; i < rows.size(); i++) {
            GraphRow r = rows.get(i);
            lines.add(row(new String[] {r.name() + " (" + r.className() + ")", r.outputShape(), Long.toString(r.params())}, positions));
            lines.add((i == rows.size() - 1 ? "=" : "_").repeat(lineLength));
        }
        totals(lines, trainableParams, nonTrainableParams, lineLength);
        return String.join("\n", lines) + "\n";
    }

    private static void totals(List<String> lines, long trainableParams, long nonTrainableParams, int lineLength) {
        lines.add(String.format(Locale.ROOT, "Total params: %,d", trainableParams + nonTrainableParams));
        lines.add(String.format(Locale.ROOT, "Trainable params: %,d", trainableParams));
        lines.add(String.format(Locale.ROOT, "Non-trainable params: %,d", nonTrainableParams));
        lines.add("_".repeat(lineLength));
    }

    /**
     * One layer of a graph's summary, with what it is connected to.
     *
     * @param name the layer's name
     * @param className the layer's class
     * @param outputShape the output shape as printed ({@code (None, 30)}, {@code [(None, 8)]}, {@code multiple})
     * @param params the parameter count
     * @param connections each input of each of its calls, as {@code dense[0][0]}
     */
    public record GraphRow(String name, String className, String outputShape, long params, List<String> connections) {
        /** Copies the connections. */
        public GraphRow {
            connections = List.copyOf(connections);
        }
    }

    /** TF 2.3's {@code line_length} for a graph's summary. */
    public static final int GRAPH_LINE_LENGTH = 98;
    private static final double[] GRAPH_POSITIONS = {.33, .55, .67, 1.0};
    private static final String[] GRAPH_HEADER = {"Layer (type)", "Output Shape", "Param #", "Connected to"};

    /**
     * TF 2.3's summary of a model that is not a chain: four columns, the fourth each layer's first connection and
     * its further connections on rows of their own.
     *
     * @param modelName the model's name
     * @param rows the layers in order
     * @param trainableParams the trainable parameter count
     * @param nonTrainableParams the non-trainable parameter count
     * @return the summary, each line ending in {@code \n}
     */
    public static String formatGraph(String modelName, List<GraphRow> rows, long trainableParams, long nonTrainableParams) {
        int[] positions = new int[GRAPH_POSITIONS.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (int) (GRAPH_LINE_LENGTH * GRAPH_POSITIONS[i]);
        }
        List<String> lines = new ArrayList<>();
        lines.add("Model: \"" + modelName + "\"");
        lines.add("_".repeat(GRAPH_LINE_LENGTH));
        lines.add(row(GRAPH_HEADER, positions));
        lines.add("=".repeat(GRAPH_LINE_LENGTH));
        for (int i = 0; i < rows.size(); i++) {
            GraphRow r = rows.get(i);
            List<String> connections = r.connections();
            lines.add(row(new String[] {r.name() + " (" + r.className() + ")", r.outputShape(), Long.toString(r.params()),
                connections.isEmpty() ? "" : connections.get(0)}, positions));
            for (int c = 1; c < connections.size(); c++) {
                lines.add(row(new String[] {"", "", "", connections.get(c)}, positions));
            }
            lines.add((i == rows.size() - 1 ? "=" : "_").repeat(GRAPH_LINE_LENGTH));
        }
        totals(lines, trainableParams, nonTrainableParams, GRAPH_LINE_LENGTH);
        return String.join("\n", lines) + "\n";
    }

    /**
     * @param shape dimensions, {@code -1} for an unknown one, or null
     * @return Python's {@code str} of the shape tuple: {@code (None, 784)}, {@code (None,)}, {@code ()}, or
     *         {@code multiple} for null
     */
    public static String shape(long[] shape) {
        if (shape == null) {
            return "multiple";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(shape[i] < 0 ? "None" : Long.toString(shape[i]));
        }
        if (shape.length == 1) {
            text.append(',');
        }
        return text.append(')').toString();
    }

    /** Keras's {@code print_row}: append, cut at the stop, pad to the stop; a space always separates fields. */
    private static String row(String[] fields, int[] positions) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0 && line.length() > 0) {
                line.setCharAt(line.length() - 1, ' ');
            }
            line.append(fields[i]);
            if (line.length() > positions[i]) {
                line.setLength(positions[i]);
            }
            while (line.length() < positions[i]) {
                line.append(' ');
            }
        }
        return line.toString();
    }
}
