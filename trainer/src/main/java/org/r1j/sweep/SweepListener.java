package org.r1j.sweep;

import org.r1j.train.StepMetrics;

/** Told what a sweep is doing, e.g. a live notebook view; calls come from the runs' threads, one at a time. */
public interface SweepListener {
    default void onPlan(SweepResults pending) {}
    default void onRunStart(SweepRun run) {}
    /** A training step of a run finished. */
    default void onStep(SweepRun run, StepMetrics step) {}
    /** A run finished, failed or stopped; {@code soFar} holds every run's latest state. */
    default void onRunEnd(SweepOutcome outcome, SweepResults soFar) {}
    default void onEnd(SweepResults results) {}

    SweepListener NONE = new SweepListener() { };
}
