package io.kerasj.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.PythonKeras;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * KerasJ's table of the ImageNet files of ResNet, VGG, InceptionV3, DenseNet and Xception against the Keras source
 * (python-reference/classic_weights_table.py): every {@code get_file} call of each module, in source order (with the
 * top, then without; DenseNet 121, 169, 201 each way), resnet's hash table and base URL, and the file ResNet50V2
 * without the top asks for at run time.
 */
@Tag("python")
class ClassicImagenetWeightsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fileNamesUrlsAndHashesAreKeras() throws Exception {
        String out = PythonKeras.run(300, Map.of(), "classic_weights_table.py");
        JsonNode keras = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        JsonNode calls = keras.get("calls");
        sameCalls(calls.get("vgg16"), ClassicImagenetWeights.vgg(16, true), ClassicImagenetWeights.vgg(16, false));
        sameCalls(calls.get("vgg19"), ClassicImagenetWeights.vgg(19, true), ClassicImagenetWeights.vgg(19, false));
        sameCalls(calls.get("inception_v3"), ClassicImagenetWeights.inceptionV3(true), ClassicImagenetWeights.inceptionV3(false));
        sameCalls(calls.get("xception"), ClassicImagenetWeights.xception(true), ClassicImagenetWeights.xception(false));
        sameCalls(calls.get("densenet"), ClassicImagenetWeights.denseNet(121, true), ClassicImagenetWeights.denseNet(169, true),
                ClassicImagenetWeights.denseNet(201, true), ClassicImagenetWeights.denseNet(121, false),
                ClassicImagenetWeights.denseNet(169, false), ClassicImagenetWeights.denseNet(201, false));

        Map<String, List<String>> javaHashes = new TreeMap<>();
        ClassicImagenetWeights.RESNET_HASHES.forEach((k, v) -> javaHashes.put(k, List.of(v)));
        Map<String, List<String>> kerasHashes = new TreeMap<>();
        keras.get("resnet_hashes").fields().forEachRemaining(e -> kerasHashes.put(e.getKey(),
                List.of(e.getValue().get(0).asText(), e.getValue().get(1).asText())));
        assertThat(javaHashes).isEqualTo(kerasHashes);
        assertThat(ClassicImagenetWeights.RESNET).isEqualTo(keras.get("resnet_base").asText());
        sameCalls(JSON.createArrayNode().add(keras.get("resnet50v2_notop")), ClassicImagenetWeights.resNet("resnet50v2", false));
        assertThat(ClassicImagenetWeights.resNet("resnet152", true).fileName()).isEqualTo("resnet152_weights_tf_dim_ordering_tf_kernels.h5");
    }

    private static void sameCalls(JsonNode keras, PretrainedWeights... java) {
        List<List<String>> expected = new ArrayList<>();
        keras.forEach(c -> expected.add(List.of(c.get("fname").asText(), c.get("origin").asText(), c.get("file_hash").asText())));
        assertThat(List.of(java).stream().map(w -> List.of(w.fileName(), w.origin(), w.fileHash())).toList()).isEqualTo(expected);
    }
}
