package io.kerasj.saving.keras;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options of {@link KerasFiles#load(java.nio.file.Path, KerasLoadOptions)}, as Keras's {@code load_model} arguments.
 * Immutable: start from {@link #defaults()}; each setter returns a copy.
 */
public final class KerasLoadOptions {
    private static final System.Logger LOG = System.getLogger("io.kerasj.saving");
    private final boolean safeMode;
    private final long seed;
    private final Consumer<String> warnings;

    private KerasLoadOptions(boolean safeMode, long seed, Consumer<String> warnings) {
        this.safeMode = safeMode;
        this.seed = seed;
        this.warnings = warnings;
    }

    /**
     * @return safe mode on, seed 0, warnings logged through {@link System.Logger} {@code io.kerasj.saving}
     */
    public static KerasLoadOptions defaults() {
        return new KerasLoadOptions(true, 0L, warning -> LOG.log(System.Logger.Level.WARNING, warning));
    }

    /**
     * Keras's {@code safe_mode}. On (the default), a file holding Python code (a Lambda layer, a {@code __lambda__})
     * or a custom class or function the program did not register is refused, naming each. Off, the rest of the file
     * is read: a custom loss or metric that is not registered leaves the model uncompiled, with a warning. KerasJ
     * still never runs Python code nor loads a class a file names, so a layer that is either does not load.
     *
     * @param on false to go further than safe mode
     * @return a copy with this setting
     */
    public KerasLoadOptions safeMode(boolean on) {
        return new KerasLoadOptions(on, seed, warnings);
    }

    /**
     * @param modelSeed the Java model's seed (shuffling and dropout masks when fine-tuned)
     * @return a copy with this setting
     */
    public KerasLoadOptions seed(long modelSeed) {
        return new KerasLoadOptions(safeMode, modelSeed, warnings);
    }

    /**
     * @param sink receives one line per setting that could not be restored (the model then is not compiled)
     * @return a copy with this setting
     */
    public KerasLoadOptions warnings(Consumer<String> sink) {
        return new KerasLoadOptions(safeMode, seed, Objects.requireNonNull(sink, "warnings"));
    }

    /** @return whether safe mode is on */
    public boolean safeMode() {
        return safeMode;
    }

    /** @return the model's seed */
    public long seed() {
        return seed;
    }

    /** @return where warnings go */
    public Consumer<String> warnings() {
        return warnings;
    }
}
