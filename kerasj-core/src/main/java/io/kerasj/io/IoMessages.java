package io.kerasj.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/** One-line descriptions of I/O failures, without stack traces or TensorFlow's hints. */
public final class IoMessages {
    private IoMessages() {
    }

    /**
     * @param error a failure
     * @return a short description: "no space left on device", "permission denied: FILE", or the failure's reason
     */
    public static String describe(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            String message = e.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("no space left on device")) {
                return "no space left on device";
            }
        }
        if (error instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (error instanceof FileSystemException fs) {
            String reason = fs.getReason();
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + (reason == null ? fs.getClass().getSimpleName() : reason);
        }
        return withoutHints(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    /**
     * @param message a message, possibly TensorFlow's with its multi-line hints
     * @return its first sentence on one line, without TensorFlow's "Hint:" and node details
     */
    public static String withoutHints(String message) {
        String text = message;
        int hint = text.indexOf("Hint:");
        if (hint >= 0) {
            text = text.substring(0, hint);
        }
        int node = text.indexOf("[[");
        if (node >= 0) {
            text = text.substring(0, node);
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
