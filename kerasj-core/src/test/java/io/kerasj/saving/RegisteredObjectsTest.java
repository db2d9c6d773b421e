package io.kerasj.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keras's serialize_keras_object / deserialize_keras_object for registered classes and functions. */
class RegisteredObjectsTest {
    private static final DoubleUnaryOperator CUBE = v -> v * v * v;

    /** A registered class with a config. */
    static final class Scale {
        final double factor;

        Scale(double factor) {
            this.factor = factor;
        }
    }

    @BeforeAll
    static void register() {
        ObjectRegistration.registerKerasSerializable("Objects", null, Scale.class, c -> new Scale(c.getDouble("factor")));
        ObjectRegistration.registerKerasSerializable("Objects", "cube", CUBE);
    }

    @Test
    void aRegisteredClassIsWrittenAsKerasWritesACustomClassAndReadBack() {
        Map<String, Object> entry = RegisteredObjects.serialize(new Scale(2.5), Map.of("factor", 2.5));
        assertThat(entry).containsExactly(Map.entry("module", "io.kerasj.saving"), Map.entry("class_name", "Scale"),
                Map.entry("config", Map.of("factor", 2.5)), Map.entry("registered_name", "Objects>Scale"));
        assertThat(RegisteredObjects.deserialize(entry, Scale.class).factor).isEqualTo(2.5);
        assertThat(RegisteredObjects.deserialize(entry, Object.class)).isInstanceOf(Scale.class);
    }

    @Test
    void aRegisteredFunctionIsWrittenAsKerasWritesOneAndReadBackAsTheSameInstance() {
        Map<String, Object> entry = RegisteredObjects.serialize(CUBE, null);
        assertThat(entry).containsExactly(Map.entry("module", CUBE.getClass().getPackageName()), Map.entry("class_name", "function"),
                Map.entry("config", "Objects>cube"), Map.entry("registered_name", "Objects>cube"));
        assertThat(RegisteredObjects.deserialize(entry, DoubleUnaryOperator.class)).isSameAs(CUBE);
    }

    @Test
    void lookupIsKerasOrderRegisteredNameThenAKeras2ClassName() {
        Map<String, Object> keras2 = new LinkedHashMap<>(Map.of("class_name", "Objects>Scale", "config", Map.of("factor", 1)));
        assertThat(RegisteredObjects.lookup(keras2)).isPresent();
        Map<String, Object> nullName = new LinkedHashMap<>(keras2);
        nullName.put("registered_name", null);
        assertThat(RegisteredObjects.lookup(nullName)).as("an explicit null registered_name is Keras's: not registered").isEmpty();
        assertThat(RegisteredObjects.lookup(Map.of("class_name", "Dense", "registered_name", "Dense"))).isEmpty();
    }

    @Test
    void whatIsNotRegisteredOrNotTheRightTypeIsRefusedClearly() {
        assertThatThrownBy(() -> RegisteredObjects.serialize(new Object(), Map.of())).hasMessageContaining("is not registered")
                .hasMessageContaining("ObjectRegistration.registerKerasSerializable");
        assertThatThrownBy(() -> RegisteredObjects.deserialize(Map.of("module", "evil", "class_name", "Rm", "config", Map.of(),
                "registered_name", "Evil>Rm"), Object.class)).hasMessageContaining("custom class Evil>Rm (module evil) is not registered")
                .hasMessageContaining("KerasJ loads no class a file names");
        Map<String, Object> scale = RegisteredObjects.serialize(new Scale(1), Map.of("factor", 1));
        assertThatThrownBy(() -> RegisteredObjects.deserialize(scale, DoubleUnaryOperator.class)).hasMessageContaining("expected a DoubleUnaryOperator");
        Map<String, Object> bad = new LinkedHashMap<>(scale);
        bad.put("config", Map.of("factor", "big"));
        assertThatThrownBy(() -> RegisteredObjects.deserialize(bad, Scale.class)).hasMessageContaining("config 'factor': expected a number");
    }

    @Test
    void aConfigMustHoldOnlyWhatJsonHolds() {
        RegisteredObjects.checkJsonValues("ok", Map.of("a", List.of(1, "x", true), "b", Map.of("c", 2.5), "d", new long[] {1, 2}));
        assertThatThrownBy(() -> RegisteredObjects.checkJsonValues("layer 'x'", Map.of("inner", new Scale(1))))
                .hasMessageContaining("layer 'x' 'inner': the config holds a " + Scale.class.getName());
        assertThatThrownBy(() -> RegisteredObjects.checkJsonValues("layer 'x'", Map.of("nan", Double.NaN)))
                .hasMessageContaining("which JSON cannot hold");
    }
}
