package org.r1j.train;

import java.util.Map;

/**
 * Work the training loop runs between optimiser steps and logs with the step: in-run evaluation on held-out
 * problems (TRL's {@code eval_strategy="steps"}). SFT and GRPO call it the same way.
 */
public interface StepEvaluation {
    /**
     * Called before the first step of a fresh run ({@code step == 0}) and after every step.
     *
     * @return metrics to add to this step's row (e.g. {@code eval/pass@1}); empty when nothing was measured now
     */
    Map<String, Double> after(int step, int maxSteps);

    /** Called once when the loop ends; {@code interrupted} when it stopped early (a resumed run goes on later). */
    default void finish(boolean interrupted) {
    }

    /** No evaluation. */
    StepEvaluation NONE = (step, maxSteps) -> Map.of();
}
