package org.r1j.kernel.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.core.MagicException;
import org.r1j.kernel.jshell.CellCompileException;

/**
 * {@code %timeit [-n LOOPS] [-r REPEATS] CODE}: like IPython's, the mean ± standard deviation of one run of CODE over
 * REPEATS timings of LOOPS runs each. CODE is compiled once, as a lambda, so JShell's compile time is not measured.
 * Without {@code -n} the loop count grows tenfold until one timing takes {@link #MIN_TIMING_SECONDS}.
 */
public final class TimeitMagic implements LineMagic {
    static final int DEFAULT_REPEATS = 7;
    static final double MIN_TIMING_SECONDS = 0.2;

    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) {
        int loops = 0;
        int repeats = DEFAULT_REPEATS;
        String code = rawArgs.strip();
        while (code.startsWith("-n") || code.startsWith("-r")) {
            String[] p = code.split("\\s+", 3);
            if (p.length < 3 || !p[1].matches("\\d+") || Integer.parseInt(p[1]) < 1) {
                throw new MagicException("%timeit: " + p[0] + " needs a positive count, e.g. %timeit -n 100 -r 5 f(x)");
            }
            if (p[0].equals("-n")) {
                loops = Integer.parseInt(p[1]);
            } else {
                repeats = Integer.parseInt(p[1]);
            }
            code = p[2].strip();
        }
        if (code.isEmpty()) {
            throw new MagicException("%timeit needs code to time, e.g. %timeit Math.sqrt(2)");
        }
        Runnable body = compile(kernel, code);
        if (loops == 0) {
            loops = 1;
            while (time(body, loops) < MIN_TIMING_SECONDS * 1e9 && loops < 1_000_000_000) {
                loops *= 10;
            }
        }
        List<Double> perLoop = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            perLoop.add(time(body, loops) / (double) loops);
        }
        double mean = perLoop.stream().mapToDouble(d -> d).average().orElse(0);
        double var = perLoop.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, perLoop.size() - 1);
        System.out.printf(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d runs, %,d loop%s each)%n",
                format(mean), format(Math.sqrt(var)), repeats, loops, loops == 1 ? "" : "s");
        return null;
    }

    /** An expression as a Supplier (its value is kept, so the JIT cannot drop it), else statements as a Runnable. */
    @SuppressWarnings("unchecked")
    private static Runnable compile(KernelContext kernel, String code) {
        String statements = code.endsWith(";") ? code : code + ";";
        try {
            Object s = kernel.java().eval("(java.util.function.Supplier<Object>) () -> (" + stripSemicolon(code) + ")", kernel.cellNumber(), 1).value();
            Supplier<Object> supplier = (Supplier<Object>) s;
            Object[] sink = new Object[1];
            return () -> sink[0] = supplier.get();
        } catch (CellCompileException notAnExpression) {
            return (Runnable) kernel.java().eval("(Runnable) () -> { " + statements + " }", kernel.cellNumber(), 1).value();
        }
    }

    private static String stripSemicolon(String code) {
        return code.endsWith(";") ? code.substring(0, code.length() - 1) : code;
    }

    private static long time(Runnable body, int loops) {
        long start = System.nanoTime();
        for (int i = 0; i < loops; i++) {
            body.run();
        }
        return System.nanoTime() - start;
    }

    static String format(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.1f ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
