package org.r1j.kernel.magics;

import java.util.List;
import java.util.Locale;
import org.r1j.kernel.core.CellMagic;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.jshell.JavaEvaluator;

/**
 * {@code %time STATEMENT} and {@code %%time}: runs the code, then prints the kernel's CPU time (all its threads:
 * training uses several) and the wall-clock time; the value passes through.
 */
public final class TimeMagic implements LineMagic, CellMagic {
    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) {
        if (rawArgs.isBlank()) {
            throw new org.r1j.kernel.core.MagicException("%time needs code to time, e.g. %time train(config)");
        }
        return timed(() -> kernel.eval(rawArgs, 1));
    }

    @Override
    public Object run(KernelContext kernel, List<String> args, String body, int bodyLine) {
        return timed(() -> kernel.eval(body, bodyLine));
    }

    private static JavaEvaluator.Value timed(java.util.function.Supplier<JavaEvaluator.Value> code) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        try {
            return code.get();
        } finally {
            long wall = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpuStart;
            if (cpuStart >= 0 && cpu >= 0) {
                System.out.println("CPU time: " + format(cpu) + " (all threads)");
            }
            System.out.println("Wall time: " + format(wall));
        }
    }

    /** CPU time of the whole JVM, or -1 where the platform does not say. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static String format(long nanos) {
        double ms = nanos / 1e6;
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        double s = ms / 1000;
        return s < 120 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%d min %.0f s", (long) s / 60, s % 60);
    }
}
