package org.r1j.dsl.lib.math;

/** One real interval; an infinite end is always open (a "[" next to ∞ is read as sloppy notation, not a point). */
record Interval(Expr lo, Expr hi, boolean loClosed, boolean hiClosed) {
    @Override
    public String toString() {
        return (loClosed ? "[" : "(") + lo + ", " + hi + (hiClosed ? "]" : ")");
    }
}
