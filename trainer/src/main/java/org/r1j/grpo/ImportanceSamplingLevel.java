package org.r1j.grpo;

/**
 * Where the importance ratio {@code rho = pi_theta / pi_old} is taken (TRL's {@code importance_sampling_level}).
 * <ul>
 *   <li>{@link #TOKEN}: one ratio per token, {@code exp(logp_t - old_t)} (PPO, GRPO).</li>
 *   <li>{@link #SEQUENCE}: one ratio per completion, {@code exp(mean_t over unmasked tokens of (logp_t - old_t))},
 *       used for all its tokens — GSPO (Zheng et al., arXiv 2507.18071): the ratio matches the sequence-level reward
 *       and is less noisy than per-token ratios.</li>
 * </ul>
 */
public enum ImportanceSamplingLevel {
    TOKEN, SEQUENCE;

    public static ImportanceSamplingLevel parse(String s) {
        return EnumNames.parse(ImportanceSamplingLevel.class, "importance_sampling_level", s);
    }

    public String trlName() {
        return EnumNames.name(this);
    }
}
