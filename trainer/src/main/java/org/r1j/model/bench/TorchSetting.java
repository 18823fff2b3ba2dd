package org.r1j.model.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One thread setting of the PyTorch reference: torch's own (intra-op, OpenMP) threads, and the threads of the
 * OpenBLAS under it, which torch.set_num_threads does not govern (Debian's OpenBLAS is the pthread build and reads
 * its count from the environment). Which setting is fastest depends on the work (training's large matmuls,
 * generation's small ones) and on the machine, so the reference runs at several and r1j is compared with the best
 * of each measure.
 *
 * @param torchThreads torch.set_num_threads
 * @param blasThreads  OPENBLAS_NUM_THREADS, or {@link #FREE}: OMP_NUM_THREADS / OPENBLAS_NUM_THREADS removed, so
 *                     OpenBLAS picks its own count (all CPUs)
 */
record TorchSetting(int torchThreads, int blasThreads) {
    static final int FREE = 0;

    TorchSetting {
        if (torchThreads < 1 || blasThreads < 0)
            throw new IllegalArgumentException("thread counts must be >= 1, got " + torchThreads + "/" + blasThreads);
    }

    /**
     * The settings run by default: 1 thread throughout; every CPU for torch over a 1-thread BLAS, and over an
     * all-CPU one (torch's OpenMP workers and OpenBLAS's then compete for the cores: in two standalone runs on 2
     * vCPUs that trained at 690-2,080 tokens/s against 2,420-2,520 over a 1-thread BLAS, but it is what
     * OMP_NUM_THREADS=n gives; both collapse when another process holds a core); and
     * 1 torch thread over a free BLAS, what torch 1.13 picked on its own on the 2-vCPU dev machine.
     */
    static List<TorchSetting> defaults(int cpus) {
        int n = Math.max(1, cpus);
        var all = new LinkedHashSet<>(List.of(new TorchSetting(1, 1), new TorchSetting(n, 1), new TorchSetting(n, n),
                new TorchSetting(1, FREE)));
        return List.copyOf(all); // one CPU: the first three are the same run, done once
    }

    /** Parses "1,2/1,2,1/free": t/b = torch on t threads, BLAS on b (or free); a bare t is t/t. */
    static List<TorchSetting> parseList(String spec) {
        var out = new LinkedHashSet<TorchSetting>();
        for (String part : spec.split(",", -1)) {
            String p = part.strip();
            String[] tb = p.split("/", -1);
            try {
                if (tb.length > 2) throw new NumberFormatException();
                int t = Integer.parseInt(tb[0].strip());
                String b = tb.length == 1 ? tb[0].strip() : tb[1].strip();
                out.add(new TorchSetting(t, b.equals("free") ? FREE : positive(b)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a thread setting: '" + p + "' (use t, t/b or t/free, e.g. 1,2/1,1/free)");
            }
        }
        return new ArrayList<>(out);
    }

    boolean blasFree() {
        return blasThreads == FREE;
    }

    /** The spelling parseList reads, used as the setting's name in the output. */
    String label() {
        return torchThreads + "/" + (blasFree() ? "free" : blasThreads);
    }

    /** In words, for the per-setting line. */
    String describe() {
        return "torch " + plural(torchThreads) + ", BLAS " + (blasFree() ? "free" : plural(blasThreads));
    }

    /** Sets the thread variables of the python process (OPENBLAS_CORETYPE is the caller's business). */
    void applyTo(Map<String, String> env) {
        for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS")) env.remove(v);
        if (!blasFree()) {
            env.put("OMP_NUM_THREADS", "" + torchThreads);
            env.put("OPENBLAS_NUM_THREADS", "" + blasThreads);
        }
    }

    private static int positive(String s) {
        int n = Integer.parseInt(s);
        if (n < 1) throw new NumberFormatException();
        return n;
    }

    private static String plural(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }
}
