package org.r1j.pipeline.eval;

import java.util.List;
import org.r1j.model.sample.SamplingParams;

/**
 * Anything that writes completions for prompts: a model with its tokenizer ({@link ModelSampler}), a teacher, or
 * a fixed list in tests. Evaluation and rejection sampling only see this.
 */
@FunctionalInterface
public interface CompletionSampler {
    /**
     * {@code n} completions for each prompt, sampled with {@code params}; result {@code i} holds the n completions
     * of prompt {@code i}, in a deterministic order for a fixed {@code params.seed()}.
     */
    List<List<Completion>> sample(List<String> prompts, int n, SamplingParams params);

    /**
     * One completion.
     *
     * @param text      the completion text (after the prompt)
     * @param tokens    its length in tokens (-1 when unknown)
     * @param truncated true when it hit the token limit instead of stopping
     */
    record Completion(String text, int tokens, boolean truncated) {
        public static Completion of(String text) {
            return new Completion(text, -1, false);
        }
    }
}
