package io.kerasj.runtime;

import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps SLF4J, through which jHDF logs, from printing on standard error when the application brings no SLF4J
 * provider. SLF4J 2 then falls back to its no-operation logger and says so in three {@code SLF4J(W)} lines; a
 * library prints nothing by itself, so KerasJ initializes SLF4J first with its internal reports limited to errors.
 * An application with a provider (Logback, Log4j's SLF4J 2 binding, {@code slf4j-jdk-platform-logging}, ...), or
 * that set {@code slf4j.provider} or {@code slf4j.internal.verbosity}, is left exactly as it is: its provider gets
 * jHDF's logs. No provider is forced on anyone.
 */
public final class QuietSlf4j {
    private static final String VERBOSITY = "slf4j.internal.verbosity";
    private static boolean done;

    private QuietSlf4j() {
    }

    /** Initializes SLF4J quietly when no provider is there; once per JVM, before the first jHDF class loads. */
    public static synchronized void initialize() {
        if (done) {
            return;
        }
        done = true;
        if (System.getProperty("slf4j.provider") != null || System.getProperty(VERBOSITY) != null) {
            return;
        }
        try {
            ClassLoader loader = LoggerFactory.class.getClassLoader();
            if (ServiceLoader.load(SLF4JServiceProvider.class, loader).stream().findAny().isPresent()) {
                return;
            }
            System.setProperty(VERBOSITY, "ERROR");
            try {
                LoggerFactory.getILoggerFactory();
            } finally {
                System.clearProperty(VERBOSITY);
            }
        } catch (LinkageError e) {
            // an SLF4J 1.7 API pinned by the application has no providers: it binds (or warns) as it always did
        }
    }
}
