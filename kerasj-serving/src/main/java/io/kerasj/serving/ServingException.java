package io.kerasj.serving;

import io.kerasj.KerasJException;

/**
 * A request the server refuses, with the HTTP status TF Serving answers it with (400 for a malformed request,
 * 404 for an unknown model or version) and a one-line message for the {@code {"error": ...}} body.
 */
public final class ServingException extends KerasJException {
    /** The HTTP status of the answer. */
    private final int status;

    /**
     * @param status the HTTP status
     * @param message what was wrong, naming the field, and what was expected
     */
    public ServingException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * @param message what was wrong in the request
     * @return a 400 Bad Request
     */
    public static ServingException badRequest(String message) {
        return new ServingException(400, message);
    }

    /** @return the HTTP status code */
    public int status() {
        return status;
    }
}
