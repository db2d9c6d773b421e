package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasj.saving.ObjectRegistration;
import java.io.IOException;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A registered object's entry as JSON, for any kind of object (an activation here), and what counts as custom. */
class CustomObjectFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DoubleUnaryOperator SOFTSIGN = v -> v / (1 + Math.abs(v));

    @BeforeAll
    static void register() {
        ObjectRegistration.registerKerasSerializable("MyActivations", "softsign", SOFTSIGN);
    }

    @Test
    void aRegisteredFunctionRoundTripsThroughJson() {
        ObjectNode entry = CustomObjectFormat.write(SOFTSIGN, Map.of());
        assertThat(entry.get("class_name").asText()).isEqualTo("function");
        assertThat(entry.get("config").asText()).isEqualTo("MyActivations>softsign");
        assertThat(entry.get("registered_name").asText()).isEqualTo("MyActivations>softsign");
        assertThat(CustomObjectFormat.isCustom(entry)).isTrue();
        assertThat(CustomObjectFormat.lookup(entry)).isPresent();
        assertThat(CustomObjectFormat.read(entry, DoubleUnaryOperator.class)).isSameAs(SOFTSIGN);
    }

    @Test
    void kerasOwnObjectsAreNotCustomAndUnregisteredOnesAreNotFound() throws IOException {
        JsonNode zeros = JSON.readTree("{\"module\": \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, \"registered_name\": null}");
        JsonNode relu = JSON.readTree("{\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"relu\", \"registered_name\": \"function\"}");
        JsonNode keras2 = JSON.readTree("{\"class_name\": \"Nobody>Layer\", \"config\": {}}");
        JsonNode python = JSON.readTree("{\"module\": \"my_project.layers\", \"class_name\": \"Fancy\", \"config\": {}, \"registered_name\": \"Fancy\"}");
        assertThat(CustomObjectFormat.isCustom(zeros)).isFalse();
        assertThat(CustomObjectFormat.isCustom(relu)).isFalse();
        assertThat(CustomObjectFormat.isCustom(keras2)).isTrue();
        assertThat(CustomObjectFormat.isCustom(python)).isTrue();
        assertThat(CustomObjectFormat.lookup(keras2)).isEmpty();
        assertThatThrownBy(() -> CustomObjectFormat.read(python, Object.class))
                .hasMessageContaining("custom class Fancy (module my_project.layers) is not registered");
    }
}
