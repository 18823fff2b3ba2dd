package org.r1j.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Hand-computed values for the 2026 objectives and advantage estimators (the goldens check them against torch). */
class GrpoObjectiveTest {
    private static GrpoLoss.Objective objective(LossType type, ImportanceSamplingLevel level, Double delta, double beta,
                                                KlEstimator kl, double epsHigh, double entropyCoef, double quantile) {
        return new GrpoLoss.Objective(0.2, epsHigh, delta, beta, type, 4, level, kl, 1.0, 1.05, entropyCoef, quantile);
    }

    private static GrpoLoss.Result one(GrpoLoss.Objective o, float[][] logp, float[][] old, float[][] ref, double[] adv,
                                       float[][] entropies) {
        float[][] mask = new float[logp.length][];
        for (int i = 0; i < logp.length; i++) {
            mask[i] = new float[logp[i].length];
            java.util.Arrays.fill(mask[i], 1f);
        }
        double tokens = 0;
        for (float[] r : mask) tokens += r.length;
        return new GrpoLoss(o).compute(new GrpoLoss.Batch(logp, old, ref, adv, mask, entropies, null, tokens, 1));
    }

    @Test
    void rlooIsTheRewardMinusTheOthersMean() {
        // group {1, 0, 0, 1}: A_0 = 1 - (0+0+1)/3 = 2/3, A_1 = 0 - 2/3
        Advantages a = Advantages.compute(new double[] {1, 0, 0, 1}, null, null, null, 4, ScaleRewards.GROUP,
                AdvantageEstimator.RLOO, MultiObjectiveAggregation.SUM_THEN_NORMALIZE);
        assertArrayEquals(new double[] {2 / 3.0, -2 / 3.0, -2 / 3.0, 2 / 3.0}, a.advantages(), 1e-12);
    }

    @Test
    void reinforcePlusPlusWhitensTheCentredRewardsOverTokens() {
        // groups {1, 0} and {2, 2}: centred (0.5, -0.5, 0, 0), one token each: mean 0, Bessel var (0.25+0.25)/3
        Advantages a = Advantages.compute(new double[] {1, 0, 2, 2}, null, null, new double[] {1, 1, 1, 1}, 2,
                ScaleRewards.GROUP, AdvantageEstimator.REINFORCE_PLUS_PLUS_BASELINE, MultiObjectiveAggregation.SUM_THEN_NORMALIZE);
        double s = Math.sqrt(0.5 / 3 + 1e-8);
        assertArrayEquals(new double[] {0.5 / s, -0.5 / s, 0, 0}, a.advantages(), 1e-6);
    }

    @Test
    void passKRewardsOnlyTheBestCompletion() {
        // group {0, 3, 1, 2}: only index 1, with 3 - 2 = 1 (unscaled)
        Advantages a = Advantages.compute(new double[] {0, 3, 1, 2}, null, null, null, 4, ScaleRewards.NONE,
                AdvantageEstimator.GRPO_PASSK, MultiObjectiveAggregation.SUM_THEN_NORMALIZE);
        assertArrayEquals(new double[] {0, 1, 0, 0}, a.advantages(), 1e-12);
    }

    @Test
    void gdpoNormalisesEachRewardBeforeSumming() {
        // one group of 3 with rewards (a, b): (10, 0), (0, 1), (0, 0). Summed first, the totals 10, 1, 0 give the
        // b-correct completion a negative advantage; normalised per reward, a's z-scores (2, -1, -1)/sqrt(3) and b's
        // (-1, 2, -1)/sqrt(3) sum to (1, 1, -2)/sqrt(3), batch std 1: a and b count alike
        double[][] per = {{10, 0}, {0, 1}, {0, 0}};
        double[] totals = {10, 1, 0};
        Advantages gdpo = Advantages.compute(totals, per, new double[] {1, 1}, null, 3, ScaleRewards.GROUP,
                AdvantageEstimator.GRPO, MultiObjectiveAggregation.NORMALIZE_THEN_SUM);
        double r3 = Math.sqrt(3);
        assertArrayEquals(new double[] {1 / r3, 1 / r3, -2 / r3}, gdpo.advantages(), 1e-3);
        Advantages summed = Advantages.compute(totals, 3, ScaleRewards.GROUP);
        assertEquals((1 - 11 / 3.0) / (Math.sqrt((Math.pow(10 - 11 / 3.0, 2) + Math.pow(1 - 11 / 3.0, 2) + Math.pow(11 / 3.0, 2)) / 2) + 1e-4),
                summed.advantages()[1], 1e-9);
    }

    @Test
    void sequenceLevelRatioIsTheGeometricMeanOfTheTokenRatios() {
        // log-ratios 0.1 and 0.3: GSPO rho = exp(0.2) for both tokens; with A = 1, bnpo-like dapo: loss = -rho
        // (unclipped: 1.2214 > 1.2 clips with A > 0, so use epsilon_high 0.5)
        GrpoLoss.Objective o = objective(LossType.DAPO, ImportanceSamplingLevel.SEQUENCE, null, 0, KlEstimator.K3, 0.5, 0, 1);
        GrpoLoss.Result r = one(o, new float[][] {{0f, 0f}}, new float[][] {{-0.1f, -0.3f}}, null, new double[] {1}, null);
        double rho = Math.exp((0.1f + 0.3f) / 2.0);
        assertEquals(-rho, r.loss(), 1e-6);
        // d/dlogp_t of -(1/2)·Σ_t rho = -rho · (1/n) = -rho/2 for each token
        assertEquals(-rho / 2, r.dLogprobs()[0][0], 1e-6);
        assertEquals(-rho / 2, r.dLogprobs()[0][1], 1e-6);
    }

