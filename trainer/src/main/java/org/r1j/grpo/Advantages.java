package org.r1j.grpo;

/**
 * Advantages from outcome rewards (outcome supervision, DeepSeekMath §4.1.2): one number per completion, used for
 * every token of it. The estimator ({@link AdvantageEstimator}: grpo, rloo, reinforce_plus_plus_baseline,
 * grpo_passk) and, with several rewards, the aggregation ({@link MultiObjectiveAggregation}, GDPO) decide how; the
 * default, grpo with sum_then_normalize, is TRL's {@code _generate_and_score_completions}:
 * {@code A_i = (r_i - mean(group)) / (std + 1e-4)}.
 *
 * <p>Unknown rewards ({@code NaN}, a reward program that could not decide) are left out of every mean and std, like
 * TRL's {@code None}, and get advantage 0: they neither pull nor push the policy.
 *
 * @param advantages     one per completion, in input order
 * @param groupMeans     mean total reward of each group (NaN when every reward in it is unknown)
 * @param groupStds      Bessel-corrected std of each group's totals; NaN with fewer than two known (TRL's nanstd)
 * @param fracZeroStd    share of groups whose rewards are all equal, so that they carry no learning signal (TRL's
 *                       {@code frac_reward_zero_std}: a group with fewer than two known rewards has std NaN and is not
 *                       counted as zero; under scale_rewards = batch and under GDPO the batch std decides for all)
 */
public record Advantages(double[] advantages, double[] groupMeans, double[] groupStds, double fracZeroStd) {

    /** Added to the std before dividing, as in TRL, so all-equal groups give 0 rather than 0/0. */
    public static final double STD_EPS = 1e-4;

    /** verl's {@code masked_whiten} epsilon under the square root (REINFORCE++). */
    static final double WHITEN_EPS = 1e-8;

    /** GRPO advantages of the totals alone (one reward, every completion one token for REINFORCE++'s weights). */
    public static Advantages compute(double[] rewards, int groupSize, ScaleRewards scale) {
        return compute(rewards, null, null, null, groupSize, scale, AdvantageEstimator.GRPO,
                MultiObjectiveAggregation.SUM_THEN_NORMALIZE);
    }

    /**
     * @param totals      total reward of B·G completions, the G of each prompt next to each other; NaN = unknown
     * @param perReward   [B·G][R] each reward's value (NaN = unknown); read only by normalize_then_sum
     * @param weights     [R] each reward's weight in the total; read only by normalize_then_sum
     * @param tokens      [B·G] active completion tokens of each; read only by reinforce_plus_plus_baseline (null = 1)
     * @param groupSize   G ({@code num_generations})
     */
    public static Advantages compute(double[] totals, double[][] perReward, double[] weights, double[] tokens,
                                     int groupSize, ScaleRewards scale, AdvantageEstimator estimator,
                                     MultiObjectiveAggregation aggregation) {
        if (groupSize < 1 || totals.length % groupSize != 0) {
            throw new IllegalArgumentException(totals.length + " rewards do not split into groups of " + groupSize);
        }
        int groups = totals.length / groupSize;
        double[] means = new double[groups];
        double[] stds = new double[groups];
        int zeroStd = 0;
        for (int g = 0; g < groups; g++) {
            means[g] = nanMean(totals, g * groupSize, groupSize);
            stds[g] = nanStd(totals, g * groupSize, groupSize, means[g]);
            if (isZero(stds[g])) zeroStd++;
        }
        double frac = groups == 0 ? 0 : (double) zeroStd / groups;
        double[] adv;
        if (aggregation == MultiObjectiveAggregation.NORMALIZE_THEN_SUM) {
            if (estimator != AdvantageEstimator.GRPO) {
                throw new IllegalArgumentException("multi_objective_aggregation normalize_then_sum (GDPO) is defined for "
                        + "advantage_estimator grpo, not " + estimator.trlName());
            }
            double[] summed = normalizeThenSum(totals, perReward, weights, groupSize);
            double m = nanMean(summed, 0, summed.length);
            double s = nanStd(summed, 0, summed.length, m);
            adv = new double[summed.length];
            for (int i = 0; i < adv.length; i++) adv[i] = zeroIfNaN((summed[i] - m) / (s + STD_EPS));
            frac = isZero(s) ? 1 : 0;
        } else {
            adv = switch (estimator) {
                case GRPO -> grpo(totals, groupSize, means, stds, scale);
                case RLOO -> rloo(totals, groupSize, means);
                case REINFORCE_PLUS_PLUS_BASELINE -> reinforcePlusPlusBaseline(totals, groupSize, means, tokens);
                case GRPO_PASSK -> passK(totals, groupSize, stds, scale);
            };
            if (scale == ScaleRewards.BATCH && (estimator == AdvantageEstimator.GRPO || estimator == AdvantageEstimator.GRPO_PASSK)) {
                frac = isZero(nanStd(totals, 0, totals.length, nanMean(totals, 0, totals.length))) ? 1 : 0;
            }
        }
        return new Advantages(adv, means, stds, frac);
    }

