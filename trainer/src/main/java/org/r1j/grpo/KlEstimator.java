package org.r1j.grpo;

/**
 * Per-token estimator of KL(pi_theta || pi_ref) added to the loss as {@code beta · k}, with
 * {@code x = logp_ref - logp} (Schulman, "Approximating KL divergence", 2020; verl {@code kl_loss_type},
 * OpenRLHF {@code --algo.kl.estimator}). TRL has only k3.
 * <ul>
 *   <li>{@link #K1}: {@code -x} — unbiased, high variance, can be negative (verl {@code kl}).</li>
 *   <li>{@link #K2}: {@code x²/2} — biased, low variance; its gradient is the gradient of the true KL
 *       (verl {@code mse}).</li>
 *   <li>{@link #K3}: {@code exp(x) - x - 1} — unbiased, always ≥ 0 (verl {@code low_var_kl}; DeepSeekMath, TRL).
 *       Unlike verl, r1j does not clamp it (TRL does not either).</li>
 * </ul>
 */
public enum KlEstimator {
    K1, K2, K3;

    public static KlEstimator parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {  // verl's spellings
            case "kl" -> { return K1; }
            case "mse" -> { return K2; }
            case "low_var_kl" -> { return K3; }
            default -> { return EnumNames.parse(KlEstimator.class, "kl_estimator", s); }
        }
    }

    public String trlName() {
        return EnumNames.name(this);
    }

    /** The estimate for {@code x = ref - logp}. */
    public double value(double x) {
        return switch (this) {
            case K1 -> -x;
            case K2 -> 0.5 * x * x;
            case K3 -> Math.exp(x) - x - 1;
        };
    }

    /** d estimate / d logp for {@code x = ref - logp}. */
    public double gradient(double x) {
        return switch (this) {
            case K1 -> 1;
            case K2 -> -x;
            case K3 -> 1 - Math.exp(x);
        };
    }
}
