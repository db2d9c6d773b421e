package io.kerasj.saving.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.engine.CompileConfig;
import io.kerasj.models.Sequential;
import io.kerasj.testing.PythonKeras;
import io.kerasj.losses.Loss;
import io.kerasj.metrics.Metric;
import io.kerasj.optimizers.Optimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The matrix of {@link CompileRoundTripTest}, made once per test JVM under {@code target/compile-roundtrip}: one
 * case per loss, metric and optimizer identifier Keras 3 accepts (by name, as an object with its defaults, or as an
 * object with arguments), listed in {@code keras-compile-identifiers.json}. A case is KerasJ's when KerasJ's own
 * resolvers take it ({@link Loss#of}, {@link Metric#of}, {@link Optimizer#of}, the {@code compile_config} readers),
 * so a loss or metric added to KerasJ joins the matrix by itself. KerasJ saves a {@code .keras} file for each of its
 * cases; then one Python process compiles and saves each case in Keras and loads KerasJ's files
 * ({@code python-reference/compile_roundtrip.py}).
 */
final class CompileRoundTrip {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_LOSS = "categorical_crossentropy";
    static final String DEFAULT_OPTIMIZER = "adam";
    static final long[] OUTPUT = {3};

    /**
     * Cases KerasJ refuses on the matrix's 3-unit model by design, with the reason: Keras 3 takes them (its result is
     * a vector), KerasJ's logs hold one number per metric. Their Keras files must load uncompiled with a warning.
     */
    static final Map<String, String> REFUSED_BY_DESIGN = Map.of(
            "metric-name-F1Score", "F1Score average=None gives one score per unit (3 here), a History holds one number",
            "metric-name-f1_score", "F1Score average=None gives one score per unit (3 here), a History holds one number",
            "metric-object-F1Score", "F1Score average=None gives one score per unit (3 here), a History holds one number");

    /**
     * One compile argument.
     *
     * @param id a file-name-safe id
     * @param kind loss, metric or optimizer
     * @param form name or object
     * @param identifier the name, or the class name of an object
     * @param config an object's arguments ({} for its defaults)
     */
    record Case(String id, String kind, String form, String identifier, ObjectNode config) {
        @Override
        public String toString() {
            return kind + " " + (form.equals("name") ? "'" + identifier + "'" : identifier + config);
        }

        /** @return KerasJ's compile for this case, or null when KerasJ lacks it */
        CompileConfig javaConfig() {
            List<String> problems = new ArrayList<>();
            try {
                Loss loss = Loss.of(DEFAULT_LOSS);
                String lossId = DEFAULT_LOSS;
                Optimizer optimizer = Optimizer.of(DEFAULT_OPTIMIZER);
                List<Metric> metrics = List.of();
                ObjectNode object = JSON.createObjectNode().put("class_name", identifier);
                object.set("config", config);
                switch (kind) {
                    case "loss" -> {
                        loss = form.equals("name") ? Loss.of(identifier) : LossConfigs.read(object, problems);
                        lossId = form.equals("name") ? identifier : null;
                    }
                    case "metric" -> {
                        Metric metric = form.equals("name") ? Metric.of(identifier, loss.takesClassIndices(), OUTPUT[0])
                                : MetricConfigs.read(object, loss.takesClassIndices(), OUTPUT[0], problems);
                        metrics = metric == null ? List.of() : List.of(metric);
                    }
                    default -> optimizer = form.equals("name") ? Optimizer.of(identifier) : OptimizerConfigs.read(object, problems);
                }
                if (!problems.isEmpty() || loss == null || optimizer == null) {
                    return null;
                }
                for (Metric m : metrics) {
                    try {
                        m.stateSize(OUTPUT);   // what compile checks
                    } catch (IllegalArgumentException e) {
                        if (REFUSED_BY_DESIGN.containsKey(id)) {
                            return null;
                        }
                        throw new IllegalStateException(this + " resolves but does not fit the matrix's model: " + e.getMessage()
                                + " (list it in REFUSED_BY_DESIGN with the reason, or fix KerasJ)", e);
                    }
                }
                return new CompileConfig(loss, optimizer, metrics, lossId);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private static Map<String, Case> cases;
    private static Path dir;
    private static JsonNode keras;

    private CompileRoundTrip() {
    }

    /** @return every case of the identifier list, KerasJ's and not */
    static synchronized Map<String, Case> cases() {
        if (cases == null) {
            cases = readCases();
        }
        return cases;
    }

    /** @return the folder of the matrix's files */
    static synchronized Path dir() {
        if (dir == null) {
            dir = PythonKeras.repoRoot().resolve("target").resolve("compile-roundtrip");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** @return KerasJ's file of a case (saved on first use), or null when KerasJ lacks the case */
    static synchronized Path javaFile(Case c) {
        CompileConfig config = c.javaConfig();
        if (config == null) {
            return null;
        }
        Path file = dir().resolve("java-" + c.id() + ".keras");
        if (!Files.exists(file)) {
            try (Sequential model = model()) {
                model.compile(config);
                KerasFiles.save(model, file, true);
            }
        }
        return file;
    }

    /** @return the small model every case compiles: 4 inputs, 3 softmax outputs, as the Python side builds it */
    static Sequential model() {
        Sequential model = new Sequential(1);
        model.add(new Flatten(4));
        model.add(new Dense(3, "softmax"));
        return model;
    }

    /** @return Keras's results ({"registry": ..., "cases": {id: ...}}), running Python once for the whole matrix */
    static synchronized JsonNode keras() throws IOException {
        if (keras == null) {
            ArrayNode list = JSON.createArrayNode();
            for (Case c : cases().values()) {
                ObjectNode o = JSON.valueToTree(Map.of("id", c.id(), "kind", c.kind(), "form", c.form(), "identifier", c.identifier()));
                o.set("config", c.config());
                Path file = javaFile(c);
                if (file != null) {
                    o.put("java_file", file.toString());
                }
                list.add(o);
            }
            Path casesFile = dir().resolve("cases.json");
            JSON.writeValue(casesFile.toFile(), list);
            String out = PythonKeras.run(600, Map.of(), "compile_roundtrip.py", casesFile.toString(),
                    dir().resolve("keras").toString());
            keras = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        }
        return keras;
    }

    /** @return the {@code compile_config} a {@code .keras} file holds */
    static JsonNode compileConfig(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry("config.json"))) {
            return JSON.readTree(in).get("compile_config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the identifier list as Keras 3.15 has it */
    static JsonNode identifiers() {
        try (InputStream in = CompileRoundTrip.class.getResourceAsStream("keras-compile-identifiers.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Case> readCases() {
        JsonNode list = identifiers();
        Map<String, Case> out = new LinkedHashMap<>();
        for (String kind : List.of("loss", "metric", "optimizer")) {
            for (JsonNode name : list.path("names").path(kind)) {
                add(out, kind, "name", name.asText(), JSON.createObjectNode());
                if (!kind.equals("optimizer") && Character.isUpperCase(name.asText().charAt(0))) {
                    add(out, kind, "object", name.asText(), JSON.createObjectNode());
                }
            }
            for (JsonNode name : list.path("objects").path(kind)) {
                add(out, kind, "object", name.asText(), JSON.createObjectNode());
            }
        }
        for (JsonNode o : list.path("objects_with_arguments")) {
            add(out, o.get("kind").asText(), "object", o.get("identifier").asText(), (ObjectNode) o.get("config"));
        }
        return out;
    }

    private static void add(Map<String, Case> out, String kind, String form, String identifier, ObjectNode config) {
        String base = kind + "-" + form + "-" + identifier + (config.isEmpty() ? "" : "-args");
        String id = base;
        for (int i = 2; out.containsKey(id); i++) {
            id = base + i;
        }
        out.put(id, new Case(id, kind, form, identifier, config));
    }
}
