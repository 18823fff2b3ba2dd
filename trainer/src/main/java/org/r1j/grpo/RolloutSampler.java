package org.r1j.grpo;

import java.util.List;
import org.r1j.model.sample.Generation;
import org.r1j.model.sample.SamplingParams;

/**
 * Where GRPO's completions come from: by default the policy through {@link org.r1j.model.sample.Generator}; tests
 * and other engines (a server, a cached rollout) can supply their own.
 */
@FunctionalInterface
public interface RolloutSampler {
    /** {@code n} completions for each tokenised prompt: result[i] holds prompt i's completions. */
    List<List<Generation>> sample(List<int[]> prompts, int n, SamplingParams params);
}
