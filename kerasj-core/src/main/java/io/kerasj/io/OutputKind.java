package io.kerasj.io;

/** The kinds of output KerasJ writes and may later replace; {@link OwnedOutputs} recognises each by its content. */
public enum OutputKind {
    /** A SavedModel folder that KerasJ exported (its {@code saved_model.pb} names KerasJ as the writer). */
    SAVED_MODEL("a SavedModel folder written by KerasJ"),
    /** A {@code kerasj notebook} run folder, marked by its {@value OwnedOutputs#RUN_MARKER} file. */
    RUN("a run folder written by KerasJ (marked by " + OwnedOutputs.RUN_MARKER + ")"),
    /** A checkpoint folder: a {@code BackupAndRestore} {@code backup_dir} holding {@code training_state.kerasj}. */
    CHECKPOINT("a KerasJ checkpoint folder"),
    /** A Keras 3 {@code .keras} file that KerasJ wrote (its {@code metadata.json} names KerasJ as the writer). */
    KERAS_FILE("a .keras file written by KerasJ"),
    /** A Keras 3 {@code .weights.h5} file that KerasJ wrote ({@code model.saveWeights}: its root attribute {@code written_by} names KerasJ). */
    WEIGHTS_FILE("a .weights.h5 file written by KerasJ"),
    /** The JSON report written beside an exported model ({@code DIR.json}, {@code m.keras.json}). */
    REPORT("a model report written by KerasJ"),
    /** Raw model outputs ({@code kerasj predict --save-outputs}: a {@code .npy} or {@code .npz}); never replaced. */
    OUTPUTS("a file of model outputs"),
    /** A TFRecord file ({@code io.kerasj.pipeline.tfrecord.TFRecordWriter}): nothing in it names its writer; never replaced. */
    TFRECORD("a TFRecord file"),
    /** A hyperparameter search's results folder ({@code io.kerasj.tuner}), marked by its {@value OwnedOutputs#TUNER_MARKER} file. */
    TUNER_RESULTS("a hyperparameter search's results folder written by KerasJ (marked by " + OwnedOutputs.TUNER_MARKER + ")");

    private final String description;

    OutputKind(String description) {
        this.description = description;
    }

    /** @return true when the output is one file, false when it is a folder */
    public boolean isFile() {
        return this == KERAS_FILE || this == WEIGHTS_FILE || this == REPORT || this == OUTPUTS || this == TFRECORD;
    }

    /**
     * @return false for outputs KerasJ writes only as new files: nothing in their content marks them as KerasJ's
     *     ({@code .npy}/{@code .npz} files NumPy must read as they are, TFRecord files TensorFlow must read as they are), so an existing one is never replaced
     */
    public boolean replaceable() {
        return this != OUTPUTS && this != TFRECORD;
    }

    /** @return what the kind is, for messages, e.g. "a SavedModel folder written by KerasJ" */
    public String description() {
        return description;
    }
}
