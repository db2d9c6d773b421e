package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kerasj.KerasJException;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What every hostile-file test asserts: the file is refused with a KerasJException, in one line that names it. */
final class Refusals {
    /** How long a refusal may take: a hostile file must not make the reader hang. */
    static final Duration QUICK = Duration.ofSeconds(20);

    private Refusals() {
    }

    /**
     * @param file the hostile file, which the message must start with
     * @param read reads it
     * @param parts what the message must contain
     */
    static void refusedInOneLine(Path file, ThrowingCallable read, String... parts) {
        assertThatThrownBy(read).isInstanceOf(KerasJException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
                    for (String p : parts) {
                        assertThat(e.getMessage()).contains(p);
                    }
                });
    }

    /** {@link #refusedInOneLine}, within {@link #QUICK}. */
    static void refusedQuickly(Path file, ThrowingCallable read, String... parts) {
        assertTimeoutPreemptively(QUICK, () -> refusedInOneLine(file, read, parts));
    }
}
