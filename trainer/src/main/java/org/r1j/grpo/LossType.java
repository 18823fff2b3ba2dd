package org.r1j.grpo;

/**
 * How per-token GRPO losses are aggregated into one number (TRL's {@code loss_type}). With m the completion mask,
 * B the sequences in the micro-batch and L = {@code max_completion_length}:
 * <ul>
 *   <li>{@link #GRPO}: mean over sequences of (Σ_t l·m / Σ_t m) — DeepSeekMath (arXiv 2402.03300) eq. 3; long
 *       completions get less weight per token (the length bias Dr. GRPO points out).</li>
 *   <li>{@link #BNPO}: Σ l·m / Σ m over the micro-batch — every token weighs the same.</li>
 *   <li>{@link #DR_GRPO}: Σ l·m / (B·L) — "Understanding R1-Zero-Like Training" (Dr. GRPO, arXiv 2503.20783);
 *       a constant normaliser removes the length bias.</li>
 *   <li>{@link #DAPO}: Σ l·m / (active tokens in the whole generation batch) — DAPO (arXiv 2503.14476);
 *       TRL's default since Aug 2025. Equals BNPO when the generation batch is one micro-batch.</li>
 * </ul>
 */
public enum LossType {
    GRPO, BNPO, DR_GRPO, DAPO;

    /** Parses TRL's spelling ({@code grpo}, {@code bnpo}, {@code dr_grpo}, {@code dapo}), case-insensitive. */
    public static LossType parse(String s) {
        for (LossType t : values()) {
            if (t.name().equalsIgnoreCase(s.trim())) return t;
        }
        throw new IllegalArgumentException("loss_type must be one of grpo, bnpo, dr_grpo, dapo; got '" + s + "'");
    }

    public String trlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