    @Test
    void cispoDetachesTheCappedRatio() {
        // rho = e^1 = 2.718 capped at epsilon_high 2: loss = -2·A·logp, gradient -2·A (not through rho)
        GrpoLoss.Objective o = objective(LossType.CISPO, ImportanceSamplingLevel.TOKEN, null, 0, KlEstimator.K3, 2, 0, 1);
        GrpoLoss.Result r = one(o, new float[][] {{-0.5f}}, new float[][] {{-1.5f}}, null, new double[] {1}, null);
        assertEquals(-2 * -0.5, r.loss(), 1e-6);
        assertEquals(-2.0, r.dLogprobs()[0][0], 1e-6);
        assertEquals(1.0, r.highClipMean(), "counted as cispo-clipped");
    }

    @Test
    void sapoGateIsSmooth() {
        // on-policy rho = 1: sigmoid(0) = 1/2, loss = -(4/tau)·(1/2)·A = -2A/tau; d/drho = -A·4·(1/4) = -A
        GrpoLoss.Objective o = objective(LossType.SAPO, ImportanceSamplingLevel.TOKEN, null, 0, KlEstimator.K3, 0.2, 0, 1);
        GrpoLoss.Result r = one(o, new float[][] {{-1f}, {-1f}}, null, null, new double[] {1, -1}, null);
        assertEquals(((-2 / 1.0) + (2 / 1.05)) / 2, r.loss(), 1e-9);     // grpo aggregation: mean of the rows
        assertEquals(-1.0 / 2, r.dLogprobs()[0][0], 1e-7);
        assertEquals(1.0 / 2, r.dLogprobs()[1][0], 1e-7);
    }

    @Test
    void deltaCapsTheUnclippedRatioForNegativeAdvantages() {
        // rho = e^1.5 = 4.48, A = -1: one-sided loss = rho (gradient rho); with delta 3: loss = 3, no gradient
        float[][] logp = {{0f}}, old = {{-1.5f}};
        GrpoLoss.Result open = one(objective(LossType.DAPO, ImportanceSamplingLevel.TOKEN, null, 0, KlEstimator.K3, 0.28, 0, 1),
                logp, old, null, new double[] {-1}, null);
        assertEquals(Math.exp(1.5), open.loss(), 1e-5);
        GrpoLoss.Result capped = one(objective(LossType.DAPO, ImportanceSamplingLevel.TOKEN, 3.0, 0, KlEstimator.K3, 0.28, 0, 1),
                logp, old, null, new double[] {-1}, null);
        assertEquals(3.0, capped.loss(), 1e-9);
        assertEquals(0.0, capped.dLogprobs()[0][0], 0);
    }

    @Test
    void k1AndK2Estimators() {
        // x = ref - logp = 0.3: k1 = -0.3 (d/dlogp = 1), k2 = 0.045 (d/dlogp = -0.3)
        float[][] logp = {{-1f}}, ref = {{-0.7f}};
        double x = (double) -0.7f - (double) -1f;
        GrpoLoss.Result k1 = one(objective(LossType.BNPO, ImportanceSamplingLevel.TOKEN, null, 1, KlEstimator.K1, 0.2, 0, 1),
                logp, null, ref, new double[] {0}, null);
        assertEquals(-x, k1.loss(), 1e-9);
        assertEquals(1.0, k1.dLogprobs()[0][0], 1e-7);
        GrpoLoss.Result k2 = one(objective(LossType.BNPO, ImportanceSamplingLevel.TOKEN, null, 1, KlEstimator.K2, 0.2, 0, 1),
                logp, null, ref, new double[] {0}, null);
        assertEquals(0.5 * x * x, k2.loss(), 1e-9);
        assertEquals(-x, k2.dLogprobs()[0][0], 1e-7);
    }

    @Test
    void topEntropyQuantileTrainsOnlyTheHighestEntropyTokens() {
        // entropies 0.1, 0.5, 0.9, 1.3: quantile 0.5 keeps the top half (threshold 0.7 by linear interpolation)
        GrpoLoss.Objective o = objective(LossType.DAPO, ImportanceSamplingLevel.TOKEN, null, 0, KlEstimator.K3, 0.2, 0, 0.5);
        GrpoLoss.Result r = one(o, new float[][] {{-1f, -1f, -1f, -1f}}, null, null, new double[] {1},
                new float[][] {{0.1f, 0.5f, 0.9f, 1.3f}});
        assertArrayEquals(new float[] {0, 0, -0.25f, -0.25f}, r.dLogprobs()[0], 1e-7f);
        assertEquals(2, r.trainedTokens());
        assertEquals(-0.5, r.loss(), 1e-9);
        assertNull(r.dEntropies(), "no entropy bonus");
    }

    @Test
    void entropyBonusIsTheMeanEntropyOfTheTrainedTokens() {
        // dapo, 2 tokens of entropy 0.4 and 0.8, coef 0.1: loss -= 0.1·(1.2/2); dL/dH = -0.1/2 each
        GrpoLoss.Objective o = objective(LossType.DAPO, ImportanceSamplingLevel.TOKEN, null, 0, KlEstimator.K3, 0.2, 0.1, 1);
        GrpoLoss.Result r = one(o, new float[][] {{-1f, -1f}}, null, null, new double[] {0}, new float[][] {{0.4f, 0.8f}});
        assertEquals(-0.1 * (0.4f + 0.8f) / 2, r.loss(), 1e-8);
        assertArrayEquals(new float[] {-0.05f, -0.05f}, r.dEntropies()[0], 1e-8f);
    }
}
