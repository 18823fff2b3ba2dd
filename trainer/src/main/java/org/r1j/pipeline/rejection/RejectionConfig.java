package org.r1j.pipeline.rejection;

import java.util.List;
import java.util.Map;
import org.r1j.config.Knob;
import org.r1j.config.Knobs;
import org.r1j.model.sample.SamplingParams;

/**
 * Rejection sampling settings (R1's stage 3: several samples per prompt from the RL checkpoint, keep the correct
 * ones, drop mixed-language chains of thought and code blocks); each setting declared once ({@link Knob}: default,
 * doc, YAML key). The defaults are a rejection stage's in YAML ({@code defaults(64)}).
 */
public record RejectionConfig(
        @Knob(value = "8", doc = "N completions sampled per prompt")
        int samplesPerPrompt,

        @Knob(value = "0.8", doc = "sampling temperature (diverse candidates; R1 does not report it, 0.7-1.0 is usual)")
        double temperature,

        @Knob(value = "0.95", doc = "nucleus mass")
        double topP,

        @Knob(value = "64", doc = "completion length limit in tokens")
        int maxNewTokens,

        @Knob(value = "7", doc = "seeds the sampler")
        long seed,

        @Knob(value = "true", doc = "keep only completions whose answer the task's checker verifies")
        boolean requireCorrect,

        @Knob(value = "true", doc = "keep only <think>...</think><answer>...</answer> with nothing else around")
        boolean requireFormat,

        @Knob(value = "0.95", doc = "keep only reasoning whose share of target-language words is at least this (R1's "
                + "language consistency); 0 turns the filter off. The target is the problem's language field, else language")
        double minLanguageRatio,

        @Knob(value = "en", doc = "default target language code")
        String language,

        @Knob(value = "true", doc = "drop completions cut at the token limit")
        boolean dropTruncated,

        @Knob(value = "true", doc = "drop completions containing a Markdown code fence")
        boolean dropCodeBlocks,

        @Knob(value = "{}", doc = "reward name -> minimum value, checked with the reward program when one is given")
        Map<String, Double> minRewards,

        @Knob(value = "4", doc = "keep at most this many distinct completions per prompt (0 = all)")
        int maxPerPrompt) implements java.io.Serializable {
    /** The settings, their defaults and docs; YAML ↔ record. */
    public static final Knobs<RejectionConfig> KNOBS = Knobs.of(RejectionConfig.class, "rejection");

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
        return KNOBS.builder().set(RejectionConfig::maxNewTokens, maxNewTokens).build();
    }

    SamplingParams sampling() {
        return new SamplingParams(temperature, topP, 0, maxNewTokens, List.of("</answer>"), seed);
    }
}
