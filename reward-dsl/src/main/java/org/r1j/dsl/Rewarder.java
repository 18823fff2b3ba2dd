package org.r1j.dsl;

import java.util.List;

/**
 * What the trainer needs from a compiled reward program. Scoring never throws because of a sample: a failing
 * reward becomes "unknown" with its reason in the explanation.
 */
public interface Rewarder {
    /** Reward names in declaration order (imports first). */
    List<String> rewardNames();

    /** Weight of a reward in the total. */
    double weight(String reward);

    /**
     * Scores one group: the G completions of one prompt. Group-level rewards (e.g. Kimi's length reward)
     * see the whole group; per-sample rewards are independent of it. Result i belongs to sample i.
     */
    List<Score> scoreGroup(List<Sample> group);

    /** Scores independent samples (no group-level context beyond the list itself); may run in parallel. */
    default List<Score> scoreAll(List<Sample> samples) {
        return scoreGroup(samples);
    }
}
