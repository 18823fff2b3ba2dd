package org.r1j.dsl.lib.math;

/** A comparison result before the normalised texts are attached. */
record Outcome(Truth truth, String reason) {
    static Outcome yes(String reason) {
        return new Outcome(Truth.TRUE, reason);
    }

    static Outcome no(String reason) {
        return new Outcome(Truth.FALSE, reason);
    }

    static Outcome unknown(String reason) {
        return new Outcome(Truth.UNKNOWN, reason);
    }

    boolean isTrue() {
        return truth == Truth.TRUE;
    }
}
