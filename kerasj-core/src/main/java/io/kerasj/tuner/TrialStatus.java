package io.kerasj.tuner;

/** How a trial ended, Keras Tuner's {@code TrialStatus}. */
public enum TrialStatus {
    /** It trained and has a score. */
    COMPLETED,
    /** Its build or fit threw, or its objective was never a number; the search went on. */
    FAILED
}
