package io.kerasj.saving.keras;

import io.kerasj.saving.CustomObjects;
import io.kerasj.saving.ObjectRegistration;

/** A jar's custom objects, as the tests' META-INF/services lists them: {@code TestJar>Doubler}. */
public final class TestCustomObjects implements CustomObjects {

    /** Called by {@link java.util.ServiceLoader}. */
    public TestCustomObjects() {
    }

    @Override
    public void register() {
        ObjectRegistration.registerKerasSerializable("TestJar", "Doubler", Doubler.class, Doubler::fromConfig);
    }
}
