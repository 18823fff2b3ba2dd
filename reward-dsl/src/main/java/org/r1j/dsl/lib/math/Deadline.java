package org.r1j.dsl.lib.math;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A time budget after which checking stops with "timed out". Parser and evaluator call {@link #check()} often.
 *
 * <p>The budget is CPU time of the checking thread, so a verdict does not depend on how loaded the machine is (a
 * wall-clock budget turned correct answers into "unknown" when other processes took the CPU). A wall-clock backstop
 * of {@value #BACKSTOP_FACTOR}× the budget still bounds how long a starved call can take.
 */
final class Deadline {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();
    static final int BACKSTOP_FACTOR = 20;

    private final long endWallNanos;
    private final long endCpuNanos;
    private final long backstopWallNanos;

    private Deadline(long endWallNanos, long endCpuNanos, long backstopWallNanos) {
        this.endWallNanos = endWallNanos;
        this.endCpuNanos = endCpuNanos;
        this.backstopWallNanos = backstopWallNanos;
    }

    static Deadline in(long millis) {
        long budget = Math.max(1, millis) * 1_000_000L;
        long wall = System.nanoTime();
        long cpu = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : wall;
        return new Deadline(wall + budget, cpu + budget, wall + budget * BACKSTOP_FACTOR);
    }

    static Deadline none() {
        return new Deadline(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    void check() {
        if (endWallNanos == Long.MAX_VALUE) return;
        long now = System.nanoTime();
        if (now - endWallNanos <= 0) return;               // within budget even by the wall clock (cheap, common case)
        if (now - backstopWallNanos > 0) throw new MathLimit("timed out");
        long cpu = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : now;
        if (cpu - endCpuNanos > 0) throw new MathLimit("timed out");
    }
}
