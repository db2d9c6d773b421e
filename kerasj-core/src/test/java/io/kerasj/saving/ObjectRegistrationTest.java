package io.kerasj.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Keras's {@code object_registration}: register_keras_serializable, get_registered_name, get_registered_object. */
class ObjectRegistrationTest {

    /** A registrable class. */
    static class Widget {
        final int size;

        Widget(int size) {
            this.size = size;
        }
    }

    /** A subclass, which is not registered by its parent's registration. */
    static final class SmallWidget extends Widget {
        SmallWidget() {
            super(1);
        }
    }

    @Test
    void aClassIsRegisteredUnderPackageAndNameAndFoundBothWays() {
        String key = ObjectRegistration.registerKerasSerializable("RegTest", null, Widget.class, c -> new Widget(c.getInt("size")));
        assertThat(key).isEqualTo("RegTest>Widget");
        assertThat(ObjectRegistration.getRegisteredName(Widget.class)).contains("RegTest>Widget");
        assertThat(ObjectRegistration.getRegisteredName(new Widget(2))).as("an instance: by its class").contains("RegTest>Widget");
        assertThat(ObjectRegistration.getRegisteredName(new SmallWidget())).as("Keras looks the exact class up").isEmpty();
        ObjectRegistration.Registered found = ObjectRegistration.getRegisteredObject("RegTest>Widget").orElseThrow();
        assertThat(found.type()).isEqualTo(Widget.class);
        assertThat(found.isFunction()).isFalse();
        assertThat(found.packageName()).isEqualTo("RegTest");
        assertThat(found.name()).isEqualTo("Widget");
        assertThat(((Widget) found.fromConfig().apply(Config.of(Map.of("size", 5)))).size).isEqualTo(5);
        assertThat(ObjectRegistration.getRegisteredObject("RegTest>Nothing")).isEmpty();
        assertThat(ObjectRegistration.getRegisteredObject("Widget")).as("a bare class name is no registered name").isEmpty();
        assertThat(ObjectRegistration.getRegisteredObject(null)).isEmpty();
        assertThat(ObjectRegistration.getRegisteredName(null)).isEmpty();
    }

    /** Registered twice. */
    static final class Gadget {
    }

    @Test
    void aNamedRegistrationAndTheDefaultPackageAreKeras() {
        assertThat(ObjectRegistration.registerKerasSerializable("RegTest", "Gizmo", Gadget.class, c -> new Gadget()))
                .isEqualTo("RegTest>Gizmo");
        assertThat(ObjectRegistration.registerKerasSerializable(Gadget.class, c -> new Gadget())).isEqualTo("Custom>Gadget");
        assertThat(ObjectRegistration.getRegisteredName(Gadget.class)).as("the last registration names the class").contains("Custom>Gadget");
        assertThat(ObjectRegistration.getRegisteredObject("RegTest>Gizmo")).as("an earlier key still finds it, as in Keras").isPresent();
    }

    @Test
    void aFunctionIsRegisteredAsTheInstanceItself() {
        DoubleUnaryOperator square = v -> v * v;
        assertThat(ObjectRegistration.registerKerasSerializable("RegTest", "square", square)).isEqualTo("RegTest>square");
        assertThat(ObjectRegistration.getRegisteredName(square)).contains("RegTest>square");
        ObjectRegistration.Registered found = ObjectRegistration.getRegisteredObject("RegTest>square").orElseThrow();
        assertThat(found.isFunction()).isTrue();
        assertThat(found.function()).isSameAs(square);
        assertThat(found.fromConfig()).isNull();
        DoubleUnaryOperator other = v -> v;
        assertThat(ObjectRegistration.getRegisteredName(other)).as("another lambda of the same shape").isEmpty();
    }

    @Test
    void malformedNamesAreRefused() {
        for (String bad : new String[] {"", "a>b", "with space", "tab\t", null}) {
            assertThatThrownBy(() -> ObjectRegistration.registerKerasSerializable(bad, "X", Gadget.class, c -> new Gadget()))
                    .as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("register_keras_serializable");
        }
        assertThatThrownBy(() -> ObjectRegistration.registerKerasSerializable("P", "x".repeat(201), Gadget.class, c -> new Gadget()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectRegistration.registerKerasSerializable("P", null, (Object) null)).isInstanceOf(NullPointerException.class);
        assertThat(ObjectRegistration.registerKerasSerializable("my-package.v2", "Thing_1", Gadget.class, c -> new Gadget()))
                .as("Python package names such as my-package.v2 are allowed").isEqualTo("my-package.v2>Thing_1");
    }

    @Test
    void aJarsCustomObjectsProviderRunsBeforeTheFirstLookup() {
        // io.kerasj.saving.keras.TestCustomObjects is listed in the tests' META-INF/services; nothing here registers it
        assertThat(ObjectRegistration.getRegisteredObject("TestJar>Doubler")).get()
                .extracting(r -> r.type().getSimpleName()).isEqualTo("Doubler");
    }
}
