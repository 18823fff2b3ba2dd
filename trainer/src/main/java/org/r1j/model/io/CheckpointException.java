package org.r1j.model.io;

/**
 * A checkpoint, config or tensor file is missing, corrupt or does not fit the model. The message names the file
 * (and tensor, when one is at fault) and says what was expected.
 */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
