package org.r1j.model.sample;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from one row of logits: greedy (temperature 0) or sampling from
 * {@code softmax(logits / T)} restricted by top-k, then top-p (the order transformers and vLLM use), and reports
 * the token's log-probability under the untruncated {@code log_softmax(logits / T)} (T = 1 when greedy).
 *
 * <p>Sampling draws exactly one {@code nextDouble()} per token, so a row's random stream — and with it its
 * output — depends only on its own seed.
 */
public final class TokenChooser {
    private TokenChooser() {
    }

    /** The chosen token and its log-probability. */
    public record Choice(int token, float logprob) {
    }

    public static Choice choose(float[] logits, SamplingParams p, SplittableRandom rng) {
        int v = logits.length;
        if (p.temperature() == 0) {
            int best = 0;
            for (int i = 1; i < v; i++) if (logits[i] > logits[best]) best = i;  // lowest id wins ties
            return new Choice(best, (float) (logits[best] - logSumExp(logits, 1.0)));
        }
        double invT = 1.0 / p.temperature();
        double lse = logSumExp(logits, invT);
        int[] kept = support(logits, p, lse, invT);
        // sample within the kept tokens, proportional to their (renormalised) probabilities
        double total = 0;
        for (int id : kept) total += Math.exp(logits[id] * invT - lse);
        double u = rng.nextDouble() * total;
        int chosen = -1;
        double acc = 0;
        for (int id : kept) {
            double pr = Math.exp(logits[id] * invT - lse);
            if (pr == 0) continue;                 // masked (-inf) or underflowed tokens are never chosen
            chosen = id;                           // rounding fallback: the last token with mass
            acc += pr;
            if (u < acc) break;
        }
        return new Choice(chosen, (float) (logits[chosen] * invT - lse));
    }

    /**
     * Token ids that may be sampled: all, or the top-k, then the smallest most-likely prefix whose mass reaches
     * top-p (the token that crosses the threshold is kept). Ties are broken by lower id.
     */
    static int[] support(float[] logits, SamplingParams p, double lse, double invT) {
        int v = logits.length;
        boolean topK = p.topK() > 0 && p.topK() < v;
        boolean topP = p.topP() < 1.0;
        if (!topK && !topP) {
            int[] all = new int[v];
            for (int i = 0; i < v; i++) all[i] = i;
            return all;
        }
        long[] keys = new long[v];
        for (int i = 0; i < v; i++) keys[i] = descendingKey(logits[i], i);
        Arrays.sort(keys);
        int n = topK ? p.topK() : v;
        if (topP) {
            double mass = 0;
            for (int j = 0; j < n; j++) mass += Math.exp(logits[(int) keys[j]] * invT - lse);
            double acc = 0;
            int cut = n;
            for (int j = 0; j < n; j++) {
                acc += Math.exp(logits[(int) keys[j]] * invT - lse) / mass;
                if (acc >= p.topP()) {
                    cut = j + 1;
                    break;
                }
            }
            n = cut;
        }
        int[] out = new int[n];
        for (int j = 0; j < n; j++) out[j] = (int) keys[j];
        return out;
    }

    /** A long whose ascending order is descending logit, then ascending id (id in the low 32 bits). */
    private static long descendingKey(float logit, int id) {
        int bits = Float.floatToIntBits(logit);
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff);       // monotone in the float's value
        return ((long) ~sortable << 32) | id;
    }

    private static double logSumExp(float[] logits, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) max = Math.max(max, x * scale);
        double sum = 0;
        for (float x : logits) sum += Math.exp(x * scale - max);
        return max + Math.log(sum);
    }
}
