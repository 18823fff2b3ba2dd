package org.r1j.grpo;

/**
 * How group-relative advantages are scaled (TRL's {@code scale_rewards}). The centre is always the group mean.
 * <ul>
 *   <li>{@link #GROUP}: divide by the group's (Bessel-corrected) std + 1e-4 — DeepSeekMath GRPO.</li>
 *   <li>{@link #BATCH}: divide by the std of all rewards in the generation batch + 1e-4 — "Tricks or Traps? A Deep
 *       Dive into RL for LLM Reasoning" (Lite PPO, arXiv 2508.08221).</li>
 *   <li>{@link #NONE}: no division — Dr. GRPO (arXiv 2503.20783): the std term up-weights too-easy/too-hard groups.</li>
 * </ul>
 */
public enum ScaleRewards {
    GROUP, BATCH, NONE;

    public static ScaleRewards parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        // TRL accepted booleans before it grew the three modes: true = group, false = none.
        if (t.equals("true")) return GROUP;
        if (t.equals("false")) return NONE;
        for (ScaleRewards v : values()) {
            if (v.name().equalsIgnoreCase(t)) return v;
        }
        throw new IllegalArgumentException("scale_rewards must be one of group, batch, none; got '" + s + "'");
    }

    public String trlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
