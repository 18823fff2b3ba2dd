package org.r1j.grpo;

/**
 * How several rewards become one advantage (TRL's {@code multi_objective_aggregation}).
 * <ul>
 *   <li>{@link #SUM_THEN_NORMALIZE}: the reward program's weighted total is normalised as {@code advantage_estimator}
 *       and {@code scale_rewards} say (TRL's default; r1j's behaviour before this setting).</li>
 *   <li>{@link #NORMALIZE_THEN_SUM}: each reward is normalised within its group first,
 *       {@code (v - mean_k) / (std_k + 1e-4)}, the normalised values are summed with the program's weights, and the
 *       sum is normalised over the whole generation batch — GDPO (arXiv 2601.05242): a reward with a large spread no
 *       longer drowns the others. Defined with {@code advantage_estimator: grpo}.</li>
 * </ul>
 */
public enum MultiObjectiveAggregation {
    SUM_THEN_NORMALIZE, NORMALIZE_THEN_SUM;

    public static MultiObjectiveAggregation parse(String s) {
        return EnumNames.parse(MultiObjectiveAggregation.class, "multi_objective_aggregation", s);
    }

    public String trlName() {
        return EnumNames.name(this);
    }
}
