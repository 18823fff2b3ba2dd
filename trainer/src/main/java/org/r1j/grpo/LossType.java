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
 *       TRL's default since Aug 2025. Equals BNPO when the optimiser step is one micro-batch. r1j counts the tokens of
 *       the optimiser step's batch; TRL those of the whole generation batch, which differ only when
 *       steps_per_generation > gradient_accumulation_steps (TRL then scales each update down).</li>
 *   <li>{@link #CISPO}: per-token {@code -sg(min(rho, epsilon_high)) · A · logp}, aggregated as DAPO — MiniMax-M1
 *       (arXiv 2506.13585): the importance weight is clipped and detached instead of the update, so no token loses
 *       its gradient. {@code epsilon_high} is the absolute cap here (ScaleRL, arXiv 2510.13786, recommends 5.0).</li>
 *   <li>{@link #SAPO}: per-token {@code -(4/tau)·sigmoid(tau·(rho - 1)) · A}, tau = sapo_temperature_pos when A > 0
 *       else sapo_temperature_neg, aggregated as GRPO — Soft Adaptive Policy Optimization (arXiv 2511.20347): a
 *       smooth gate in place of the hard clip.</li>
 * </ul>
 * Each micro-batch's loss is divided by gradient_accumulation_steps, except DAPO's and CISPO's, whose normaliser
 * already counts the tokens of the whole optimiser step (as TRL does).
 */
public enum LossType {
    GRPO, BNPO, DR_GRPO, DAPO, CISPO, SAPO;

    /** Parses TRL's spelling ({@code grpo}, {@code bnpo}, {@code dr_grpo}, {@code dapo}), case-insensitive. */
    public static LossType parse(String s) {
        return EnumNames.parse(LossType.class, "loss_type", s);
    }

    public String trlName() {
        return EnumNames.name(this);
    }

    /** Hard-clipped PPO surrogate {@code -min(rho·A, clip(rho)·A)} (the four aggregations of the same objective). */
    public boolean clipped() {
        return this == GRPO || this == BNPO || this == DR_GRPO || this == DAPO;
    }

    /** Normalised by the active tokens of the whole optimiser step (not per micro-batch). */
    public boolean globalTokenNormaliser() {
        return this == DAPO || this == CISPO;
    }
}
