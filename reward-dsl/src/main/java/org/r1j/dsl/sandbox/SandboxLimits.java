package org.r1j.dsl.sandbox;

/**
 * What one sandboxed run may use. Every limit is enforced by the kernel ({@code prlimit}) or by the judge
 * (wall clock, output), never by the program's good will.
 *
 * @param cpuSeconds  CPU seconds of the program ({@code RLIMIT_CPU}; past it the kernel sends SIGXCPU, then SIGKILL)
 * @param wallMillis  elapsed time of one run; past it the whole sandbox (its PID namespace, or its process group
 *                    and descendants) is killed. Larger than the CPU limit so that a busy machine does not fail a
 *                    correct program, small enough that a sleeping one cannot stall a batch
 * @param memoryBytes address space of each process ({@code RLIMIT_AS}); a bigger allocation fails inside the
 *                    program (Python: MemoryError)
 * @param outputBytes bytes of stdout (and separately stderr) kept; a program that writes more is killed and fails
 * @param fileBytes   largest file the program may write ({@code RLIMIT_FSIZE}); also the size of its private
 *                    working directory (a tmpfs) where namespaces are available
 * @param processes   processes (threads included) the program's user may run ({@code RLIMIT_NPROC}; each worker
 *                    runs as its own user id where the judge is root, so a fork bomb meets it quickly)
 * @param workers     runs in parallel; runs mostly wait on process start-up and I/O, so twice the CPUs by default
 * @param maxCodeChars longest program accepted; a longer one is a failed run, not a run
 */
public record SandboxLimits(double cpuSeconds, long wallMillis, long memoryBytes, int outputBytes, long fileBytes,
                            int processes, int workers, int maxCodeChars) {
    public static final SandboxLimits DEFAULT = new SandboxLimits(2.0, 4_000, 512L << 20, 1 << 20, 16L << 20, 32,
            Math.max(2, 2 * Runtime.getRuntime().availableProcessors()), 65_536);

    public SandboxLimits {
        if (!(cpuSeconds > 0) || wallMillis <= 0 || memoryBytes <= 0 || outputBytes <= 0 || fileBytes <= 0
                || processes <= 0 || workers <= 0 || maxCodeChars <= 0) {
            throw new IllegalArgumentException("sandbox limits must all be positive: " + this);
        }
    }

    public SandboxLimits withWallMillis(long millis) {
        return new SandboxLimits(cpuSeconds, millis, memoryBytes, outputBytes, fileBytes, processes, workers, maxCodeChars);
    }

    public SandboxLimits withCpuSeconds(double seconds) {
        return new SandboxLimits(seconds, wallMillis, memoryBytes, outputBytes, fileBytes, processes, workers, maxCodeChars);
    }

    public SandboxLimits withWorkers(int n) {
        return new SandboxLimits(cpuSeconds, wallMillis, memoryBytes, outputBytes, fileBytes, processes, n, maxCodeChars);
    }

    /** The CPU limit in whole seconds as {@code prlimit} takes it (rounded up, at least 1). */
    long cpuLimitSeconds() {
        return Math.max(1, (long) Math.ceil(cpuSeconds));
    }
}
