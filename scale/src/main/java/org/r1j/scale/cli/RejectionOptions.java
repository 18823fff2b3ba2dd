package org.r1j.scale.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r1j.pipeline.rejection.RejectionConfig;
import picocli.CommandLine.Option;

/** The rejection stage's knobs (see {@link RejectionConfig}; defaults are {@link RejectionConfig#defaults}). */
public final class RejectionOptions {
    @Option(names = "--prompts", paramLabel = "N", defaultValue = "256", description = "Training problems to sample for (default: ${DEFAULT-VALUE}).")
    int prompts;

    @Option(names = "--samples-per-prompt", paramLabel = "N", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int samplesPerPrompt;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--seed", defaultValue = "7", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-language-ratio", defaultValue = "0.95", description = "Keep reasoning with at least this target-language share; 0: off (default: ${DEFAULT-VALUE}).")
    double minLanguageRatio;

    @Option(names = "--max-per-prompt", defaultValue = "4", description = "Keep at most this many per prompt; 0: all (default: ${DEFAULT-VALUE}).")
    int maxPerPrompt;

    @Option(names = "--keep-wrong", description = "Do not require a verified answer.")
    boolean keepWrong;

    @Option(names = "--reward", paramLabel = "FILE", description = "Reward file for --min-reward.")
    Path reward;

    @Option(names = "--min-reward", paramLabel = "NAME=VALUE", description = "Keep only samples with this reward at least VALUE (repeatable; needs --reward).")
    Map<String, Double> minRewards = new LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder: data.jsonl (id, prompt, completion), as the pipeline's stage writes it.")
    Path out;

    RejectionConfig config() {
        return new RejectionConfig(samplesPerPrompt, temperature, topP, maxNewTokens, seed, !keepWrong, true, minLanguageRatio, "en",
                true, true, minRewards, maxPerPrompt);
    }
}
