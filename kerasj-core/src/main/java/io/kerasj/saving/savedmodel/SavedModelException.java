package io.kerasj.saving.savedmodel;

import io.kerasj.KerasJException;

/**
 * A SavedModel could not be read, validated, loaded or run. The message is one line naming the directory or file
 * and what was expected.
 */
public class SavedModelException extends KerasJException {

    /** @param message one line naming the directory or file and what was expected */
    public SavedModelException(String message) {
        super(oneLine(message));
    }

    /**
     * @param message one line naming the directory or file and what was expected
     * @param cause the lower-level failure (often a TensorFlow exception)
     */
    public SavedModelException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * Keeps a message on one line even when it quotes names read from a corrupted file: control characters become
     * {@code \\uXXXX} escapes.
     */
    static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** @return the first line of a throwable's message, for embedding in a one-line message */
    static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        m = m.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
