package org.r1j.dsl.lib.math;

/** The answer is not a math expression this parser understands; the message says what stopped it. */
final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
        super(message, null, false, false);
    }
}
