package org.r1j.model.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One thread setting of the PyTorch reference: torch's own (intra-op) threads, and the threads of the OpenBLAS
 * under it, which torch.set_num_threads does not govern (Debian's OpenBLAS is the pthread build and reads its count
 * from the environment). Which setting is fastest depends on the work (training's large matmuls, generation's
 * small ones) and on the machine, so the reference runs at several and r1j is compared with the best of each measure.
 *
 * @param torchThreads torch.set_num_threads
 * @param blasFree     true: OMP_NUM_THREADS / OPENBLAS_NUM_THREADS removed, so OpenBLAS picks its own count (all
 *                     CPUs); false: both set to torchThreads
 */
record TorchSetting(int torchThreads, boolean blasFree) {
    static final String FREE = "+blas";

    TorchSetting {
        if (torchThreads < 1) throw new IllegalArgumentException("torch threads must be >= 1, got " + torchThreads);
    }

    /** The settings run by default: 1 thread throughout, every CPU throughout, and 1 torch thread over a free BLAS. */
    static List<TorchSetting> defaults(int cpus) {
        var all = new LinkedHashSet<>(List.of(new TorchSetting(1, false), new TorchSetting(Math.max(1, cpus), false),
                new TorchSetting(1, true)));
        return List.copyOf(all); // one CPU: the first two are the same run
    }

    /** Parses "1,2,1+blas": n = torch and BLAS on n threads; n+blas = torch on n, BLAS left free. */
    static List<TorchSetting> parseList(String spec) {
        var out = new LinkedHashSet<TorchSetting>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            boolean free = p.endsWith(FREE);
            String n = free ? p.substring(0, p.length() - FREE.length()) : p;
            try {
                out.add(new TorchSetting(Integer.parseInt(n.strip()), free));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a thread setting: '" + p + "' (use n or n" + FREE + ", e.g. 1,2,1" + FREE + ")");
            }
        }
        return new ArrayList<>(out);
    }

    /** The spelling parseList reads, used as the setting's name in the output. */
    String label() {
        return torchThreads + (blasFree ? FREE : "");
    }

    /** In words, for the per-setting line. */
    String describe() {
        return "torch " + plural(torchThreads) + ", BLAS " + (blasFree ? "free" : plural(torchThreads));
    }

    /** Sets the thread variables of the python process (OPENBLAS_CORETYPE is the caller's business). */
    void applyTo(Map<String, String> env) {
        for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS")) env.remove(v);
        if (!blasFree) {
            env.put("OMP_NUM_THREADS", "" + torchThreads);
            env.put("OPENBLAS_NUM_THREADS", "" + torchThreads);
        }
    }

    private static String plural(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }
}
