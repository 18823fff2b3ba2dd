package org.r1j.dsl.sandbox;

/**
 * What one sandboxed run did.
 *
 * @param status     how it ended
 * @param exitCode   the program's exit status (128 + signal when a signal ended it; -1 when it was killed by the
 *                   judge or never ran)
 * @param stdout     what it wrote to stdout, up to the output limit
 * @param stderr     the end of what it wrote to stderr (for the explanation: the exception line is last)
 * @param wallMillis elapsed time of the run, start-up included
 * @param detail     for {@link Status#SANDBOX_ERROR}, what failed
 */
public record Execution(Status status, int exitCode, String stdout, String stderr, long wallMillis, String detail) {
    public enum Status {
        /** It ran and exited by itself (any exit code). */
        EXITED,
        /** It ran past the wall-clock limit and was killed with everything it started. */
        TIMED_OUT,
        /** It wrote more than the output limit and was killed. */
        OUTPUT_LIMIT,
        /** The sandbox could not run it (launch failed, namespace set-up failed): neither pass nor fail. */
        SANDBOX_ERROR
    }

    static Execution sandboxError(String detail, long wallMillis) {
        return new Execution(Status.SANDBOX_ERROR, -1, "", "", wallMillis, detail);
    }

    /** The last non-empty line of stderr (Python's exception line), or "". */
    public String lastErrorLine() {
        String[] lines = stderr.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    /** Why it ended, in words, when it did not just exit 0: "CPU limit (2 s)", "killed by signal 9", "exit 1". */
    public String endedBy(SandboxLimits limits) {
        return switch (status) {
            case TIMED_OUT -> "timed out " + seconds(limits.wallMillis());
            case OUTPUT_LIMIT -> "output over " + (limits.outputBytes() >> 10) + " KB";
            case SANDBOX_ERROR -> "sandbox failed: " + detail;
            case EXITED -> switch (exitCode) {
                case 0 -> "exit 0";
                case 128 + 24 -> "CPU limit (" + limits.cpuLimitSeconds() + " s)";
                case 128 + 25 -> "file size limit (" + (limits.fileBytes() >> 20) + " MB)";
                case 128 + 9 -> "killed (SIGKILL, e.g. the CPU hard limit)";
                default -> exitCode > 128 ? "killed by signal " + (exitCode - 128) : "exit " + exitCode;
            };
        };
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
