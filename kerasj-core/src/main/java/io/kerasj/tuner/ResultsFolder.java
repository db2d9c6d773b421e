package io.kerasj.tuner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kerasj.io.AtomicFiles;
import io.kerasj.io.OutputKind;
import io.kerasj.io.OutputRefusedException;
import io.kerasj.io.OwnedOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A search's results folder, KerasJ's own (marked by {@value OwnedOutputs#TUNER_MARKER}): {@code search.json} (what
 * was searched), one {@code trial_0003.json} per finished trial (its values, its History per execution, its metrics
 * and score), {@code results.csv} (the table), {@code best_model.keras} and the TensorBoard logs. Every file is
 * written whole ({@link AtomicFiles}); a trial counts as finished once its {@code trial_*.json} is there, so a
 * search killed and started again runs only the others. Only the search that holds the folder's
 * {@link io.kerasj.io.OutputLock} writes here.
 */
final class ResultsFolder {
    static final String SEARCH_FILE = "search.json";
    static final String TABLE_FILE = "results.csv";
    static final String BEST_MODEL_FILE = "best_model.keras";
    static final String TENSORBOARD_DIR = "tensorboard";
    /** The largest trial file read back (a History of many epochs and executions is far smaller). */
    private static final long MAX_TRIAL_BYTES = 16L << 20;
    private static final Pattern TRIAL_FILE = Pattern.compile("trial_(\\d{4,})\\.json");
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.tmp-\\d+-\\d+|\\.tmp-\\d+-\\d+-.+");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    private ResultsFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens a results folder for a search: a new (absent or empty) folder is made KerasJ's; one holding the same
     * search is resumed; with {@code overwrite} (Keras Tuner's: start afresh) one holding any KerasJ search is emptied
     * first. Anything else is refused before any work, left untouched.
     *
     * @param dir the folder
     * @param search what is searched ({@code search.json}'s content)
     * @param overwrite whether an existing KerasJ results folder is emptied rather than resumed
     * @return the folder, with the temporaries a killed write left removed
     * @throws OutputRefusedException when the folder may not be written
     */
    static ResultsFolder open(Path dir, Map<String, Object> search, boolean overwrite) throws IOException {
        OwnedOutputs.checkWritable(dir, OutputKind.TUNER_RESULTS, true, "overwrite=true");
        Path marker = dir.resolve(OwnedOutputs.TUNER_MARKER);
        Path searchFile = dir.resolve(SEARCH_FILE);
        if (Files.exists(marker) && overwrite) {
            clear(dir);
        } else if (Files.exists(marker) && Files.exists(searchFile)) {
            if (Files.size(searchFile) > MAX_TRIAL_BYTES) {
                throw new IOException(searchFile + ": larger than a search file (" + MAX_TRIAL_BYTES + " bytes)");
            }
            JsonNode recorded = JSON.readTree(searchFile.toFile());
            JsonNode wanted = JSON.readTree(JSON.writeValueAsString(search));
            if (!wanted.equals(recorded)) {
                throw new OutputRefusedException(dir + ": holds the results of another search (" + difference(recorded, wanted)
                        + "); pass overwrite=true to replace them, or name another folder");
            }
        }
        Files.createDirectories(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (TEMPORARY.matcher(p.getFileName().toString()).matches()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (!Files.exists(marker)) {
            Files.writeString(marker, OwnedOutputs.TUNER_MARKER + "\n");
        }
        if (!Files.exists(searchFile)) {
            AtomicFiles.write(searchFile, out -> JSON.writeValue(out, search));
        }
        return new ResultsFolder(dir);
    }

    private static String difference(JsonNode recorded, JsonNode wanted) {
        for (Iterator<String> it = wanted.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!wanted.get(field).equals(recorded.get(field))) {
                return field + " " + recorded.get(field) + ", not " + wanted.get(field);
            }
        }
        return "recorded " + recorded;
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!p.getFileName().toString().equals(OwnedOutputs.TUNER_MARKER)) {
                    AtomicFiles.deleteRecursively(p);
                }
            }
        }
    }

    /** @return the folder */
    Path dir() {
        return dir;
    }

    /** @return the TensorBoard logs' folder */
    Path tensorboard() {
        return dir.resolve(TENSORBOARD_DIR);
    }

    /** @return the best model's file (absent until a trial completes) */
    Path bestModel() {
        return dir.resolve(BEST_MODEL_FILE);
    }

    /** @return the finished trials by number, as their files hold them */
    TreeMap<Integer, TrialResult> finishedTrials() throws IOException {
        TreeMap<Integer, TrialResult> trials = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Matcher m = TRIAL_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    if (Files.size(p) > MAX_TRIAL_BYTES) {
                        throw new IOException(p + ": larger than a trial file (" + MAX_TRIAL_BYTES + " bytes)");
                    }
                    TrialResult trial;
                    try {
                        trial = readTrial(JSON.readTree(p.toFile()));
                    } catch (RuntimeException e) {
                        throw new IOException(p + ": not a trial file KerasJ wrote (" + e.getMessage() + ")", e);
                    }
                    trials.put(trial.number(), trial);
                }
            }
        }
        return trials;
    }

    /** Writes a finished trial's file: from then on it counts as finished. */
    void writeTrial(TrialResult trial) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("trial_id", trial.id());
        json.put("hyperparameters", trial.hyperparameters());
        json.put("status", trial.status().name());
        json.put("metrics", finite(trial.metrics()));
        json.put("score", finiteOrNull(trial.score()));
        json.put("best_epoch", trial.bestEpoch());
        json.put("seconds", trial.seconds());
        json.put("error", trial.error());
        List<Map<String, List<Double>>> executions = new ArrayList<>();
        for (Map<String, List<Double>> h : trial.executions()) {
            Map<String, List<Double>> clean = new LinkedHashMap<>();
            h.forEach((k, v) -> clean.put(k, v.stream().map(ResultsFolder::finiteOrNull).toList()));
            executions.add(clean);
        }
        json.put("executions", executions);
        AtomicFiles.write(dir.resolve("trial_" + trial.id() + ".json"), out -> JSON.writeValue(out, json));
    }

    /** Writes the best model's {@code .keras} bytes. */
    void writeBestModel(byte[] keras) throws IOException {
        AtomicFiles.write(bestModel(), out -> out.write(keras));
    }

    /** Rewrites {@code results.csv} from the finished trials. */
    void writeTable(SearchResult result) throws IOException {
        AtomicFiles.writeString(dir.resolve(TABLE_FILE), result.csv());
    }

    private TrialResult readTrial(JsonNode node) {
        Map<String, Object> values = new LinkedHashMap<>();
        node.path("hyperparameters").fields().forEachRemaining(e -> values.put(e.getKey(), scalar(e.getValue())));
        Map<String, Double> metrics = new LinkedHashMap<>();
        node.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), number(e.getValue())));
        List<Map<String, List<Double>>> executions = new ArrayList<>();
        for (JsonNode h : node.path("executions")) {
            Map<String, List<Double>> history = new LinkedHashMap<>();
            h.fields().forEachRemaining(e -> {
                List<Double> v = new ArrayList<>();
                e.getValue().forEach(x -> v.add(number(x)));
                history.put(e.getKey(), v);
            });
            executions.add(history);
        }
        TrialStatus status = TrialStatus.valueOf(node.path("status").asText("FAILED").toUpperCase(Locale.ROOT));
        return new TrialResult(Integer.parseInt(node.path("trial_id").asText()), values, status, executions, metrics,
                number(node.path("score")), node.path("best_epoch").asInt(-1),
                node.path("error").isNull() ? null : node.path("error").asText(null), node.path("seconds").asDouble(), null);
    }

    private static Object scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.asText();
    }

    private static double number(JsonNode v) {
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    private static Double finiteOrNull(Double v) {
        return v == null || Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static Map<String, Double> finite(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, finiteOrNull(v)));
        return out;
    }
}
