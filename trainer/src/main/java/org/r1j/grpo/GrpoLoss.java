package org.r1j.grpo;

import java.util.Arrays;

/**
 * The GRPO objective per token and its gradient with respect to the policy's log-probabilities (and, for the entropy
 * bonus, the token entropies), computed in plain Java doubles so that any {@link org.r1j.model.ForwardPass} can
 * backpropagate it. Follows TRL's {@code GRPOTrainer._compute_loss} term by term:
 * <pre>
 *   rho   = exp(logp - logp_old)                          token level; sequence level (GSPO): exp(masked mean of it)
 *   l_pg  = -min(min(rho, delta)·A, clip(rho, 1-epsilon, 1+epsilon_high)·A)     grpo / bnpo / dr_grpo / dapo
 *         = -sg(min(rho, epsilon_high))·A·logp                                   cispo
 *         = -(4/tau)·sigmoid(tau·(rho - 1))·A                                    sapo
 *   l     = l_pg · entropy_mask · is_weight + beta·k(ref - logp)                (k1, k2 or k3, see {@link KlEstimator})
 *   loss  = aggregate(l · mask) - entropy_coef · mean entropy of the tokens trained on
 * </pre>
 * The gradient is taken exactly as autograd does: through {@code rho} (which is 1 but has gradient rho when
 * logp_old is detached) and through the KL term; a clamp passes gradient only inside its range; at a tie of the two
 * branches of the min each gets half (torch.minimum).
 */
public final class GrpoLoss {

    /**
     * The objective's settings (see {@link GrpoConfig} for each one's meaning and source).
     *
     * @param delta two-sided clip bound, or null for none
     */
    public record Objective(double epsilonLow, double epsilonHigh, Double delta, double beta, LossType lossType,
                            int maxCompletionLength, ImportanceSamplingLevel level, KlEstimator kl,
                            double sapoTemperaturePos, double sapoTemperatureNeg, double entropyCoef,
                            double topEntropyQuantile) {
        /** Plain GRPO with token-level ratios and the k3 KL: the objective before these settings existed. */
        public static Objective basic(double epsilonLow, double epsilonHigh, double beta, LossType lossType, int maxLen) {
            return new Objective(epsilonLow, epsilonHigh, null, beta, lossType, maxLen, ImportanceSamplingLevel.TOKEN,
                    KlEstimator.K3, 1.0, 1.05, 0, 1);
        }

        /** True when the loss reads the token entropies (masking or bonus). */
        public boolean needsEntropies() {
            return entropyCoef != 0 || topEntropyQuantile < 1;
        }
    }

    /**
     * One micro-batch's inputs; [B][T_b] arrays are per completion token.
     *
     * @param oldLogp    log-probs under the policy that sampled them, or null (= logp, detached)
     * @param refLogp    reference-model log-probs, or null when beta = 0
     * @param mask       1 for tokens that count, 0 for masked ones (e.g. truncated completions)
     * @param entropies  token entropies (needed for top_entropy_quantile &lt; 1 or entropy_coef &gt; 0), else may be null
     * @param isWeights  sampler-correction weights per token (detached), or null for none
     * @param stepTokens active tokens of the whole optimiser step (DAPO's and CISPO's normaliser)
     * @param accumulationSteps micro-batches in the optimiser step (the other aggregations divide by it)
     */
    public record Batch(float[][] logp, float[][] oldLogp, float[][] refLogp, double[] advantages, float[][] mask,
                        float[][] entropies, float[][] isWeights, double stepTokens, int accumulationSteps) {}

