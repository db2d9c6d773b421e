package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kerasj predict --allow-unsafe} (and {@code serve}'s) is Keras's {@code safe_mode=False}: without it a {@code .keras} file naming a
 * custom loss nobody registered is refused in one line that names it and the flag; with it the model runs
 * (uncompiled); a Lambda layer never loads, flag or not.
 */
class PredictSafeModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path model;
    private Path csv;

    @BeforeEach
    void saveAModel() throws IOException {
        model = tmp.resolve("model.keras");
        try (Sequential sequential = new Sequential()) {
            sequential.add(new Input(4)).add(new Dense(3, "softmax"));
            sequential.compile(CompileOptions.defaults().optimizer("sgd").loss("sparse_categorical_crossentropy"));
            sequential.save(model);
        }
        csv = Files.writeString(tmp.resolve("rows.csv"), "a,b,c,d\n0.1,0.2,0.3,0.4\n1,2,3,4\n");
    }

    @Test
    void aCustomLossThatIsNotRegisteredNeedsAllowUnsafeAndThenTheModelRuns() throws IOException {
        Path custom = rewrite("custom_loss.keras", root -> ((ObjectNode) root.get("compile_config")).set("loss",
                JSON.createObjectNode().put("module", "my_losses").put("class_name", "function").put("config", "my_loss")
                        .put("registered_name", "my_loss")));
        KerasJTest.Run refused = KerasJTest.run("predict", "--model", custom.toString(), "--input", csv.toString(), "--scale", "1");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines()).singleElement().asString().startsWith("kerasj: error: " + custom + ": ")
                .contains("safe_mode", "unregistered custom function my_loss (module my_losses)", "--allow-unsafe")
                .doesNotContain("safe_mode=false");
        KerasJTest.Run serve = KerasJTest.run("serve", "--model", custom.toString(), "--port", "0");
        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.err().lines()).singleElement().asString().contains("unregistered custom function my_loss", "--allow-unsafe");
        KerasJTest.Run unsafe = KerasJTest.run("predict", "--model", custom.toString(), "--input", csv.toString(), "--scale", "1",
                "--allow-unsafe", "--json");
        assertThat(unsafe.exitCode()).as(unsafe.err()).isZero();
        assertThat(unsafe.out().strip().lines()).hasSize(3);
    }

    @Test
    void aLambdaLayerIsRefusedEvenWithAllowUnsafe() throws IOException {
        Path lambda = rewrite("lambda.keras", root -> {
            ObjectNode dense = (ObjectNode) root.get("config").get("layers").get(1);
            dense.put("class_name", "Lambda");
            ((ObjectNode) dense.get("config")).set("function", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("class_name", "__lambda__").set("config", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                            .put("value", "4wEAAAAAAAAA")));
        });
        for (String[] flags : new String[][] {{}, {"--allow-unsafe"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("predict", "--model", lambda.toString(),
                    "--input", csv.toString(), "--scale", "1"));
            args.addAll(java.util.List.of(flags));
            KerasJTest.Run run = KerasJTest.run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", flags)).isEqualTo(1);
            assertThat(run.err().lines()).singleElement().asString().contains("Lambda").contains(flags.length == 0
                    ? "Python code in Lambda 'dense'" : "its function is Python bytecode, which is never loaded");
        }
    }

    private Path rewrite(String name, Consumer<JsonNode> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(model); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        JsonNode root = JSON.readTree(entries.get("config.json"));
        edit.accept(root);
        entries.put("config.json", JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
        Path out = tmp.resolve(name);
        try (OutputStream stream = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(stream)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }
}
