package org.r1j.dsl.compile;

import java.util.List;
import org.r1j.dsl.lib.Limits;

/**
 * A compiled program: one evaluator per def and reward (indexed like the checker's globals), and the rewards'
 * names, weights and declared unknown defaults, in declaration order.
 *
 * @param rewardGlobal   for reward k, its index among the globals
 * @param unknownDefault for reward k, its declared value when unknown, or null to leave it out of the total
 */
public record Plan(Eval[] bodies, int[] locals, boolean[] isReward, String[] globalNames,
                   int[] rewardGlobal, List<String> rewardNames, double[] weights, Double[] unknownDefault,
                   String language, boolean usesGroup, Limits limits) {

    public Plan withLimits(Limits l) {
        return new Plan(bodies, locals, isReward, globalNames, rewardGlobal, rewardNames, weights, unknownDefault,
                language, usesGroup, l);
    }

    /** Index of a reward by name, or -1. */
    public int reward(String name) {
        return rewardNames.indexOf(name);
    }

    Double unknownDefaultOfGlobal(int global) {
        for (int k = 0; k < rewardGlobal.length; k++) {
            if (rewardGlobal[k] == global) return unknownDefault[k];
        }
        return null;
    }
}