    /**
     * @param loss          the aggregated loss of this micro-batch
     * @param dLogprobs     dLoss/dlogp per completion token, same shape as the log-probs (0 where masked)
     * @param dEntropies    dLoss/dentropy per token (the entropy bonus), or null when entropy_coef = 0
     * @param klMean        masked mean of the KL estimate (0 when beta = 0: TRL does not log it then either)
     * @param lowClipMean   share of tokens with rho &lt; 1-epsilon and A &lt; 0 (the clip bound that binds)
     * @param highClipMean  share of tokens with rho &gt; 1+epsilon_high and A &gt; 0 (cispo: rho &gt; epsilon_high)
     * @param regionClipMean share of tokens in either
     * @param tokens        Σ mask
     * @param clipCount     what the clip shares are shares of: Σ mask, or rows at sequence level (as TRL counts)
     * @param lowClipMin    smallest per-completion low-clip share (TRL clip_ratio/low_min; NaN with no tokens)
     * @param highClipMax   largest per-completion high-clip share (TRL clip_ratio/high_max)
     * @param trainedTokens tokens inside the entropy mask (= tokens when top_entropy_quantile = 1)
     */
    public record Result(double loss, float[][] dLogprobs, float[][] dEntropies, double klMean, double lowClipMean,
                         double highClipMean, double regionClipMean, double tokens, double clipCount, double lowClipMin,
                         double highClipMax, double trainedTokens) {}

    private final Objective o;

    public GrpoLoss(Objective objective) {
        this.o = objective;
    }

    public GrpoLoss(double epsilonLow, double epsilonHigh, double beta, LossType lossType, int maxCompletionLength) {
        this(Objective.basic(epsilonLow, epsilonHigh, beta, lossType, maxCompletionLength));
    }

    public static GrpoLoss of(GrpoConfig c) {
        return new GrpoLoss(objective(c));
    }

    public static Objective objective(GrpoConfig c) {
        return new Objective(c.epsilon(), c.epsilonHigh(), c.delta(), c.beta(), c.lossType(), c.maxCompletionLength(),
                c.importanceSamplingLevel(), c.klEstimator(), c.sapoTemperaturePos(), c.sapoTemperatureNeg(),
                c.entropyCoef(), c.topEntropyQuantile());
    }

    public Objective objective() {
        return o;
    }

    /** One whole optimiser step in one micro-batch, without entropies or sampler weights. */
    public Result compute(float[][] logp, float[][] oldLogp, float[][] refLogp, double[] advantages, float[][] mask,
                          double dapoTokens) {
        return compute(new Batch(logp, oldLogp, refLogp, advantages, mask, null, null, dapoTokens, 1));
    }

