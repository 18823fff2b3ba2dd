package org.r1j.dsl.lib.math;

/** Three-valued outcome of an answer check: "unknown" when undecidable, unparsable or out of time. */
public enum Truth {
    TRUE, FALSE, UNKNOWN;

    public static Truth of(boolean b) {
        return b ? TRUE : FALSE;
    }
}
