package org.r1j.model.tokenize;

/** A tokenizer file is missing or malformed, or text cannot be encoded; the message names the file or token. */
public final class TokenizerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
