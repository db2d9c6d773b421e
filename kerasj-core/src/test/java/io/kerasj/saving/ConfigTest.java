package io.kerasj.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Config}: a typed view of a JSON config, refusing what is not of the asked type in one clear message. */
class ConfigTest {
    private static final Config CONFIG = Config.of(map(
            "name", "scaled", "units", 3, "big", 5_000_000_000L, "scale", 0.5, "whole", 4.0, "trainable", true,
            "shape", List.of(2, 3), "nested", Map.of("class_name", "Zeros", "config", Map.of()), "nothing", null));

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void typedGettersReadJsonValues() {
        assertThat(CONFIG.getString("name")).isEqualTo("scaled");
        assertThat(CONFIG.getInt("units")).isEqualTo(3);
        assertThat(CONFIG.getLong("big")).isEqualTo(5_000_000_000L);
        assertThat(CONFIG.getDouble("scale")).isEqualTo(0.5);
        assertThat(CONFIG.getFloat("scale")).isEqualTo(0.5f);
        assertThat(CONFIG.getInt("whole")).as("JSON's 4.0 is a whole number").isEqualTo(4);
        assertThat(CONFIG.getBoolean("trainable")).isTrue();
        assertThat(CONFIG.getLongArray("shape")).containsExactly(2, 3);
        assertThat(CONFIG.getList("shape")).containsExactly(2, 3);
        assertThat(CONFIG.getConfig("nested").getString("class_name")).isEqualTo("Zeros");
        assertThat(CONFIG.keys()).startsWith("name", "units");
        assertThat(CONFIG.has("nothing")).isTrue();
        assertThat(CONFIG.get("nothing")).isNull();
        assertThat(CONFIG.has("absent")).isFalse();
    }

    @Test
    void fallbacksApplyToAbsentAndNullKeys() {
        assertThat(CONFIG.getString("absent", "x")).isEqualTo("x");
        assertThat(CONFIG.getString("nothing", "y")).isEqualTo("y");
        assertThat(CONFIG.getInt("absent", 7)).isEqualTo(7);
        assertThat(CONFIG.getDouble("nothing", 1.5)).isEqualTo(1.5);
        assertThat(CONFIG.getBoolean("absent", false)).isFalse();
        assertThat(CONFIG.getInt("units", 7)).isEqualTo(3);
    }

    @Test
    void wrongTypesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> CONFIG.getInt("name")).hasMessage("config 'name': expected a whole number, found scaled");
        assertThatThrownBy(() -> CONFIG.getInt("scale")).hasMessage("config 'scale': expected a whole number, found 0.5");
        assertThatThrownBy(() -> CONFIG.getInt("big")).hasMessageContaining("expected an int, found 5000000000");
        assertThatThrownBy(() -> CONFIG.getString("absent")).hasMessage("config 'absent': expected a string, found nothing");
        assertThatThrownBy(() -> CONFIG.getString("nothing")).hasMessage("config 'nothing': expected a string, found null");
        assertThatThrownBy(() -> CONFIG.getBoolean("units")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CONFIG.getLongArray("nested")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.of(map("s", Arrays.asList(1, "x"))).getLongArray("s")).hasMessageContaining("list of whole numbers");
        assertThatThrownBy(() -> CONFIG.getConfig("shape")).hasMessageContaining("expected an object");
    }

    @Test
    void aConfigIsAnImmutableCopy() {
        Map<String, Object> source = new HashMap<>(Map.of("units", 1));
        Config config = Config.of(source);
        source.put("units", 2);
        assertThat(config.getInt("units")).isEqualTo(1);
        assertThatThrownBy(() -> config.toMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
