package org.r1j.model.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenChooserTest {
    static final float[] LOGITS = {1.0f, 3.0f, 2.0f, -1.0f, 2.0f, 0.5f};

    static SamplingParams params(double t, double topP, int topK) {
        return new SamplingParams(t, topP, topK, 10, List.of(), 1);
    }

    static double[] softmax(float[] logits, double t) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float x : logits) max = Math.max(max, x / t);
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) sum += p[i] = Math.exp(logits[i] / t - max);
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }

    @Test
    void greedyTakesTheArgmaxWithItsLogSoftmax() {
        TokenChooser.Choice c = TokenChooser.choose(LOGITS, params(0, 1, 0), new SplittableRandom(1));
        assertEquals(1, c.token());
        assertEquals(Math.log(softmax(LOGITS, 1)[1]), c.logprob(), 1e-6);
        // ties go to the lower id
        assertEquals(2, TokenChooser.choose(new float[] {0, 1, 5, 5}, params(0, 1, 0), new SplittableRandom(1)).token());
    }

    @Test
    void samplingFollowsSoftmaxOverTemperature() {
        double t = 0.8;
        double[] p = softmax(LOGITS, t);
        int n = 40_000;
        int[] counts = new int[LOGITS.length];
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            TokenChooser.Choice c = TokenChooser.choose(LOGITS, params(t, 1, 0), rng);
            counts[c.token()]++;
            assertEquals(Math.log(p[c.token()]), c.logprob(), 1e-5, "log-prob is of the untruncated distribution");
        }
        for (int i = 0; i < p.length; i++) {
            double sd = Math.sqrt(p[i] * (1 - p[i]) / n);
            assertEquals(p[i], counts[i] / (double) n, 5 * sd + 1e-9, "token " + i);
        }
    }

    @Test
    void topKAndTopPRestrictTheSupport() {
        double[] p = softmax(LOGITS, 1);
        // sorted: 1 (3.0), 2 (2.0), 4 (2.0, tie -> higher id later), 0, 5, 3
        assertArrayEquals(new int[] {1, 2, 4}, TokenChooser.support(LOGITS, params(1, 1, 3), lse(LOGITS), 1));
        assertArrayEquals(new int[] {1}, TokenChooser.support(LOGITS, params(1, 1, 1), lse(LOGITS), 1));
        // top-p: keep the smallest prefix whose mass reaches p
        double p1 = p[1], p12 = p[1] + p[2];
        assertArrayEquals(new int[] {1}, TokenChooser.support(LOGITS, params(1, p1 - 1e-6, 0), lse(LOGITS), 1));
        assertArrayEquals(new int[] {1, 2}, TokenChooser.support(LOGITS, params(1, p1 + 1e-6, 0), lse(LOGITS), 1));
        assertArrayEquals(new int[] {1, 2, 4}, TokenChooser.support(LOGITS, params(1, p12 + 1e-6, 0), lse(LOGITS), 1));
        // top-p after top-k renormalises within the k kept tokens
        double within2 = p[1] / (p[1] + p[2]);
        assertArrayEquals(new int[] {1, 2}, TokenChooser.support(LOGITS, params(1, within2 + 1e-6, 2), lse(LOGITS), 1));
        // sampled tokens never leave the support
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            int tok = TokenChooser.choose(LOGITS, params(2.0, 1, 2), rng).token();
            assertTrue(tok == 1 || tok == 2, "top-k=2 sampled " + tok);
            tok = TokenChooser.choose(LOGITS, params(1.0, p12 - 1e-3, 0), rng).token();   // p12 is at T = 1
            assertTrue(tok == 1 || tok == 2, "top-p sampled " + tok);
        }
    }

    @Test
    void floorFilteredSupportEqualsSortingEverything() {
        java.util.Random r = new java.util.Random(9);
        for (int trial = 0; trial < 200; trial++) {
            int v = 1 + r.nextInt(3000);
            float[] logits = new float[v];
            double scale = r.nextInt(3) == 0 ? 0.01 : 5;          // near-flat and peaked distributions
            for (int i = 0; i < v; i++) logits[i] = (float) (r.nextGaussian() * scale);
            if (v > 3) logits[2] = logits[1];                       // a tie
            double t = 0.3 + r.nextDouble() * 1.5;
            int k = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(Math.max(1, v / 2));
            double topP = r.nextInt(4) == 0 ? 1.0 : 0.05 + r.nextDouble() * 0.95;
            if (k == 0 && topP == 1.0) topP = 0.9;
            SamplingParams sp = new SamplingParams(t, topP, k, 1, List.of(), 0);
            double invT = 1 / t;
            double lse = lse(scaled(logits, invT));
            assertArrayEquals(bruteForce(logits, sp, lse, invT), TokenChooser.support(logits, sp, lse, invT), "trial " + trial);
        }
    }

    private static float[] scaled(float[] l, double s) {
        float[] out = new float[l.length];
        for (int i = 0; i < l.length; i++) out[i] = (float) (l[i] * s);
        return out;
    }

    /** Sort all ids by (logit desc, id asc), cut at k, then at the top-p prefix of the renormalised mass. */
    private static int[] bruteForce(float[] logits, SamplingParams p, double lse, double invT) {
        Integer[] ids = new Integer[logits.length];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        java.util.Arrays.sort(ids, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
        int n = p.topK() > 0 ? Math.min(p.topK(), ids.length) : ids.length;
        double mass = 0;
        for (int j = 0; j < n; j++) mass += Math.exp(logits[ids[j]] * invT - lse);
        double acc = 0;
        int cut = n;
        for (int j = 0; j < n && p.topP() < 1; j++) {
            acc += Math.exp(logits[ids[j]] * invT - lse) / mass;
            if (acc >= p.topP()) { cut = j + 1; break; }
        }
        int[] out = new int[cut];
        for (int j = 0; j < cut; j++) out[j] = ids[j];
        return out;
    }

    private static double lse(float[] l) {
        double m = Double.NEGATIVE_INFINITY, s = 0;
        for (float x : l) m = Math.max(m, x);
        for (float x : l) s += Math.exp(x - m);
        return m + Math.log(s);
    }

    @Test
    void minPKeepsTokensNearTheTopOne() {
        // at T = 1, p_i / p_max = exp(logit_i - 3): tokens 2 and 4 are at e^-1 = 0.37, token 0 at e^-2 = 0.14
        double[] p = softmax(LOGITS, 1);
        SamplingParams only = new SamplingParams(1, 1, 0, 4, List.of(), 0, 0.5, 1);
        SamplingParams three = new SamplingParams(1, 1, 0, 4, List.of(), 0, 0.3, 1);
        SplittableRandom rng = new SplittableRandom(8);
        int n = 20_000;
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < n; i++) {
            assertEquals(1, TokenChooser.choose(LOGITS, only, rng).token());
            TokenChooser.Choice c = TokenChooser.choose(LOGITS, three, rng);
            counts[c.token()]++;
            assertEquals(Math.log(p[c.token()]), c.logprob(), 1e-5, "log-prob is of the untruncated distribution");
        }
        double kept = p[1] + p[2] + p[4];
        for (int i = 0; i < LOGITS.length; i++) {
            double want = (i == 1 || i == 2 || i == 4) ? p[i] / kept : 0;
            double sd = Math.sqrt(want * (1 - want) / n);
            assertEquals(want, counts[i] / (double) n, 5 * sd + 1e-9, "token " + i);
        }
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOnce() {
        float[] l = {2f, -1f, 0.5f, 4f};
        TokenChooser.penalise(l, new int[] {0, 1, 0, 9}, 3, 2.0);   // 9 is past n: not in the history
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 4f}, l);
    }
}
