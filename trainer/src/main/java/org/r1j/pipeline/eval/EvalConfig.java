package org.r1j.pipeline.eval;

import java.util.List;
import org.r1j.model.sample.SamplingParams;

/**
 * How to evaluate, as the R1 paper reports results.
 *
 * @param k              samples per problem for pass@1 (their mean correctness) and cons@k (their majority vote);
 *                       R1 uses 64
 * @param temperature    sampling temperature for the k samples (R1: 0.6)
 * @param topP           nucleus mass for the k samples (R1: 0.95)
 * @param maxNewTokens   completion length limit in tokens
 * @param greedy         also decode once greedily per problem and report its accuracy
 * @param stopStrings    generation stops after one of these (default {@code </answer>}, the end of an R1 answer)
 * @param seed           seeds the sampler, so an evaluation can be repeated exactly
 */
public record EvalConfig(int k, double temperature, double topP, int maxNewTokens, boolean greedy,
                         List<String> stopStrings, long seed) implements java.io.Serializable {
    public EvalConfig {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        stopStrings = stopStrings == null ? List.of("</answer>") : List.copyOf(stopStrings);
    }

    /** The paper's protocol: temperature 0.6, top-p 0.95, k samples, plus greedy accuracy. */
    public static EvalConfig r1(int k, int maxNewTokens) {
        return new EvalConfig(k, 0.6, 0.95, maxNewTokens, true, List.of("</answer>"), 1234);
    }

    SamplingParams sampling() {
        return new SamplingParams(temperature, topP, 0, maxNewTokens, stopStrings, seed);
    }

    SamplingParams greedySampling() {
        return new SamplingParams(0, 1, 0, maxNewTokens, stopStrings, seed);
    }
}
