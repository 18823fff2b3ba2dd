package org.r1j.sweep;

import java.nio.file.Path;

/**
 * What became of one run.
 *
 * @param status  done, failed, interrupted or (not yet run) pending
 * @param error   why it failed or stopped ("" when done)
 * @param seconds wall time of this session's work on it (a resumed, finished run: ~0)
 * @param dir     its folder
 */
public record SweepOutcome(SweepRun run, Status status, String error, double seconds, RunMetrics metrics, Path dir) {
    /** A run's state. */
    public enum Status { DONE, FAILED, INTERRUPTED, PENDING;
        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public static SweepOutcome pending(SweepRun run, Path dir) {
        return new SweepOutcome(run, Status.PENDING, "", 0, RunMetrics.NONE, dir);
    }
}
