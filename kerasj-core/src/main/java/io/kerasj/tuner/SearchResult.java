package io.kerasj.tuner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a search found: every trial (this run's and those a previous run finished), as a table, the best trial's
 * hyperparameters and the best model's file.
 *
 * @param objective what was optimized
 * @param space the search space
 * @param trials the finished trials, by number
 * @param bestModel the best model's {@code .keras} file, or null when no trial completed
 * @param ranThisTime how many trials this run trained (the others were finished before)
 */
public record SearchResult(Objective objective, List<HyperParameter> space, List<TrialResult> trials, Path bestModel,
                           int ranThisTime) {

    /** Copies the lists. */
    public SearchResult {
        space = List.copyOf(space);
        trials = List.copyOf(trials);
    }

    /** @return the completed trial with the best score (the first of equals), if any completed */
    public Optional<TrialResult> best() {
        TrialResult best = null;
        for (TrialResult t : trials) {
            if (t.completed() && (best == null || objective.better(t.score(), best.score()))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * @return the best trial's hyperparameters, Keras Tuner's {@code get_best_hyperparameters()[0]}
     * @throws IllegalStateException when no trial completed
     */
    public HyperParameters bestHyperparameters() {
        TrialResult best = best().orElseThrow(() -> new IllegalStateException("no trial completed"));
        return HyperParameters.of(space, best.hyperparameters());
    }

    /** @return the table's columns: {@code trial_id}, each hyperparameter, {@code score}, {@code best_epoch}, {@code status}, {@code seconds}, {@code error} */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add("trial_id");
        space.forEach(p -> columns.add(p.name()));
        columns.addAll(List.of("score", "best_epoch", "status", "seconds", "error"));
        return columns;
    }

    /** @return one row per trial, by number, in {@link #columns()}' order (a failed trial's score is NaN) */
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (TrialResult t : trials) {
            List<Object> row = new ArrayList<>();
            row.add(t.id());
            space.forEach(p -> row.add(t.hyperparameters().get(p.name())));
            row.add(t.score());
            row.add(t.bestEpoch());
            row.add(t.status().name());
            row.add(t.seconds());
            row.add(t.error());
            rows.add(row);
        }
        return rows;
    }

    /** @return the table as CSV (RFC 4180 quoting), a header then one line per trial */
    public String csv() {
        StringBuilder out = new StringBuilder(String.join(",", columns())).append('\n');
        for (List<Object> row : rows()) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
                cells.add(csvCell(cell));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String csvCell(Object cell) {
        if (cell == null || (cell instanceof Double d && d.isNaN())) {
            return "";
        }
        String s = String.valueOf(cell);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** @return the table for a console, best trial first (failed trials last), as Keras Tuner's {@code results_summary} orders them */
    public String table() {
        List<TrialResult> ordered = new ArrayList<>(trials);
        ordered.sort(Comparator.comparing((TrialResult t) -> !t.completed()).thenComparing((a, b) ->
                objective.better(a.score(), b.score()) ? -1 : objective.better(b.score(), a.score()) ? 1 : 0));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s", "trial"));
        space.forEach(p -> out.append(String.format(Locale.ROOT, " %14s", p.name())));
        out.append(String.format(Locale.ROOT, " %12s %6s %8s%n", objective.name(), "epoch", "seconds"));
        for (TrialResult t : ordered) {
            out.append(String.format(Locale.ROOT, "%-6s", t.id()));
            space.forEach(p -> out.append(String.format(Locale.ROOT, " %14s", format(t.hyperparameters().get(p.name())))));
            out.append(t.completed()
                    ? String.format(Locale.ROOT, " %12.6f %6d %8.1f%n", t.score(), t.bestEpoch() + 1, t.seconds())
                    : String.format(Locale.ROOT, " %12s %6s %8.1f  %s%n", "failed", "-", t.seconds(), t.error()));
        }
        return out.toString();
    }

    private static String format(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(value);
    }
}
