package io.kerasj.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints every skipped or aborted test on the console with its reason, so a skip is never mistaken for a pass.
 * Registered for all tests through JUnit's extension auto-detection (see {@code junit-platform.properties}).
 */
public final class SkipReporter implements TestWatcher {

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        print(context, cause == null ? "aborted" : cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        print(context, reason.orElse("disabled"));
    }

    private static void print(ExtensionContext context, String reason) {
        String where = context.getTestClass().map(Class::getSimpleName).orElse("?") + "." + context.getDisplayName();
        System.out.println("SKIPPED " + where + ": " + reason);
    }
}
