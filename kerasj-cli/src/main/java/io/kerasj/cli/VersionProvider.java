package io.kerasj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code kerasj --version}: KerasJ's, TensorFlow Java's, native TensorFlow's and Java's versions, and the OS. */
public final class VersionProvider implements IVersionProvider {

    /** The resource Maven filters with the project's versions. */
    static final String RESOURCE = "/io/kerasj/version.properties";

    @Override
    public String[] getVersion() {
        Properties p = buildProperties();
        return new String[] {
            "KerasJ " + kerasjVersion(p),
            "TensorFlow Java " + value(p, "tensorflow.version", null),
            "TensorFlow (native) " + nativeVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
            "OS " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        };
    }

    /** @return what wrote a file, e.g. {@code KerasJ 0.1.0 (TensorFlow 2.18.0)} */
    static String writtenBy() {
        return "KerasJ " + kerasjVersion(buildProperties()) + " (TensorFlow " + nativeVersion() + ")";
    }

    private static String kerasjVersion(Properties p) {
        return value(p, "kerasj.version", VersionProvider.class.getPackage().getImplementationVersion());
    }

    /** @return the native TensorFlow runtime's version, or why it is unavailable */
    static String nativeVersion() {
        try {
            return org.tensorflow.TensorFlow.version();
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError: report, do not fail --version
            return "unavailable (" + t + ")";
        }
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall back to "dev"
        }
        return p;
    }

    private static String value(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            v = fallback;
        }
        return v == null ? "dev" : v;
    }
}
