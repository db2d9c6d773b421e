package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.layers.Layer;
import io.kerasj.layers.RandomContrast;
import io.kerasj.layers.RandomRotation;
import io.kerasj.layers.RandomZoom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image layers' Keras configs: Keras 3's defaults and single-number factors read, bad options refused in one line. */
class ImagePreprocessingFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Layer read(String className, String configText, List<String> problems) throws Exception {
        JsonNode config = JSON.readTree(configText);
        return LayerRegistry.forKerasClass(className).orElseThrow()
                .read(new LayerConfig(className, config.path("name").asText(), config, JSON.createObjectNode()), null, problems);
    }

    @Test
    void readsKerasConfigsWithTheirDefaultsAndSingleFactors() throws Exception {
        List<String> problems = new ArrayList<>();
        RandomRotation rotation = (RandomRotation) read("RandomRotation", "{\"name\": \"r\", \"factor\": 0.25}", problems);
        assertThat(rotation.factor()).containsExactly(-0.25f, 0.25f);
        assertThat(rotation.fillMode()).isEqualTo("reflect");
        assertThat(rotation.interpolation()).isEqualTo("bilinear");
        assertThat(rotation.seed()).isNull();
        RandomZoom zoom = (RandomZoom) read("RandomZoom", "{\"name\": \"z\", \"height_factor\": [0.3, -0.2], \"seed\": 4}", problems);
        assertThat(zoom.heightFactor()).containsExactly(-0.2f, 0.3f);
        assertThat(zoom.widthFactor()).isNull();
        assertThat(zoom.seed()).isEqualTo(4L);
        RandomContrast contrast = (RandomContrast) read("RandomContrast", "{\"name\": \"c\", \"factor\": 0.5}", problems);
        assertThat(contrast.factor()).as("Keras 3: (0, f)").containsExactly(0f, 0.5f);
        assertThat(contrast.valueRange()).containsExactly(0f, 255f);
        assertThat(problems).isEmpty();
    }

    @Test
    void refusesWhatKerasJDoesNotDoInOneProblemEach() throws Exception {
        String[][] cases = {
            {"RandomFlip", "{\"name\": \"f\", \"mode\": \"diagonal\"}", "mode='diagonal'"},
            {"RandomFlip", "{\"name\": \"f\", \"data_format\": \"channels_first\"}", "data_format='channels_first'"},
            {"RandomRotation", "{\"name\": \"r\", \"factor\": 0.1, \"fill_mode\": \"mirror\"}", "fill_mode='mirror'"},
            {"RandomRotation", "{\"name\": \"r\"}", "factor missing"},
            {"RandomZoom", "{\"name\": \"z\", \"height_factor\": \"big\"}", "height_factor='big'"},
            {"RandomContrast", "{\"name\": \"c\", \"factor\": 0.1, \"value_range\": 7}", "value_range=7"},
            {"RandomBrightness", "{\"name\": \"b\", \"factor\": 3}", "factor"},
            {"Resizing", "{\"name\": \"s\", \"height\": 4, \"width\": 4, \"antialias\": true}", "antialias=true"},
            {"Resizing", "{\"name\": \"s\", \"height\": 4, \"width\": 4, \"pad_to_aspect_ratio\": true}", "pad_to_aspect_ratio"},
            {"Resizing", "{\"name\": \"s\", \"height\": 1000000000, \"width\": 4}", "height=1000000000"},
            {"CenterCrop", "{\"name\": \"c\", \"height\": -1, \"width\": 4}", "height=-1"},
            {"RandomCrop", "{\"name\": \"c\", \"height\": 3, \"width\": 4, \"seed\": \"x\"}", "seed='x'"},
        };
        for (String[] c : cases) {
            List<String> problems = new ArrayList<>();
            assertThat(read(c[0], c[1], problems)).as(c[1]).isNull();
            assertThat(problems).as(c[1]).hasSize(1);
            assertThat(problems.get(0)).as(c[1]).contains(c[0]).contains(c[2]);
        }
    }
}
