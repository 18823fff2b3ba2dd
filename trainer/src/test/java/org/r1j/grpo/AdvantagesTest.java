package org.r1j.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdvantagesTest {
    @Test
    void groupScalingByHand() {
        // group {1, 0}: mean 0.5, Bessel std sqrt(0.5) = 0.70711; group {3, 3}: std 0 -> advantages 0
        Advantages a = Advantages.compute(new double[] {1, 0, 3, 3}, 2, ScaleRewards.GROUP);
        double s = Math.sqrt(0.5) + 1e-4;
        assertArrayEquals(new double[] {0.5 / s, -0.5 / s, 0, 0}, a.advantages(), 1e-12);
        assertArrayEquals(new double[] {0.5, 3}, a.groupMeans(), 1e-12);
        assertEquals(0.5, a.fracZeroStd(), 1e-12);
        assertEquals(Math.sqrt(0.5) / 2, a.meanGroupStd(), 1e-12);
    }

    @Test
    void batchAndNoneScaling() {
        double[] r = {1, 0, 3, 3};
        // batch: mean 1.75, deviations (-.75, -1.75, 1.25, 1.25): var = (0.5625+3.0625+1.5625*2)/3 = 2.25, std 1.5
        Advantages batch = Advantages.compute(r, 2, ScaleRewards.BATCH);
        assertArrayEquals(new double[] {0.5 / 1.5001, -0.5 / 1.5001, 0, 0}, batch.advantages(), 1e-12);
        Advantages none = Advantages.compute(r, 2, ScaleRewards.NONE);
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0}, none.advantages(), 1e-12);
    }

    @Test
    void unknownRewardsAreLeftOutOfTheGroupAndGetZeroAdvantage() {
        // group {1, NaN, 0}: stats over {1, 0} only
        Advantages a = Advantages.compute(new double[] {1, Double.NaN, 0}, 3, ScaleRewards.NONE);
        assertArrayEquals(new double[] {0.5, 0, -0.5}, a.advantages(), 1e-12);
        Advantages all = Advantages.compute(new double[] {Double.NaN, Double.NaN}, 2, ScaleRewards.GROUP);
        assertArrayEquals(new double[] {0, 0}, all.advantages(), 0);
    }

    @Test
    void rejectsRaggedGroups() {
        assertThrows(IllegalArgumentException.class, () -> Advantages.compute(new double[3], 2, ScaleRewards.GROUP));
    }
}
