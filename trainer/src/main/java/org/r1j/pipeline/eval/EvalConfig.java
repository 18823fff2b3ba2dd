package org.r1j.pipeline.eval;

import java.util.List;
import org.r1j.config.Knob;
import org.r1j.config.Knobs;
import org.r1j.model.sample.SamplingParams;

/**
 * How to evaluate, as the R1 paper reports results; each setting declared once ({@link Knob}: default, doc, YAML
 * key). The defaults are an eval stage's in YAML ({@code r1(8, 64)}).
 */
public record EvalConfig(
        @Knob(value = "8", doc = "samples per problem for pass@1 (their mean correctness) and cons@k (their majority vote); "
                + "R1 uses 64")
        int k,

        @Knob(value = "0.6", doc = "sampling temperature for the k samples (R1: 0.6)")
        double temperature,

        @Knob(value = "0.95", doc = "nucleus mass for the k samples (R1: 0.95)")
        double topP,

        @Knob(value = "64", doc = "completion length limit in tokens")
        int maxNewTokens,

        @Knob(value = "true", doc = "also decode once greedily per problem and report its accuracy")
        boolean greedy,

        @Knob(value = "[</answer>]", yaml = "stop", doc = "generation stops after one of these (the end of an R1 answer)")
        List<String> stopStrings,

        @Knob(value = "1234", doc = "seeds the sampler, so an evaluation can be repeated exactly")
        long seed) implements java.io.Serializable {
    /** The settings, their defaults and docs; YAML ↔ record. */
    public static final Knobs<EvalConfig> KNOBS = Knobs.of(EvalConfig.class, "eval");

    public EvalConfig {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        stopStrings = stopStrings == null ? List.of("</answer>") : List.copyOf(stopStrings);
    }

    /** The paper's protocol: temperature 0.6, top-p 0.95, k samples, plus greedy accuracy. */
    public static EvalConfig r1(int k, int maxNewTokens) {
        return KNOBS.builder().set(EvalConfig::k, k).set(EvalConfig::maxNewTokens, maxNewTokens).build();
    }

    SamplingParams sampling() {
        return new SamplingParams(temperature, topP, 0, maxNewTokens, stopStrings, seed);
    }

    SamplingParams greedySampling() {
        return new SamplingParams(0, 1, 0, maxNewTokens, stopStrings, seed);
    }
}
