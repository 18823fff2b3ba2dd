package org.r1j.train.checkpoint;

import java.util.Map;

/**
 * Everything besides tensors that a run needs to continue exactly: the step, the data position and counters.
 * Randomness is derived, not stored: sampling at step s is seeded by (seed, s) and the prompt order of an epoch by
 * (seed, epoch), so (seed, step, epoch, index) pin every random draw of the rest of the run.
 *
 * @param stage      "grpo" or "sft"
 * @param step       optimiser steps completed
 * @param epoch      data epoch of the next example
 * @param index      position in that epoch's permutation
 * @param numTokens  tokens seen so far (TRL's cumulative {@code num_tokens})
 * @param seed       the run's seed
 * @param config     the run's settings (snake_case), for the record and for checking a resume uses the same ones
 */
public record TrainerState(String stage, int step, int epoch, int index, long numTokens, long seed,
                           Map<String, Object> config) {
}