    private static double[] grpo(double[] r, int g, double[] means, double[] stds, ScaleRewards scale) {
        double batchStd = scale == ScaleRewards.BATCH ? nanStd(r, 0, r.length, nanMean(r, 0, r.length)) : 0;
        double[] adv = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            double centred = r[i] - means[i / g];
            adv[i] = zeroIfNaN(switch (scale) {
                case GROUP -> centred / (zeroIfNaN(stds[i / g]) + STD_EPS);   // one known reward: 0 / eps = 0
                case BATCH -> centred / (batchStd + STD_EPS);
                case NONE -> centred;
            });
        }
        return adv;
    }

    /** r_i minus the mean of the other known rewards of its group; 0 when it has no other known reward. */
    private static double[] rloo(double[] r, int g, double[] means) {
        double[] adv = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            int k = known(r, (i / g) * g, g);
            if (Double.isNaN(r[i]) || k < 2) continue;
            adv[i] = (r[i] - means[i / g]) * k / (k - 1);
        }
        return adv;
    }

    /** Group-centred rewards whitened over the batch, each completion weighted by its active tokens (verl). */
    private static double[] reinforcePlusPlusBaseline(double[] r, int g, double[] means, double[] tokens) {
        double[] c = new double[r.length];
        double[] w = new double[r.length];
        double n = 0, sum = 0;
        for (int i = 0; i < r.length; i++) {
            if (Double.isNaN(r[i])) continue;
            c[i] = r[i] - means[i / g];
            w[i] = tokens == null ? 1 : tokens[i];
            n += w[i];
            sum += c[i] * w[i];
        }
        double[] adv = new double[r.length];
        if (n < 2) return adv;                       // verl refuses a batch of one token; no signal either way
        double mean = sum / (n + WHITEN_EPS);
        double ss = 0;
        for (int i = 0; i < r.length; i++) ss += (c[i] - mean) * (c[i] - mean) * w[i];
        double var = ss / (n + WHITEN_EPS) * n / (n - 1);
        double inv = 1 / Math.sqrt(var + WHITEN_EPS);
        for (int i = 0; i < r.length; i++) if (w[i] > 0) adv[i] = (c[i] - mean) * inv;
        return adv;
    }

    /** Only each group's best completion: r_max - r_second (over known rewards), scaled by the group std. */
    private static double[] passK(double[] r, int g, double[] stds, ScaleRewards scale) {
        double[] adv = new double[r.length];
        double batchStd = scale == ScaleRewards.BATCH ? nanStd(r, 0, r.length, nanMean(r, 0, r.length)) : 0;
        for (int from = 0; from < r.length; from += g) {
            int best = -1;
            double second = Double.NEGATIVE_INFINITY;
            for (int i = from; i < from + g; i++) {
                if (Double.isNaN(r[i])) continue;
                if (best < 0 || r[i] > r[best]) {
                    if (best >= 0) second = r[best];
                    best = i;
                } else {
                    second = Math.max(second, r[i]);
                }
            }
            if (best < 0 || second == Double.NEGATIVE_INFINITY) continue;   // fewer than two known
            double a = r[best] - second;
            adv[best] = switch (scale) {
                case GROUP -> a / (stds[from / g] + STD_EPS);
                case BATCH -> a / (batchStd + STD_EPS);
                case NONE -> a;
            };
        }
        return adv;
    }

    /** GDPO's aggregated reward: Σ_k w_k (v_k - mean_k) / (std_k + 1e-4), per group; NaN when all are unknown. */
    private static double[] normalizeThenSum(double[] totals, double[][] perReward, double[] weights, int g) {
        if (perReward == null || weights == null) throw new IllegalArgumentException("normalize_then_sum needs each reward's values");
        int n = perReward.length;
        int rewards = weights.length;
        double[] out = new double[n];
        double[] col = new double[g];
        for (int from = 0; from < n; from += g) {
            for (int k = 0; k < rewards; k++) {
                for (int i = 0; i < g; i++) col[i] = perReward[from + i][k];
                double m = nanMean(col, 0, g);
                double s = nanStd(col, 0, g, m);
                for (int i = 0; i < g; i++) {
                    double z = (col[i] - m) / (s + STD_EPS);
                    if (!Double.isNaN(z)) out[from + i] += weights[k] * z;       // nansum
                }
            }
            for (int i = from; i < from + g; i++) {
                boolean any = false;
                for (int k = 0; k < rewards; k++) any |= !Double.isNaN(perReward[i][k]);
                if (!any || Double.isNaN(totals[i])) out[i] = Double.NaN;        // unscorable
            }
        }
        return out;
    }

    private static boolean isZero(double std) {
        return Math.abs(std) <= 1e-8;               // torch.isclose(std, 0) with its default atol; NaN is not
    }

    private static double zeroIfNaN(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    private static int known(double[] x, int from, int n) {
        int k = 0;
        for (int i = from; i < from + n; i++) if (!Double.isNaN(x[i])) k++;
        return k;
    }

    static double nanMean(double[] x, int from, int n) {
        double sum = 0;
        int k = 0;
        for (int i = from; i < from + n; i++) {
            if (!Double.isNaN(x[i])) { sum += x[i]; k++; }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /** Bessel-corrected std of the known values; NaN with fewer than two (TRL's {@code nanstd}). */
    static double nanStd(double[] x, int from, int n, double mean) {
        double ss = 0;
        int k = 0;
        for (int i = from; i < from + n; i++) {
            if (!Double.isNaN(x[i])) { ss += (x[i] - mean) * (x[i] - mean); k++; }
        }
        return k < 2 ? Double.NaN : Math.sqrt(ss / (k - 1));
    }

    /** Mean of the group stds (groups with a std) — TRL's {@code reward_std} before TRL #5902 (2026-06). */
    public double meanGroupStd() {
        return nanMean(groupStds, 0, groupStds.length);
    }
}
