package io.kerasj.saving.keras;

import static io.kerasj.saving.keras.HostileModelFilesTest.dense;
import static io.kerasj.saving.keras.HostileModelFilesTest.functional;
import static io.kerasj.saving.keras.HostileModelFilesTest.inputLayer;
import static io.kerasj.saving.keras.HostileModelFilesTest.keras;
import static io.kerasj.saving.keras.HostileModelFilesTest.refusedQuickly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile graph configs: nodes that name unknown layers, node or tensor indices out of range, cycles, absurd numbers
 * of nodes, models nested absurdly deep. Each is refused quickly in one line naming the file, before any layer is
 * built or any weight read.
 */
class HostileGraphFilesTest {
    @TempDir
    Path tmp;

    private static String tensor(String layer, Object node, Object tensor) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"" + layer + "\", " + node + ", " + tensor + "]}}";
    }

    private static String layer(String className, String name, String args) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"" + className + "\", \"name\": \"" + name + "\", \"config\": {\"name\": \""
                + name + "\", \"units\": 3, \"activation\": \"linear\"}, \"inbound_nodes\": [{\"args\": [" + args + "], \"kwargs\": {}}]}";
    }

    private Path file(String name, String config) throws IOException {
        return keras(tmp.resolve(name + ".keras"), config, new byte[16]);
    }

    /** A .keras whose config.json is stored, not deflated: a large, repetitive config that is no zip bomb. */
    private Path stored(String name, String config) throws IOException {
        Path file = tmp.resolve(name + ".keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String[] e : new String[][] {{"config.json", config}, {"metadata.json", "{}"}, {"model.weights.h5", ""}}) {
                byte[] bytes = e[1].getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(e[0]);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void aNodeTakingTheOutputOfAnUnknownLayerIsRefused() throws IOException {
        Path file = file("ghost", functional("in", "add", inputLayer("in", 4), dense("a", 3, "in"),
                layer("Add", "add", "[" + tensor("a", 0, 0) + ", " + tensor("ghost", 0, 0) + "]")));
        refusedQuickly(file, "Add (layer 'add') (node 0) takes the output of 'ghost', which is no layer of model 'f'");
    }

    @Test
    void nodeAndTensorIndicesOutOfRangeAreRefused() throws IOException {
        refusedQuickly(file("node", functional("in", "b", inputLayer("in", 4), dense("a", 3, "in"), layer("Dense", "b", tensor("a", 5, 0)))),
                "takes the output of a[5][0]: layer 'a' has 1 node(s) in model 'f', node index 5 is out of range");
        refusedQuickly(file("negative", functional("in", "b", inputLayer("in", 4), dense("a", 3, "in"), layer("Dense", "b", tensor("a", -1, 0)))),
                "node index -1 is out of range");
        refusedQuickly(file("tensor", functional("in", "b", inputLayer("in", 4), dense("a", 3, "in"), layer("Dense", "b", tensor("a", 0, 3)))),
                "layer 'a' gives 1 output(s), tensor index 3 is out of range");
        refusedQuickly(file("input", functional("in", "b", inputLayer("in", 4), layer("Dense", "b", tensor("in", 1, 0)))),
                "layer 'in' has 1 node(s) in model 'f', node index 1 is out of range");
        refusedQuickly(file("text", functional("in", "b", inputLayer("in", 4), layer("Dense", "b", tensor("in", "\"0\"", 0)))),
                "Dense (layer 'b'): a node refers to [\"in\",\"0\",0], expected [layer name, node index, tensor index]");
        String badOutput = functional("in", "b", inputLayer("in", 4), dense("b", 3, "in")).replace("[\"b\", 0, 0]", "[\"b\", 2, 0]");
        refusedQuickly(file("output", badOutput), "the output of model 'f' is b[2][0]: layer 'b' has 1 node(s)");
    }

    @Test
    void aCycleIsRefusedNamingALayerThatWaitsForever() throws IOException {
        Path file = file("cycle", functional("in", "b", inputLayer("in", 4), dense("a", 3, "b"), dense("b", 3, "a")));
        refusedQuickly(file, "model 'f' has a cycle: layer 'a' (node 0) waits for [b[0][0]], which never exist");
    }

    @Test
    void aSharedLayerMayBeCalledTwiceButNotOnItsOwnLaterCall() throws IOException {
        // node 0 of 'a' takes node 1 of 'a': it can never run
        String nodes = "[{\"args\": [" + tensor("a", 1, 0) + "], \"kwargs\": {}}, {\"args\": [" + tensor("in", 0, 0) + "], \"kwargs\": {}}]";
        String a = dense("a", 4, "in").replaceFirst("\"inbound_nodes\": \\[.*\\]}$", "\"inbound_nodes\": " + nodes + "}");
        refusedQuickly(file("selfish", functional("in", "a", inputLayer("in", 4), a)), "has a cycle: layer 'a' (node 0) waits for [a[1][0]]");
    }

    @Test
    void absurdNumbersOfNodesAreRefusedBeforeAnyIsKept() throws IOException {
        String node = "{\"args\": [" + tensor("in", 0, 0) + "], \"kwargs\": {}}";
        String nodes = "[" + String.join(", ", Collections.nCopies(100_000, node)) + "]";
        String a = dense("a", 3, "in").replaceFirst("\"inbound_nodes\": \\[.*\\]}$", "\"inbound_nodes\": " + nodes + "}");
        refusedQuickly(stored("many", functional("in", "a", inputLayer("in", 4), a)),
                "Dense (layer 'a') has 100000 nodes (calls), expected at most 10000");

        List<String> layers = new ArrayList<>(List.of(inputLayer("in", 4)));
        String threeCalls = "[" + String.join(", ", Collections.nCopies(3, node)) + "]";
        for (int i = 0; i < 4_000; i++) {
            layers.add(dense("d" + i, 3, "in").replaceFirst("\"inbound_nodes\": \\[.*\\]}$", "\"inbound_nodes\": " + threeCalls + "}"));
        }
        refusedQuickly(stored("wide", functional("in", "d0", layers.toArray(String[]::new))),
                "the model has more than 10000 nodes (layer calls), expected at most 10000");
    }

    @Test
    void modelsNestedAbsurdlyDeepAreRefused() throws IOException {
        String inner = functional("in", "a", inputLayer("in", 4), dense("a", 3, "in"));
        for (int depth = 0; depth < 40; depth++) {
            String asLayer = inner.replaceFirst("^\\{", "{\"name\": \"m" + depth + "\", \"inbound_nodes\": "
                    + HostileModelFilesTest.inbound("in") + ", ").replaceFirst("\"name\": \"f\"", "\"name\": \"m" + depth + "\"");
            inner = functional("in", "m" + depth, inputLayer("in", 4), asLayer);
        }
        refusedQuickly(file("deep", inner), "is nested 33 models deep, expected at most 32");
    }

    @Test
    void pythonCodeInsideANestedModelIsRefusedBySafeMode() throws IOException {
        String lambda = "{\"module\": \"keras.layers\", \"class_name\": \"Lambda\", \"name\": \"code\", \"config\": {\"name\": \"code\", "
                + "\"function\": {\"class_name\": \"__lambda__\", \"config\": {\"code\": \"4wEAAAAAAAAA\"}}}, \"inbound_nodes\": "
                + HostileModelFilesTest.inbound("in") + "}";
        String nested = functional("in", "code", inputLayer("in", 4), lambda).replaceFirst("^\\{", "{\"name\": \"inner\", \"inbound_nodes\": "
                + HostileModelFilesTest.inbound("in") + ", ").replaceFirst("\"name\": \"f\"", "\"name\": \"inner\"");
        refusedQuickly(file("lambda", functional("in", "inner", inputLayer("in", 4), nested)), "safe_mode", "Lambda 'code'");
    }
}
