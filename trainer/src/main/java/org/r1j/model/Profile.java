package org.r1j.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional per-section timing of the model's steps (thread CPU time and wall time), for `r1j bench model
 * --profile`. Off by default; when off, {@link #mark} is one branch. Single-threaded use only.
 */
public final class Profile {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static boolean enabled;
    private static long lastCpu, lastWall;
    private static final Map<String, long[]> TOTALS = new LinkedHashMap<>(); // name -> {cpu ns, wall ns, count}

    private Profile() {}

    /** Starts (or restarts) collecting. */
    public static void enable() {
        enabled = true;
        TOTALS.clear();
        start();
    }

    public static void disable() { enabled = false; }

    /** Begins a new section without charging the time since the last mark to anything. */
    public static void start() {
        if (!enabled) return;
        lastCpu = MX.getCurrentThreadCpuTime();
        lastWall = System.nanoTime();
    }

    /** Charges the time since the previous mark to {@code section}. */
    public static void mark(String section) {
        if (!enabled) return;
        long cpu = MX.getCurrentThreadCpuTime(), wall = System.nanoTime();
        long[] t = TOTALS.computeIfAbsent(section, k -> new long[3]);
        t[0] += cpu - lastCpu;
        t[1] += wall - lastWall;
        t[2]++;
        lastCpu = cpu;
        lastWall = wall;
    }

    /** A table of sections: total CPU and wall ms, calls, share of CPU; divided by {@code steps}. */
    public static String report(int steps) {
        long total = TOTALS.values().stream().mapToLong(t -> t[0]).sum();
        StringBuilder sb = new StringBuilder(String.format("%-28s %10s %10s %7s %6s%n", "section (per step)", "cpu ms", "wall ms", "calls", "cpu%"));
        TOTALS.forEach((k, t) -> sb.append(String.format("%-28s %10.1f %10.1f %7d %5.1f%%%n", k, t[0] / 1e6 / steps,
                t[1] / 1e6 / steps, t[2] / steps, 100.0 * t[0] / Math.max(1, total))));
        sb.append(String.format("%-28s %10.1f%n", "total", total / 1e6 / steps));
        return sb.toString();
    }
}
