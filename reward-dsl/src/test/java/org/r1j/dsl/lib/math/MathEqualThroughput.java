package org.r1j.dsl.lib.math;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Not a unit test: prints math_equal throughput and latency on the golden corpus (single thread), by wall clock
 * and by this thread's CPU time (the per-core figure, meaningful on a shared machine). Run after
 * {@code test-compile} with the test classpath, e.g.
 * {@code java -cp reward-dsl/target/classes:reward-dsl/target/test-classes:<deps> org.r1j.dsl.lib.math.MathEqualThroughput}.
 * {@code r1j bench rewards} reports the same figure for the whole reward library.
 */
public final class MathEqualThroughput {
    private MathEqualThroughput() {}

    public static void main(String[] args) {
        List<GoldenCorpus.Case> cases = GoldenCorpus.load();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long coldStart = System.nanoTime();
        MathEqual.check("\\frac{1}{2}", "0.5", 1000);
        System.out.printf("first call (class loading, pi/e constants): %.1f ms%n", (System.nanoTime() - coldStart) / 1e6);
        for (int r = 0; r < 5; r++) for (GoldenCorpus.Case c : cases) MathEqual.check(c.predicted(), c.gold(), 1000);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long worst = 0;
        long worstCpu = 0;
        long[] cpuPerCall = new long[rounds * cases.size()];
        int call = 0;
        String worstCase = "";
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (GoldenCorpus.Case c : cases) {
                long s = System.nanoTime();
                long sc = mx.getCurrentThreadCpuTime();
                MathEqual.check(c.predicted(), c.gold(), 1000);
                long d = System.nanoTime() - s;
                long cpu = mx.getCurrentThreadCpuTime() - sc;
                cpuPerCall[call++] = cpu;
                worstCpu = Math.max(worstCpu, cpu);
                if (d > worst) {
                    worst = d;
                    worstCase = c.predicted() + " vs " + c.gold();
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        int n = rounds * cases.size();
        System.out.printf("%d pairs: %.0f pairs/s per CPU-second (%.3f ms CPU per pair), %.0f pairs/s wall;"
                + " slowest call %.2f ms wall (%s), slowest %.2f ms CPU%n",
                n, n / cpuSecs, cpuSecs * 1000 / n, n / secs, worst / 1e6, worstCase, worstCpu / 1e6);
        java.util.Arrays.sort(cpuPerCall);
        System.out.printf("CPU per call: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                cpuPerCall[n / 2] / 1e6, cpuPerCall[n * 9 / 10] / 1e6, cpuPerCall[n * 99 / 100] / 1e6, cpuPerCall[n - 1] / 1e6);
    }
}
