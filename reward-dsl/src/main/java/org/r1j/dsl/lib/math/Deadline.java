package org.r1j.dsl.lib.math;

/** A point in time after which checking stops with "timed out". Parser and evaluator call {@link #check()} often. */
final class Deadline {
    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline in(long millis) {
        return new Deadline(System.nanoTime() + Math.max(1, millis) * 1_000_000L);
    }

    static Deadline none() {
        return new Deadline(Long.MAX_VALUE);
    }

    void check() {
        if (endNanos != Long.MAX_VALUE && System.nanoTime() - endNanos > 0) throw new MathLimit("timed out");
    }
}
