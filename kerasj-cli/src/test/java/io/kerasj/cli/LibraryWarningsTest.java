package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The library's System.Logger warnings reach the command's standard error as one {@code kerasj: warning:} line each. */
class LibraryWarningsTest {

    @Test
    void aLibraryWarningIsOneKerasjLineOnTheCommandsErrorStreamWhileRouted() {
        StringWriter err = new StringWriter();
        System.Logger log = System.getLogger("io.kerasj.saving");
        try (LibraryWarnings.Route route = LibraryWarnings.routeTo(new PrintWriter(err))) {
            log.log(System.Logger.Level.WARNING, "m.keras: the model is not compiled:\nKerasJ lacks metric 'auc'");
            log.log(System.Logger.Level.INFO, "not shown");
        }
        java.util.logging.Logger library = java.util.logging.Logger.getLogger("io.kerasj");
        assertThat(library.getHandlers()).isEmpty();
        assertThat(library.getUseParentHandlers()).isTrue();
        assertThat(err.toString()).isEqualTo("kerasj: warning: m.keras: the model is not compiled: KerasJ lacks metric 'auc'"
                + System.lineSeparator());
    }
}
