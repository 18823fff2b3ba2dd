package org.r1j.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed values for each aggregation and for clipping and KL. */
class GrpoLossTest {
    private static final float[][] LOGP = {{-1f, -2f}, {-0.5f}};
    private static final float[][] MASK = {{1f, 1f}, {1f}};
    private static final double[] ADV = {1.0, -2.0};

    @Test
    void onPolicyLossIsMinusMeanAdvantageAndGradientIsMinusAdvantage() {
        // mu = 1: rho = 1, per-token loss = -A, d l / d logp = -A·rho = -A
        GrpoLoss.Result grpo = new GrpoLoss(0.2, 0.2, 0, LossType.GRPO, 4).compute(LOGP, null, null, ADV, MASK, 0);
        assertEquals((-1.0 + 2.0) / 2, grpo.loss(), 1e-12);                // mean of row means (-1, +2)
        assertEquals(-1.0 / (2 * 2), grpo.dLogprobs()[0][0], 1e-7);       // 1/(rowLen·B)
        assertEquals(2.0 / (1 * 2), grpo.dLogprobs()[1][0], 1e-7);

        GrpoLoss.Result bnpo = new GrpoLoss(0.2, 0.2, 0, LossType.BNPO, 4).compute(LOGP, null, null, ADV, MASK, 0);
        assertEquals((-1 - 1 + 2) / 3.0, bnpo.loss(), 1e-12);
        assertEquals(-1.0 / 3, bnpo.dLogprobs()[0][1], 1e-7);

        GrpoLoss.Result dr = new GrpoLoss(0.2, 0.2, 0, LossType.DR_GRPO, 4).compute(LOGP, null, null, ADV, MASK, 0);
        assertEquals(0.0 / 8, dr.loss(), 1e-12);                          // (-1 -1 +2) / (B=2 · L=4)
        assertEquals(2.0 / 8, dr.dLogprobs()[1][0], 1e-7);

        GrpoLoss.Result dapo = new GrpoLoss(0.2, 0.2, 0, LossType.DAPO, 4).compute(LOGP, null, null, ADV, MASK, 10);
        assertEquals(0.0, dapo.loss(), 1e-12);
        assertEquals(-1.0 / 10, dapo.dLogprobs()[0][0], 1e-7);
    }

    @Test
    void clippingStopsTheGradientOutsideTheTrustRegion() {
        // rho = e^0.5 = 1.6487 > 1.2 with A > 0: clipped branch is the min, no gradient; counted as high clip
        float[][] logp = {{0f}};
        float[][] old = {{-0.5f}};
        GrpoLoss.Result r = new GrpoLoss(0.2, 0.2, 0, LossType.BNPO, 4)
                .compute(logp, old, null, new double[] {1}, new float[][] {{1}}, 0);
        assertEquals(-1.2, r.loss(), 1e-9);
        assertEquals(0.0, r.dLogprobs()[0][0], 0);
        assertEquals(1.0, r.highClipMean(), 0);
        assertEquals(1.0, r.regionClipMean(), 0);
        // same ratio with A < 0: the unclipped term is the min, gradient -A·rho flows
        GrpoLoss.Result n = new GrpoLoss(0.2, 0.2, 0, LossType.BNPO, 4)
                .compute(logp, old, null, new double[] {-1}, new float[][] {{1}}, 0);
        assertEquals(Math.exp(0.5), n.loss(), 1e-6);
        assertEquals(Math.exp(0.5), n.dLogprobs()[0][0], 1e-6);
        assertEquals(0.0, n.highClipMean(), 0);
    }

    @Test
    void k3PenaltyAndItsGradient() {
        // ref - logp = 0.3: k3 = e^0.3 - 0.3 - 1 = 0.0498588; d k3/d logp = 1 - e^0.3 = -0.3498588
        GrpoLoss.Result r = new GrpoLoss(0.2, 0.2, 0.5, LossType.BNPO, 4)
                .compute(new float[][] {{-1f}}, null, new float[][] {{-0.7f}}, new double[] {0}, new float[][] {{1}}, 0);
        double delta = (double) -0.7f - (double) -1f;
        assertEquals(0.5 * (Math.exp(delta) - delta - 1), r.loss(), 1e-9);
        assertEquals(0.5 * (1 - Math.exp(delta)), r.dLogprobs()[0][0], 1e-7);
        assertEquals(Math.exp(delta) - delta - 1, r.klMean(), 1e-9);
    }

    @Test
    void maskedTokensHaveNoGradient() {
        GrpoLoss.Result r = new GrpoLoss(0.2, 0.2, 0, LossType.BNPO, 4)
                .compute(LOGP, null, null, ADV, new float[][] {{1, 0}, {0}}, 0);
        assertEquals(0.0, r.dLogprobs()[0][1], 0);
        assertEquals(0.0, r.dLogprobs()[1][0], 0);
        assertEquals(-1.0, r.loss(), 1e-12);
        assertEquals(1.0, r.tokens(), 0);
    }
}
