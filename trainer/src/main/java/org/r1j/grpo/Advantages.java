package org.r1j.grpo;

/**
 * Group-relative advantages (outcome supervision, DeepSeekMath §4.1.2): {@code A_i = (r_i - mean(group)) / (std + 1e-4)}
 * for every token of completion i, as TRL's {@code _generate_and_score_completions} computes them.
 *
 * <p>Unknown rewards ({@code NaN}, a reward program that could not decide) are left out of the group's mean and std,
 * like TRL's {@code None}, and get advantage 0: they neither pull nor push the policy.
 *
 * @param advantages     one per completion, in input order
 * @param groupMeans     mean reward of each group (NaN when every reward in it is unknown)
 * @param groupStds      Bessel-corrected std of each group (0 with fewer than two known rewards)
 * @param fracZeroStd    share of groups whose rewards are all equal: such groups carry no learning signal
 */
public record Advantages(double[] advantages, double[] groupMeans, double[] groupStds, double fracZeroStd) {

    /** Added to the std before dividing, as in TRL, so all-equal groups give 0 rather than 0/0. */
    public static final double STD_EPS = 1e-4;

    /**
     * @param rewards rewards of B·G completions, the G of each prompt next to each other; NaN = unknown
     * @param groupSize G ({@code num_generations})
     */
    public static Advantages compute(double[] rewards, int groupSize, ScaleRewards scale) {
        if (groupSize < 1 || rewards.length % groupSize != 0) {
            throw new IllegalArgumentException(rewards.length + " rewards do not split into groups of " + groupSize);
        }
        int groups = rewards.length / groupSize;
        double[] means = new double[groups];
        double[] stds = new double[groups];
        int zeroStd = 0;
        for (int g = 0; g < groups; g++) {
            means[g] = nanMean(rewards, g * groupSize, groupSize);
            stds[g] = nanStd(rewards, g * groupSize, groupSize, means[g]);
            if (Math.abs(stds[g]) <= 1e-8) zeroStd++; // torch.isclose(std, 0) with its default atol
        }
        double batchStd = scale == ScaleRewards.BATCH ? nanStd(rewards, 0, rewards.length, nanMean(rewards, 0, rewards.length)) : 0;
        double[] adv = new double[rewards.length];
        for (int i = 0; i < rewards.length; i++) {
            int g = i / groupSize;
            if (Double.isNaN(rewards[i]) || Double.isNaN(means[g])) continue; // unknown: advantage 0
            double centred = rewards[i] - means[g];
            adv[i] = switch (scale) {
                case GROUP -> centred / (stds[g] + STD_EPS);
                case BATCH -> centred / (batchStd + STD_EPS);
                case NONE -> centred;
            };
        }
        return new Advantages(adv, means, stds, groups == 0 ? 0 : (double) zeroStd / groups);
    }

    static double nanMean(double[] x, int from, int n) {
        double sum = 0;
        int k = 0;
        for (int i = from; i < from + n; i++) {
            if (!Double.isNaN(x[i])) { sum += x[i]; k++; }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /** Bessel-corrected std of the known values; 0 with fewer than two. */
    static double nanStd(double[] x, int from, int n, double mean) {
        double ss = 0;
        int k = 0;
        for (int i = from; i < from + n; i++) {
            if (!Double.isNaN(x[i])) { ss += (x[i] - mean) * (x[i] - mean); k++; }
        }
        return k < 2 ? 0 : Math.sqrt(ss / (k - 1));
    }

    /** Mean of the group std's — TRL's {@code reward_std} metric. */
    public double meanGroupStd() {
        double s = 0;
        for (double v : groupStds) s += v;
        return groupStds.length == 0 ? 0 : s / groupStds.length;
    }
}
