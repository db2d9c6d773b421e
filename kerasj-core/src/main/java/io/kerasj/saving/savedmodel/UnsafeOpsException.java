package io.kerasj.saving.savedmodel;

/** A SavedModel was refused because its graph runs op types outside {@link OpAllowList}. */
public final class UnsafeOpsException extends SavedModelException {
    private final transient SafetyReport report;

    /**
     * @param message one line naming the directory and the refused ops
     * @param report the scan that refused it
     */
    public UnsafeOpsException(String message, SafetyReport report) {
        super(message);
        this.report = report;
    }

    /** @return the scan that refused the model */
    public SafetyReport report() {
        return report;
    }
}
