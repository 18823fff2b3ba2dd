package org.r1j.grpo;

import java.util.List;
import java.util.Map;
import org.r1j.model.sample.Generation;

/**
 * Sampler/trainer mismatch: the sampler's own log-probs of its tokens against the trainer's log-probs of the same
 * tokens under the same weights (TRL's {@code vllm_importance_sampling_*}). Gives the truncated or masked
 * importance weights {@code exp(old - sampling)} per token (see {@link SamplerCorrectionMode}) and TRL's metrics
 * {@code sampling/sampling_logp_difference/{mean,max}} and {@code sampling/importance_sampling_ratio/{min,mean,max}},
 * over unmasked tokens (or completions, at sequence level).
 *
 * @param weights [B][T_b] the weight of each token (1 where masked out of the loss anyway)
 * @param metrics the sampling/* metrics, NaN when there were no tokens
 */
public record SamplerCorrection(float[][] weights, Map<String, Double> metrics) {

    /** True when every generation carries one sampler log-prob per token. */
    public static boolean available(List<Generation> gens) {
        for (Generation g : gens) if (g.logprobs() == null || g.logprobs().length != g.tokens().length) return false;
        return !gens.isEmpty();
    }

    /**
     * @param trainer  [B][T_b] the trainer's log-probs before any update on this batch (TRL's old_per_token_logps)
     * @param rows     which rollout rows {@code trainer}'s rows are (their sampler log-probs are gens[rows[i]])
     */
    public static SamplerCorrection of(float[][] trainer, List<Generation> gens, int[] rows, float[][] mask,
                                       SamplerCorrectionMode mode, Double clipMin, Double clipMax) {
        double lo = clipMin == null ? Double.NEGATIVE_INFINITY : clipMin;
        double hi = clipMax == null ? Double.POSITIVE_INFINITY : clipMax;
        boolean truncate = mode == SamplerCorrectionMode.TOKEN_TRUNCATE || mode == SamplerCorrectionMode.SEQUENCE_TRUNCATE;
        float[][] w = new float[trainer.length][];
        double diffSum = 0, diffMax = 0, n = 0, rMin = Double.POSITIVE_INFINITY, rMax = Double.NEGATIVE_INFINITY, rSum = 0, rN = 0;
        for (int i = 0; i < trainer.length; i++) {
            float[] sampled = gens.get(rows[i]).logprobs();
            int t = trainer[i].length;
            w[i] = new float[t];
            double seq = 0;
            for (int j = 0; j < t; j++) {
                double m = mask[i][j];
                double diff = (trainer[i][j] - sampled[j]) * m;
                seq += diff;
                if (m != 0) {
                    diffSum += Math.abs(diff);
                    diffMax = Math.max(diffMax, Math.abs(diff));
                    n++;
                }
                if (!mode.sequenceLevel()) {
                    double r = bound(Math.exp(diff), lo, hi, truncate);
                    w[i][j] = (float) r;
                    if (m != 0) { rMin = Math.min(rMin, r); rMax = Math.max(rMax, r); rSum += r; rN++; }
                }
            }
            if (mode.sequenceLevel()) {
                double r = bound(Math.exp(seq), lo, hi, truncate);
                java.util.Arrays.fill(w[i], (float) r);
                rMin = Math.min(rMin, r); rMax = Math.max(rMax, r); rSum += r; rN++;
            }
        }
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("sampling/sampling_logp_difference/mean", n == 0 ? Double.NaN : diffSum / n);
        m.put("sampling/sampling_logp_difference/max", n == 0 ? Double.NaN : diffMax);
        m.put("sampling/importance_sampling_ratio/min", rN == 0 ? Double.NaN : rMin);
        m.put("sampling/importance_sampling_ratio/mean", rN == 0 ? Double.NaN : rSum / rN);
        m.put("sampling/importance_sampling_ratio/max", rN == 0 ? Double.NaN : rMax);
        return new SamplerCorrection(w, m);
    }

    private static double bound(double r, double lo, double hi, boolean truncate) {
        if (truncate) return Math.min(Math.max(r, lo), hi);
        return r < lo || r > hi ? 0 : r;
    }
}
