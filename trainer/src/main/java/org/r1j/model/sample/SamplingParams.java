package org.r1j.model.sample;

import java.util.List;

/**
 * How to sample completions.
 *
 * @param temperature   softmax temperature; 0 means greedy (argmax)
 * @param topP          nucleus sampling mass in (0, 1]; 1 disables it
 * @param topK          keep the K most likely tokens; 0 disables it
 * @param maxNewTokens  generation stops with {@link FinishReason#LENGTH} after this many tokens
 * @param stopStrings   generation stops (with {@link FinishReason#STOP}) once the text ends with one of these
 * @param seed          seeds the sampler: the same seed, model and prompts give the same tokens
 * @param minP          keep only tokens whose probability is at least min_p times the most likely one's (min-p
 *                      sampling, Nguyen et al., arXiv 2407.01082; transformers/vLLM {@code min_p}); 0 disables it
 * @param repetitionPenalty logits of tokens already in the prompt or the completion are divided by it (multiplied
 *                      when negative), as transformers' RepetitionPenaltyLogitsProcessor (CTRL, Keskar et al. 2019);
 *                      1 disables it
 */
public record SamplingParams(double temperature, double topP, int topK, int maxNewTokens, List<String> stopStrings,
                             long seed, double minP, double repetitionPenalty) {
    public SamplingParams(double temperature, double topP, int topK, int maxNewTokens, List<String> stopStrings, long seed) {
        this(temperature, topP, topK, maxNewTokens, stopStrings, seed, 0, 1);
    }

    public SamplingParams {
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        if (topK < 0) throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
        if (!(minP >= 0 && minP <= 1)) throw new IllegalArgumentException("min_p must be in [0, 1], got " + minP);
        if (!(repetitionPenalty > 0)) throw new IllegalArgumentException("repetition_penalty must be > 0, got " + repetitionPenalty);
        if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
    }

    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(0, 1, 0, maxNewTokens, List.of(), 0);
    }
}
