package org.r1j.grpo;

/**
 * How the importance weight between the trainer's and the sampler's log-probabilities,
 * {@code w = exp(logp_trainer_old - logp_sampler)}, is bounded to [clip_min, clip_max] (TRL's
 * {@code vllm_importance_sampling_mode}): a GPU sampler and a CPU trainer do not round alike, so the completions were
 * not drawn from exactly the policy being trained ("Your efficient RL framework secretly brings you off-policy RL
 * training", Yao et al. 2025; truncated IS as in IMPALA/V-trace).
 * <ul>
 *   <li>{@link #TOKEN_TRUNCATE}: per-token weights clamped to the bounds.</li>
 *   <li>{@link #TOKEN_MASK}: per-token weights outside the bounds set to 0.</li>
 *   <li>{@link #SEQUENCE_TRUNCATE}: one weight per completion, {@code exp(Σ_t diff)}, clamped.</li>
 *   <li>{@link #SEQUENCE_MASK}: completions whose weight is outside the bounds are left out (TRL's default).</li>
 * </ul>
 */
public enum SamplerCorrectionMode {
    TOKEN_TRUNCATE, TOKEN_MASK, SEQUENCE_TRUNCATE, SEQUENCE_MASK;

    public static SamplerCorrectionMode parse(String s) {
        return EnumNames.parse(SamplerCorrectionMode.class, "vllm_importance_sampling_mode", s);
    }

    public String trlName() {
        return EnumNames.name(this);
    }

    public boolean sequenceLevel() {
        return this == SEQUENCE_TRUNCATE || this == SEQUENCE_MASK;
    }
}