    public Result compute(Batch in) {
        float[][] logp = in.logp();
        float[][] mask = in.mask();
        int b = logp.length;
        if (in.advantages().length != b || mask.length != b) {
            throw new IllegalArgumentException("batch sizes differ: logp " + b + ", advantages " + in.advantages().length + ", mask " + mask.length);
        }
        if (o.beta() != 0 && in.refLogp() == null) throw new IllegalArgumentException("beta = " + o.beta() + " needs reference log-probs");
        if (o.needsEntropies() && in.entropies() == null) {
            throw new IllegalArgumentException("entropy_coef / top_entropy_quantile need the token entropies");
        }
        boolean sequence = o.level() == ImportanceSamplingLevel.SEQUENCE;
        float[][] entropyMask = o.topEntropyQuantile() < 1 ? highEntropyMask(in.entropies(), mask, 1 - o.topEntropyQuantile()) : null;
        double maskSum = 0;
        double[] rowTokens = new double[b];
        for (int i = 0; i < b; i++) {
            for (float m : mask[i]) rowTokens[i] += m;
            maskSum += rowTokens[i];
        }
        float[][] d = new float[b][];
        double loss = 0, klSum = 0, low = 0, high = 0, region = 0, clipCount = 0, trained = 0;
        double lowMin = Double.NaN, highMax = Double.NaN;
        for (int i = 0; i < b; i++) {
            int t = logp[i].length;
            double a = in.advantages()[i];
            double w = weight(rowTokens[i], maskSum, b, in.stepTokens(), in.accumulationSteps());
            double rowN = Math.max(rowTokens[i], 1);
            double[] logRatio = new double[t];
            double seqLogRatio = 0;
            for (int j = 0; j < t; j++) {
                double lp = logp[i][j];
                // detached old log-probs: rho is exactly 1, but NaN/Inf in logp must still show, as in autograd
                logRatio[j] = lp - (in.oldLogp() == null ? lp : in.oldLogp()[i][j]);
                seqLogRatio += logRatio[j] * mask[i][j];
            }
            double seqRho = Math.exp(seqLogRatio / rowN);
            double seqGrad = 0;                          // Σ_t m·w·dl/drho, for the sequence-level chain rule
            double[] direct = new double[t];             // dl/dlogp other than through rho, times m·w
            double rowLow = 0, rowHigh = 0;
            for (int j = 0; j < t; j++) {
                double m = mask[i][j];
                double rho = sequence ? seqRho : Math.exp(logRatio[j]);
                double gate = (entropyMask == null ? 1 : entropyMask[i][j]) * (in.isWeights() == null ? 1 : in.isWeights()[i][j]);
                double l, dRho = 0, dLp = 0;
                boolean isLow = false, isHigh = false;
                switch (o.lossType()) {
                    case CISPO -> {
                        double capped = Math.min(rho, o.epsilonHigh());
                        l = -capped * a * logp[i][j];
                        dLp = -capped * a;
                        isHigh = rho > o.epsilonHigh() && a > 0;
                    }
                    case SAPO -> {
                        double tau = a > 0 ? o.sapoTemperaturePos() : o.sapoTemperatureNeg();
                        double sig = 1 / (1 + Math.exp(-tau * (rho - 1)));
                        l = -sig * 4 / tau * a;
                        dRho = -a * 4 * sig * (1 - sig);
                    }
                    default -> {
                        double c2 = Math.min(Math.max(rho, 1 - o.epsilonLow()), 1 + o.epsilonHigh());
                        double dc2 = rho >= 1 - o.epsilonLow() && rho <= 1 + o.epsilonHigh() ? 1 : 0;
                        double c1 = o.delta() == null ? rho : Math.min(rho, o.delta());
                        double dc1 = o.delta() == null || rho <= o.delta() ? 1 : 0;
                        double o1 = c1 * a, o2 = c2 * a;
                        l = -Math.min(o1, o2);
                        dRho = o1 < o2 ? -a * dc1 : o2 < o1 ? -a * dc2 : -a * (dc1 + dc2) / 2;
                        isLow = c1 < 1 - o.epsilonLow() && a < 0;
                        isHigh = c1 > 1 + o.epsilonHigh() && a > 0;
                    }
                }
                l *= gate;
                dRho *= gate;
                dLp *= gate;
                if (o.beta() != 0) {
                    double x = in.refLogp()[i][j] - logp[i][j];
                    double k = o.kl().value(x);
                    l += o.beta() * k;
                    dLp += o.beta() * o.kl().gradient(x);
                    klSum += k * m;
                }
                loss += l * m * w;
                if (sequence) {
                    seqGrad += dRho * m * w;
                    direct[j] = dLp * m * w;
                } else {
                    direct[j] = (dRho * rho + dLp) * m * w;     // d(rho)/d(logp) = rho
                }
                if (entropyMask != null) trained += entropyMask[i][j] * m;
                if (!sequence) {
                    if (isLow) { low += m; rowLow += m; }
                    if (isHigh) { high += m; rowHigh += m; }
                    if (isLow || isHigh) region += m;
                } else if (j == 0) {                        // one ratio per row: TRL counts rows
                    low += isLow ? 1 : 0;
                    high += isHigh ? 1 : 0;
                    region += isLow || isHigh ? 1 : 0;
                    rowLow = isLow ? 1 : 0;
                    rowHigh = isHigh ? 1 : 0;
                }
            }
            d[i] = new float[t];
            for (int j = 0; j < t; j++) {
                double g = direct[j];
                if (sequence) g += seqGrad * seqRho * mask[i][j] / rowN;   // d(seq rho)/d(logp_t) = rho·m_t/n
                d[i][j] = (float) g;
            }
            double rowDen = sequence ? (t == 0 ? 0 : 1) : rowTokens[i];
            if (rowDen > 0) {                                              // nanmin / nanmax over completions
                lowMin = Double.isNaN(lowMin) ? rowLow / rowDen : Math.min(lowMin, rowLow / rowDen);
                highMax = Double.isNaN(highMax) ? rowHigh / rowDen : Math.max(highMax, rowHigh / rowDen);
            }
            clipCount += sequence ? (t == 0 ? 0 : 1) : rowTokens[i];
        }
        float[][] dEnt = null;
        if (o.entropyCoef() != 0) {
            dEnt = new float[b][];
            double effective = 0, entSum = 0;
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < mask[i].length; j++) {
                    double me = mask[i][j] * (entropyMask == null ? 1 : entropyMask[i][j]);
                    effective += me;
                    entSum += in.entropies()[i][j] * me;
                }
            }
            double denom = o.lossType().globalTokenNormaliser() ? Math.max(in.stepTokens(), 1)
                    : Math.max(effective, 1) * in.accumulationSteps();
            loss -= o.entropyCoef() * entSum / denom;
            for (int i = 0; i < b; i++) {
                dEnt[i] = new float[mask[i].length];
                for (int j = 0; j < mask[i].length; j++) {
                    double me = mask[i][j] * (entropyMask == null ? 1 : entropyMask[i][j]);
                    dEnt[i][j] = (float) (-o.entropyCoef() * me / denom);
                }
            }
        }
        double denom = Math.max(maskSum, 1);
        double clipDen = Math.max(clipCount, 1);
        return new Result(loss, d, dEnt, klSum / denom, low / clipDen, high / clipDen, region / clipDen, maskSum, clipCount,
                lowMin, highMax, entropyMask == null ? maskSum : trained);
    }

    /** The factor each masked per-token loss of row i is multiplied by under the chosen aggregation. */
    private double weight(double rowTokens, double batchTokens, int rows, double stepTokens, int accumulation) {
        return switch (o.lossType()) {
            case GRPO, SAPO -> 1.0 / (Math.max(rowTokens, 1) * rows * accumulation);
            case BNPO -> 1.0 / (Math.max(batchTokens, 1) * accumulation);
            case DR_GRPO -> 1.0 / ((double) rows * o.maxCompletionLength() * accumulation);
            case DAPO, CISPO -> 1.0 / Math.max(stepTokens, 1);
        };
    }

    /**
     * 1 on unmasked tokens whose entropy is at least the {@code q}-quantile of the unmasked tokens' entropies
     * (torch.quantile's linear interpolation), as TRL's {@code get_high_entropy_mask}; over this micro-batch.
     */
    public static float[][] highEntropyMask(float[][] entropies, float[][] mask, double q) {
        int n = 0;
        for (int i = 0; i < mask.length; i++) for (float m : mask[i]) if (m != 0) n++;
        double[] v = new double[n];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            for (int j = 0; j < mask[i].length; j++) if (mask[i][j] != 0) v[k++] = entropies[i][j];
        }
        float[][] out = new float[mask.length][];
        for (int i = 0; i < mask.length; i++) out[i] = new float[mask[i].length];
        if (n == 0) return out;
        Arrays.sort(v);
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        double threshold = v[lo] + (v[hi] - v[lo]) * (pos - lo);
        for (int i = 0; i < mask.length; i++) {
            for (int j = 0; j < mask[i].length; j++) {
                out[i][j] = mask[i][j] != 0 && entropies[i][j] * mask[i][j] >= threshold ? 1f : 0f;
            }
        }
        return out;
    }
}
