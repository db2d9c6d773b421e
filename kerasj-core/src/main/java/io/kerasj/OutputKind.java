package io.kerasj;

/** The kinds of output KerasJ writes and may later replace; {@link OwnedOutputs} recognises each by its content. */
public enum OutputKind {
    /** A SavedModel folder that KerasJ exported (its {@code saved_model.pb} names KerasJ as the writer). */
    SAVED_MODEL("a SavedModel folder written by KerasJ"),
    /** A {@code kerasj notebook} run folder, marked by its {@value OwnedOutputs#RUN_MARKER} file. */
    RUN("a run folder written by KerasJ (marked by " + OwnedOutputs.RUN_MARKER + ")"),
    /** A checkpoint folder: a {@code BackupAndRestore} {@code backup_dir} holding {@code training_state.kerasj}. */
    CHECKPOINT("a KerasJ checkpoint folder"),
    /** The JSON report written beside an exported SavedModel ({@code DIR.json}). */
    REPORT("a model report written by KerasJ");

    private final String description;

    OutputKind(String description) {
        this.description = description;
    }

    /** @return what the kind is, for messages, e.g. "a SavedModel folder written by KerasJ" */
    public String description() {
        return description;
    }
}
