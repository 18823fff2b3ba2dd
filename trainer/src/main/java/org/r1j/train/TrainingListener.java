package org.r1j.train;

import java.nio.file.Path;

/**
 * Callbacks from a training loop (GRPO or SFT), all on the training thread: the run records, the console progress
 * bar and the Jupyter kernel's live display are listeners. Implementations must be quick; they must not throw
 * (an exception is reported and the listener is dropped, training goes on).
 */
public interface TrainingListener {
    /**
     * @param stage     "grpo" or "sft"
     * @param firstStep the step about to run (1, or later when resuming)
     * @param maxSteps  the last step
     */
    default void onStart(String stage, int firstStep, int maxSteps) {}

    /** After every step, including skipped ones ({@link StepMetrics#skipped()}). */
    default void onStep(StepMetrics metrics) {}

    /** After a checkpoint has been completely written to {@code dir}. */
    default void onCheckpoint(int step, Path dir) {}

    /**
     * At the end of the run.
     *
     * @param lastStep     last completed step
     * @param interrupted  true when stopped early by an interrupt (a resumable checkpoint was written)
     */
    default void onEnd(int lastStep, boolean interrupted) {}
}
