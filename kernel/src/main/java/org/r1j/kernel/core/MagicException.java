package org.r1j.kernel.core;

/** A magic was used wrongly (unknown name, bad arguments): shown to the user as one readable message. */
public class MagicException extends RuntimeException {
    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
