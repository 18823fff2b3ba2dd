package org.r1j.pipeline.rejection;

import java.util.List;
import java.util.Map;
import org.r1j.model.sample.SamplingParams;

/**
 * Rejection sampling settings (R1's stage 3: several samples per prompt from the RL checkpoint, keep the correct
 * ones, drop mixed-language chains of thought and code blocks).
 *
 * @param samplesPerPrompt  N completions sampled per prompt
 * @param temperature       sampling temperature (diverse candidates; R1 does not report it, 0.7–1.0 is usual)
 * @param topP              nucleus mass
 * @param maxNewTokens      completion length limit in tokens
 * @param seed              seeds the sampler
 * @param requireCorrect    keep only completions whose answer the task's checker verifies
 * @param requireFormat     keep only {@code <think>…</think><answer>…</answer>} with nothing else around
 * @param minLanguageRatio  keep only reasoning whose share of target-language words is at least this (R1's
 *                          language consistency); 0 turns the filter off. The target is the problem's
 *                          {@code language} field, else {@code language}
 * @param language          default target language code ("en")
 * @param dropTruncated     drop completions cut at the token limit
 * @param dropCodeBlocks    drop completions containing a Markdown code fence
 * @param minRewards        reward name → minimum value, checked with the reward program when one is given
 * @param maxPerPrompt      keep at most this many distinct completions per prompt (0 = all)
 */
public record RejectionConfig(int samplesPerPrompt, double temperature, double topP, int maxNewTokens, long seed,
                              boolean requireCorrect, boolean requireFormat, double minLanguageRatio, String language,
                              boolean dropTruncated, boolean dropCodeBlocks, Map<String, Double> minRewards,
                              int maxPerPrompt) implements java.io.Serializable {
    public RejectionConfig {
        if (samplesPerPrompt < 1) throw new IllegalArgumentException("samples_per_prompt must be >= 1, got " + samplesPerPrompt);
        if (!(minLanguageRatio >= 0 && minLanguageRatio <= 1)) {
            throw new IllegalArgumentException("min_language_ratio must be in [0, 1], got " + minLanguageRatio);
        }
        if (maxPerPrompt < 0) throw new IllegalArgumentException("max_per_prompt must be >= 0, got " + maxPerPrompt);
        minRewards = minRewards == null ? Map.of() : Map.copyOf(minRewards);
        language = language == null ? "en" : language;
        new SamplingParams(temperature, topP, 0, maxNewTokens, List.of(), seed); // validates the sampling knobs
    }

    /** 8 samples at temperature 0.8, every filter on, language share >= 0.95, at most 4 kept per prompt. */
    public static RejectionConfig defaults(int maxNewTokens) {
        return new RejectionConfig(8, 0.8, 0.95, maxNewTokens, 7, true, true, 0.95, "en", true, true, Map.of(), 4);
    }

    SamplingParams sampling() {
        return new SamplingParams(temperature, topP, 0, maxNewTokens, List.of("</answer>"), seed);
    }
}
