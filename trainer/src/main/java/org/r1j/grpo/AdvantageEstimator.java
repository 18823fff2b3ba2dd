package org.r1j.grpo;

/**
 * How a completion's advantage is estimated from the rewards of its group (verl's {@code algorithm.adv_estimator};
 * r = total reward, G known rewards in the group, unknown (NaN) rewards are left out and get advantage 0).
 * <ul>
 *   <li>{@link #GRPO}: {@code (r_i - mean) / (std + 1e-4)}, scaled as {@code scale_rewards} says — DeepSeekMath
 *       (arXiv 2402.03300), TRL's GRPOTrainer.</li>
 *   <li>{@link #RLOO}: {@code r_i - mean of the other G-1} = {@code G/(G-1)·(r_i - mean)} — REINFORCE Leave-One-Out
 *       (Ahmadian et al., arXiv 2402.14740; verl {@code rloo}, TRL's RLOOTrainer). Not scaled.</li>
 *   <li>{@link #REINFORCE_PLUS_PLUS_BASELINE}: {@code r_i - group mean}, then whitened over the whole generation
 *       batch with every completion token weighing the same (verl's {@code masked_whiten}: token-weighted mean and
 *       Bessel-corrected variance, {@code rsqrt(var + 1e-8)}) — REINFORCE++ (Hu et al., arXiv 2501.03262).</li>
 *   <li>{@link #GRPO_PASSK}: only the best completion of a group gets an advantage, {@code r_max - r_second}, divided
 *       by {@code std + 1e-4} unless {@code scale_rewards = none} — pass@k training (Chen et al., arXiv 2503.19595;
 *       verl {@code grpo_passk}).</li>
 * </ul>
 * {@code scale_rewards} applies to grpo and grpo_passk only (verl's {@code norm_adv_by_std_in_grpo}); the std epsilon
 * is TRL's 1e-4 throughout (verl uses 1e-6).
 */
public enum AdvantageEstimator {
    GRPO, RLOO, REINFORCE_PLUS_PLUS_BASELINE, GRPO_PASSK;

    public static AdvantageEstimator parse(String s) {
        return EnumNames.parse(AdvantageEstimator.class, "advantage_estimator", s);
    }

    public String trlName() {
        return EnumNames.name(this);
    }
}
