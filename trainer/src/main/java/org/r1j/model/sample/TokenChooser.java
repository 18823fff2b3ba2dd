package org.r1j.model.sample;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from one row of logits: greedy (temperature 0) or sampling from
 * {@code softmax(logits / T)} restricted by top-k, then top-p (the order transformers and vLLM use), then min-p
 * (tokens below min_p times the top token's probability), and reports the token's log-probability under the
 * untruncated {@code log_softmax(logits / T)} (T = 1 when greedy). Repetition penalty is applied to the logits by
 * the caller, which knows the history ({@link #penalise}).
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

    /** The index in [0, n) of the largest of x[from .. from+n) (the lowest index wins ties): the greedy token. */
    public static int argmax(float[] x, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (x[from + i] > x[from + best]) best = i;
        return best;
    }

    /** Chooses with the row's random stream: one {@code nextDouble()} when sampling, none when greedy. */
    public static Choice choose(float[] logits, SamplingParams p, SplittableRandom rng) {
        return choose(logits, p, p.temperature() == 0 ? 0 : rng.nextDouble());
    }

    /**
     * Chooses with a uniform draw {@code u} in [0, 1) made by the caller (ignored when greedy): the token where the
     * running mass of the kept tokens, in id order, first exceeds {@code u} times their total. Device backends
     * implement this very rule on the device ({@code Backend#chooseTokens}).
     */
    public static Choice choose(float[] logits, SamplingParams p, double draw) {
        int v = logits.length;
        if (p.temperature() == 0) {
            int best = argmax(logits, 0, v);
            return new Choice(best, (float) (logits[best] - logSumExp(logits, 1.0)));
        }
        double invT = 1.0 / p.temperature();
        double lse = logSumExp(logits, invT);
        boolean truncated = (p.topK() > 0 && p.topK() < v) || p.topP() < 1.0;
        int[] kept = truncated ? support(logits, p, lse, invT) : null;
        int n = truncated ? kept.length : v;
        // min-p: a token must reach min_p times the top token's probability (scale-free, so after top-k/top-p too)
        double floor = 0;
        if (p.minP() > 0) {
            double maxZ = Double.NEGATIVE_INFINITY;
            for (float x : logits) maxZ = Math.max(maxZ, x * invT);
            floor = p.minP() * Math.exp(maxZ - lse);
        }
        // sample within the kept tokens, proportional to their (renormalised) probabilities
        double total = 0;
        for (int j = 0; j < n; j++) {
            double pr = Math.exp(logits[truncated ? kept[j] : j] * invT - lse);
            if (pr >= floor) total += pr;
        }
        double u = draw * total;
        int chosen = -1;
        double acc = 0;
        for (int j = 0; j < n; j++) {
            int id = truncated ? kept[j] : j;
            double pr = Math.exp(logits[id] * invT - lse);
            if (pr == 0 || pr < floor) continue;   // masked (-inf), underflowed or below min-p: never chosen
            chosen = id;                           // rounding fallback: the last token with mass
            acc += pr;
            if (u < acc) break;
        }
        return new Choice(chosen, (float) (logits[chosen] * invT - lse));
    }

    /**
     * transformers' RepetitionPenaltyLogitsProcessor, in place: each distinct token of {@code history[0..n)} has its
     * logit divided by {@code penalty} when positive, multiplied when negative.
     */
    public static void penalise(float[] logits, int[] history, int n, double penalty) {
        if (penalty == 1) return;
        java.util.BitSet seen = new java.util.BitSet(logits.length);
        for (int i = 0; i < n; i++) {
            int t = history[i];
            if (t < 0 || t >= logits.length || seen.get(t)) continue;
            seen.set(t);
            logits[t] = (float) (logits[t] < 0 ? logits[t] * penalty : logits[t] / penalty);
        }
    }

    /**
     * Token ids that may be sampled: the top-k, then the smallest most-likely prefix whose mass reaches top-p
     * (the token that crosses the threshold is kept), in descending probability; ties are broken by lower id.
     *
     * <p>Only candidates above a probability floor are sorted (what matters for 150k-token vocabularies): a floor
     * is accepted once the tokens above it number at least k (top-k) or carry at least top-p of the mass, which
     * guarantees the result is the same as sorting everything; otherwise the floor is lowered.
     */
    static int[] support(float[] logits, SamplingParams p, double lse, double invT) {
        int v = logits.length;
        boolean topK = p.topK() > 0 && p.topK() < v;
        boolean topP = p.topP() < 1.0;
        double maxZ = Double.NEGATIVE_INFINITY;
        for (float x : logits) maxZ = Math.max(maxZ, x * invT);
        long[] keys = null;
        int count = 0;
        for (double gap = 8; ; gap *= 4) {         // candidates: z >= maxZ - gap (prob ratio >= e^-gap)
            double floor = gap > 1e4 ? Double.NEGATIVE_INFINITY : maxZ - gap;
            count = 0;
            double mass = 0;
            for (float x : logits) {
                if (x * invT >= floor) {
                    count++;
                    mass += Math.exp(x * invT - lse);
                }
            }
            boolean enough = topK ? count >= p.topK() : mass >= p.topP();
            if (enough || floor == Double.NEGATIVE_INFINITY) {
                keys = new long[count];
                int j = 0;
                for (int i = 0; i < v; i++) if (logits[i] * invT >= floor) keys[j++] = descendingKey(logits[i], i);
                break;
            }
        }
        Arrays.sort(keys);
        int n = topK ? Math.min(p.topK(), count) : count;
        if (topP) {
            // renormalise within the top-k; without top-k the kept candidates are a prefix of all tokens (mass 1)
            double mass = topK ? 0 : 1;
            for (int j = 0; topK && j < n; j++) mass += Math.exp(logits[(int) keys[j]] * invT - lse);
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
