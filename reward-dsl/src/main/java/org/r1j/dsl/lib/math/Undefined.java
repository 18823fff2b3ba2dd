package org.r1j.dsl.lib.math;

/** An expression has no real value at this point (division by zero, log of a negative, ...). Control flow only. */
final class Undefined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undefined(String why) {
        super(why, null, false, false);
    }
}
