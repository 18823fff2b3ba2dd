package org.r1j.grpo;

import java.util.Map;

/**
 * A training problem as GRPO sees it: what the reward program checks a completion against. The pipeline's
 * {@code Problem} (tasks, JSONL datasets) is one; the prompt text comes from the template the trainer is given.
 */
public interface VerifiableProblem {
    /** Names the problem in messages (e.g. a reward program that failed on it). */
    String id();

    /** The reference answer, {@code reference} in a reward file. */
    String reference();

    /** The dataset's other fields, visible to reward files by name. */
    Map<String, Object> fields();
}
