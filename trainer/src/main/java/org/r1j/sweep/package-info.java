/**
 * Sweeps: many short runs of one pipeline that differ in a few settings, compared side by side.
 *
 * <p>In stages, each a class: {@link org.r1j.sweep.SweepSpec} (what the user wrote: a base pipeline config plus axes;
 * from YAML or the notebook builder {@link org.r1j.sweep.Sweep}) → {@link org.r1j.sweep.SweepPlan} (the axes expanded
 * into named runs, every run's config checked before anything trains, and the stages all runs share split off)
 * → {@link org.r1j.sweep.SweepRunner} (runs them, a bounded number at once, resuming what a killed sweep left,
 * recording a failed run and going on) → {@link org.r1j.sweep.SweepResults} and {@link org.r1j.sweep.SweepReport}
 * (results.csv and one report.html that compares the runs).
 *
 * <p>On disk: {@code RUNS_DIR/SWEEP/shared/} (the stages before the first one an axis changes, run once),
 * {@code RUNS_DIR/SWEEP/RUN-NAME/} (each run's config.yaml, log.txt, stage folders), {@code results.csv},
 * {@code report.html}.
 */
package org.r1j.sweep;
