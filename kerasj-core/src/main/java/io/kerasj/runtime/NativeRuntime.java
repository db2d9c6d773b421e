package io.kerasj.runtime;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;

/**
 * Loads TensorFlow's native runtime once per JVM, quietly unless asked otherwise.
 *
 * <p>The runtime reads {@code TF_CPP_MIN_LOG_LEVEL} from the process environment when it loads, and a JVM cannot
 * change its own environment through Java. So, before the first TensorFlow class loads, KerasJ sets the variable
 * with the C library's {@code setenv} (through JNA). Two more lines come from a logger the variable does not govern,
 * printed once per process by the first graph run; KerasJ runs a one-op graph at load time with the native standard
 * error sent to a temporary file, then replays everything else that was written there.
 *
 * <p>The level, as TensorFlow counts it (0 all, 1 no INFO, 2 no WARNING, 3 no ERROR), is chosen by, in order:
 * {@link #setLogLevel(int)}; the system property {@code kerasj.nativeLogLevel}; the environment variable
 * {@code TF_CPP_MIN_LOG_LEVEL} when the user set it; else {@value #DEFAULT_LEVEL}.
 */
public final class NativeRuntime {

    /** The level used when nothing else asks for one: informational lines and warnings are hidden. */
    public static final int DEFAULT_LEVEL = 2;

    /** The system property that chooses the level. */
    public static final String LEVEL_PROPERTY = "kerasj.nativeLogLevel";

    static final String ENV_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";

    static final String XLA_FLAGS_VARIABLE = "TF_XLA_FLAGS";

    /**
     * Lets a session's {@code global_jit_level} (KerasJ's {@code ThreadSettings.xlaJit}) act on CPU; without it
     * TensorFlow ignores that setting on CPU. Sessions that do not ask for XLA are unaffected.
     */
    static final String XLA_CPU_JIT_FLAG = "--tf_xla_cpu_global_jit";

    /** Lines printed once by the first graph run, whatever {@code TF_CPP_MIN_LOG_LEVEL} says. */
    private static final List<String> UNGOVERNED_LINE_MARKERS = List.of(
            "All log messages before absl::InitializeLog() is called are written to STDERR",
            "MLIR V1 optimization pass is not enabled");

    private static Integer requestedLevel;
    private static volatile boolean loaded;

    private NativeRuntime() {
    }

    /**
     * Chooses TensorFlow's native log level; takes effect only before the runtime loads.
     *
     * @param level 0 (everything) to 3 (fatal errors only)
     * @throws IllegalArgumentException if the level is outside [0, 3]
     * @throws IllegalStateException if the runtime is already loaded
     */
    public static synchronized void setLogLevel(int level) {
        if (level < 0 || level > 3) {
            throw new IllegalArgumentException("level: expected 0, 1, 2 or 3, found " + level);
        }
        if (loaded) {
            throw new IllegalStateException("TensorFlow's native runtime is already loaded: call setLogLevel before"
                    + " the first model is built or loaded");
        }
        requestedLevel = level;
    }

    /** @return true once the runtime is loaded */
    public static boolean isLoaded() {
        return loaded;
    }

    /**
     * Loads the runtime if it is not loaded yet, with the chosen log level. Every KerasJ entry point that touches
     * TensorFlow calls this first; calling it again costs a volatile read.
     *
     * @throws IllegalArgumentException if {@code kerasj.nativeLogLevel} is not 0 to 3
     */
    public static void ensureLoaded() {
        if (!loaded) {
            load();
        }
    }

    private static synchronized void load() {
        if (loaded) {
            return;
        }
        int level = effectiveLevel();
        String userValue = System.getenv(ENV_VARIABLE);
        boolean userChose = requestedLevel != null || System.getProperty(LEVEL_PROPERTY) != null;
        if (userChose || userValue == null) {
            ProcessEnvironment.set(ENV_VARIABLE, Integer.toString(level));
        }
        ProcessEnvironment.set(XLA_FLAGS_VARIABLE, withXlaCpuJit(System.getenv(XLA_FLAGS_VARIABLE)));
        TensorFlow.version();
        if (level >= 1) {
            StandardErrorCapture.runFiltered(NativeRuntime::runOneOpGraph, NativeRuntime::isUngoverned);
        }
        loaded = true;
    }

    /** The level that {@link #ensureLoaded()} applies, from the sources in the class comment. */
    static synchronized int effectiveLevel() {
        if (requestedLevel != null) {
            return requestedLevel;
        }
        String property = System.getProperty(LEVEL_PROPERTY);
        if (property != null) {
            return parseLevel(property, "system property " + LEVEL_PROPERTY);
        }
        String env = System.getenv(ENV_VARIABLE);
        if (env != null) {
            try {
                return Math.max(0, Math.min(3, Integer.parseInt(env.trim())));
            } catch (NumberFormatException e) {
                return 0;   // TensorFlow itself reads an unparsable value as 0
            }
        }
        return DEFAULT_LEVEL;
    }

    private static int parseLevel(String value, String source) {
        try {
            int level = Integer.parseInt(value.trim());
            if (level >= 0 && level <= 3) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + ": expected 0, 1, 2 or 3, found \"" + value + "\"");
    }

    /** @return the user's {@code TF_XLA_FLAGS} (or none) with {@value #XLA_CPU_JIT_FLAG} added once */
    static String withXlaCpuJit(String userFlags) {
        if (userFlags == null || userFlags.isBlank()) {
            return XLA_CPU_JIT_FLAG;
        }
        return java.util.Arrays.asList(userFlags.trim().split("\\s+")).contains(XLA_CPU_JIT_FLAG) ? userFlags
                : userFlags.trim() + " " + XLA_CPU_JIT_FLAG;
    }

    static boolean isUngoverned(String line) {
        return UNGOVERNED_LINE_MARKERS.stream().anyMatch(line::contains);
    }

    private static void runOneOpGraph() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            try (var result = session.runner().fetch(tf.math.add(tf.constant(1f), tf.constant(1f))).run()) {
                result.size();
            }
        }
    }
}
