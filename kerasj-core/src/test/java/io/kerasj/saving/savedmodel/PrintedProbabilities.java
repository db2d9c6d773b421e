package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Checks predictions against the probabilities Python printed ({@code python_outputs.json}'s printed entries). */
final class PrintedProbabilities {
    private PrintedProbabilities() {
    }

    /** What a check covered. */
    record Result(double maxAbsDifference, int checked) {
    }

    /**
     * Asserts every printed entry within 1e-6 absolute or 1e-4 relative.
     *
     * @param pythonOutputs the parsed {@code python_outputs.json}
     * @param p the Java side's probabilities, one row per test image
     * @return the largest difference and the number of entries checked
     */
    static Result check(JsonNode pythonOutputs, float[][] p) {
        double maxAbs = 0;
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> rows = pythonOutputs.path("predict_printed_entries").path("rows").fields(); rows.hasNext(); ) {
            Map.Entry<String, JsonNode> row = rows.next();
            int r = Integer.parseInt(row.getKey().strip());
            for (Iterator<Map.Entry<String, JsonNode>> cols = row.getValue().fields(); cols.hasNext(); ) {
                Map.Entry<String, JsonNode> col = cols.next();
                double expected = col.getValue().asDouble();
                double actual = p[r][Integer.parseInt(col.getKey().strip())];
                double d = Math.abs(actual - expected);
                maxAbs = Math.max(maxAbs, d);
                assertThat(d <= 1e-6 || d <= 1e-4 * Math.abs(expected))
                        .as("p[%d][%s] = %s, Python printed %s", r, col.getKey(), actual, expected).isTrue();
                checked++;
            }
        }
        return new Result(maxAbs, checked);
    }
}
