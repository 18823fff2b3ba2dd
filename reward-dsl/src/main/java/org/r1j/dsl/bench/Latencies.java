package org.r1j.dsl.bench;

import java.util.Arrays;

/** Per-call latencies of one benchmark row, in nanoseconds. */
final class Latencies {
    private long[] ns = new long[1024];
    private int n;
    private long totalNs;

    void add(long nanos) {
        if (n == ns.length) ns = Arrays.copyOf(ns, n * 2);
        ns[n++] = nanos;
        totalNs += nanos;
    }

    int count() {
        return n;
    }

    double perSecond() {
        return totalNs == 0 ? 0 : n / (totalNs / 1e9);
    }

    /** The q-quantile (0..1) in milliseconds. */
    double quantileMs(double q) {
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(ns, n);
        Arrays.sort(s);
        return s[(int) Math.min(n - 1, Math.floor(q * n))] / 1e6;
    }

    /** Sum of the first {@code k} recorded times, in milliseconds. */
    double sumFirstMs(int k) {
        long sum = 0;
        for (int i = 0; i < Math.min(k, n); i++) sum += ns[i];
        return sum / 1e6;
    }

    double maxMs() {
        long m = 0;
        for (int i = 0; i < n; i++) m = Math.max(m, ns[i]);
        return m / 1e6;
    }
}
