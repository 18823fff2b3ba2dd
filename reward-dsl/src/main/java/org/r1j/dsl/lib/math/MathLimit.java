package org.r1j.dsl.lib.math;

/**
 * Thrown inside the checker when an answer cannot be decided within its limits (time, nesting, number size);
 * {@link MathEqual} turns it into UNKNOWN with {@link #getMessage()} as the reason. No stack trace: it is control flow.
 */
final class MathLimit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MathLimit(String reason) {
        super(reason, null, false, false);
    }
}
