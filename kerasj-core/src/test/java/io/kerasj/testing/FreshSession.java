package io.kerasj.testing;

import io.kerasj.layers.Naming;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts every test class and every test in a fresh naming session, as Keras's own {@code TestCase.setUp} calls
 * {@code clear_session()}: the first unnamed model is {@code sequential} and its layers {@code dense}, {@code dense_1},
 * as in the fresh Python process that wrote a reference. Registered through JUnit's extension auto-detection.
 */
public final class FreshSession implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Naming.clearSession();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Naming.clearSession();
    }
}
