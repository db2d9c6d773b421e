package io.kerasj.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.PythonKeras;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KerasJ's table of Keras's ImageNet weight files against the Keras source itself: each application is called in
 * Python with {@code weights="imagenet"} and its {@code get_file} recorded (python-reference/applications_weights_table.py),
 * and the file name, URL and hash must be KerasJ's for the same variant.
 */
@Tag("python")
@Tag("slow")
class ImagenetWeightsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Case(String app, Map<String, Object> kwargs, PretrainedWeights java) {
    }

    @Test
    void fileNamesUrlsAndHashesAreKeras() throws Exception {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("mnv2_035_96_notop", new Case("MobileNetV2", Map.of("alpha", 0.35, "include_top", false, "input_shape", List.of(96, 96, 3)),
                ImagenetWeights.mobileNetV2(0.35, 96, false)));
        cases.put("mnv3s_min_notop", new Case("MobileNetV3Small", Map.of("minimalistic", true, "include_top", false,
                "input_shape", List.of(32, 32, 3)), ImagenetWeights.mobileNetV3(false, true, 1.0, false)));
        cases.put("effb0_named_notop", new Case("EfficientNetB0", Map.of("include_top", false, "input_shape", List.of(32, 32, 3),
                "name", "mine"), ImagenetWeights.efficientNet("b0", "mine", false)));
        var list = JSON.createArrayNode();
        cases.forEach((id, c) -> list.addObject().put("id", id).put("app", c.app()).set("kwargs", JSON.valueToTree(c.kwargs())));
        Path file = Files.writeString(tmp.resolve("cases.json"), list.toString());
        String out = PythonKeras.run(300, Map.of(), "applications_weights_table.py", file.toString());
        JsonNode all = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        JsonNode keras = all.get("cases");
        for (Map.Entry<String, Case> e : cases.entrySet()) {
            JsonNode k = keras.get(e.getKey());
            PretrainedWeights java = e.getValue().java();
            assertThat(java.fileName()).as(e.getKey()).isEqualTo(k.get("fname").asText());
            assertThat(java.origin()).as(e.getKey()).isEqualTo(k.get("origin").asText());
            assertThat(java.fileHash()).as(e.getKey()).isEqualTo(k.get("file_hash").isNull() ? null : k.get("file_hash").asText());
        }
        // the tables behind the variants the cases do not build (each build costs seconds in Python)
        assertThat(table(ImagenetWeights.MOBILENET_V3_HASHES)).isEqualTo(table(all.get("hashes").get("mobilenet_v3")));
        assertThat(table(ImagenetWeights.EFFICIENTNET_HASHES)).isEqualTo(table(all.get("hashes").get("efficientnet")));
        assertThat(ImagenetWeights.MOBILENET_V2).isEqualTo(all.get("bases").get("mobilenet_v2").asText());
        assertThat(ImagenetWeights.MOBILENET_V3).isEqualTo(all.get("bases").get("mobilenet_v3").asText());
        assertThat(ImagenetWeights.EFFICIENTNET).isEqualTo(all.get("bases").get("efficientnet").asText());
        for (String variant : List.of("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7")) {
            assertThat(ImagenetWeights.efficientNet(variant, "efficientnet" + variant, true).fileName()).isEqualTo("efficientnet" + variant + ".h5");
        }
    }

    private static Map<String, List<String>> table(Map<String, String[]> java) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        java.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    private static Map<String, List<String>> table(JsonNode keras) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        keras.fields().forEachRemaining(e -> out.put(e.getKey(), List.of(e.getValue().get(0).asText(), e.getValue().get(1).asText())));
        return out;
    }
}
