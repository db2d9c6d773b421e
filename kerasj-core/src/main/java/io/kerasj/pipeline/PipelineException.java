package io.kerasj.pipeline;

import io.kerasj.KerasJException;

/**
 * Bad data met while reading a pipeline, in one line naming the file and the record, row or item (a truncated
 * TFRecord, a CSV row with the wrong number of fields, an image that cannot be decoded, an empty source).
 */
public class PipelineException extends KerasJException {
    /** @param message one line naming the source and the place in it */
    public PipelineException(String message) {
        super(message);
    }

    /** @param message one line naming the source and the place in it; @param cause what failed */
    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
