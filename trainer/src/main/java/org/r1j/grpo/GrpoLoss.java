package org.r1j.grpo;

/**
 * The GRPO objective per token and its gradient with respect to the policy's log-probabilities, computed in plain
 * Java arrays so that any {@link org.r1j.model.ForwardPass} can backpropagate it. Follows TRL's
 * {@code GRPOTrainer._compute_loss} term by term:
 * <pre>
 *   rho   = exp(logp - logp_old)                        (logp_old = logp.detach() when num_iterations = 1)
 *   l     = -min(rho·A, clip(rho, 1-epsilon, 1+epsilon_high)·A) + beta·k3
 *   k3    = exp(ref - logp) - (ref - logp) - 1            (Schulman's unbiased, always >= 0 KL estimator)
 *   loss  = aggregate(l · mask)                           (see {@link LossType})
 * </pre>
 * The gradient is taken exactly as autograd does: through {@code rho} (which is 1 but has gradient rho when
 * logp_old is detached) and through k3; the clipped branch has no gradient outside the clip range.
 */
public final class GrpoLoss {

    /**
     * @param loss          the aggregated loss of this micro-batch
     * @param dLogprobs     dLoss/dlogp per completion token, same shape as the log-probs (0 where masked)
     * @param klMean        masked mean of k3 (0 when beta = 0: TRL does not log it then either)
     * @param lowClipMean   share of tokens with rho < 1-epsilon and A < 0 (the clip bound that binds)
     * @param highClipMean  share of tokens with rho > 1+epsilon_high and A > 0
     * @param regionClipMean share of tokens in either
     * @param tokens        Σ mask
     */
    public record Result(double loss, float[][] dLogprobs, double klMean, double lowClipMean, double highClipMean,
                         double regionClipMean, double tokens) {}

    private final double epsilonLow;
    private final double epsilonHigh;
    private final double beta;
    private final LossType lossType;
    private final int maxCompletionLength;

    public GrpoLoss(double epsilonLow, double epsilonHigh, double beta, LossType lossType, int maxCompletionLength) {
        this.epsilonLow = epsilonLow;
        this.epsilonHigh = epsilonHigh;
        this.beta = beta;
        this.lossType = lossType;
        this.maxCompletionLength = maxCompletionLength;
    }

    public static GrpoLoss of(GrpoConfig c) {
        return new GrpoLoss(c.epsilon(), c.epsilonHigh(), c.beta(), c.lossType(), c.maxCompletionLength());
    }

    /**
     * @param logp        [B][T_b] policy log-probs of the completion tokens (with gradient)
     * @param oldLogp     [B][T_b] log-probs under the policy that sampled them, or null (= logp, detached)
     * @param refLogp     [B][T_b] reference-model log-probs, or null when beta = 0
     * @param advantages  [B] one advantage per completion
     * @param mask        [B][T_b] 1 for tokens that count, 0 for masked ones (e.g. truncated completions)
     * @param dapoTokens  active tokens in the whole generation batch (the DAPO normaliser); ignored otherwise
     */
    public Result compute(float[][] logp, float[][] oldLogp, float[][] refLogp, double[] advantages, float[][] mask,
                          double dapoTokens) {
        int b = logp.length;
        if (advantages.length != b || mask.length != b) {
            throw new IllegalArgumentException("batch sizes differ: logp " + b + ", advantages " + advantages.length + ", mask " + mask.length);
        }
        if (beta != 0 && refLogp == null) throw new IllegalArgumentException("beta = " + beta + " needs reference log-probs");
        double[][] perToken = new double[b][];
        double[][] dPerToken = new double[b][];   // d l_t / d logp_t
        double maskSum = 0, klSum = 0, low = 0, high = 0, region = 0;
        double[] rowMask = new double[b];
        for (int i = 0; i < b; i++) {
            int t = logp[i].length;
            perToken[i] = new double[t];
            dPerToken[i] = new double[t];
            double a = advantages[i];
            for (int j = 0; j < t; j++) {
                double lp = logp[i][j];
                // detached old log-probs: rho is exactly 1, but NaN/Inf in logp must still show, as in autograd
                double rho = Math.exp(lp - (oldLogp == null ? lp : oldLogp[i][j]));
                double clipped = Math.min(Math.max(rho, 1 - epsilonLow), 1 + epsilonHigh);
                double unclippedObj = rho * a;
                double clippedObj = clipped * a;
                double l;
                double dl;
                if (unclippedObj <= clippedObj) {
                    l = -unclippedObj;
                    dl = -a * rho;                                   // d(rho)/d(logp) = rho
                } else {
                    l = -clippedObj;
                    boolean inRange = rho >= 1 - epsilonLow && rho <= 1 + epsilonHigh;
                    dl = inRange ? -a * rho : 0;                     // clamp passes gradient only inside its range
                }
                double m = mask[i][j];
                if (beta != 0) {
                    double delta = refLogp[i][j] - lp;
                    double k3 = Math.exp(delta) - delta - 1;
                    l += beta * k3;
                    dl += beta * (1 - Math.exp(delta));              // d k3 / d logp = -exp(delta) + 1
                    klSum += k3 * m;
                }
                perToken[i][j] = l;
                dPerToken[i][j] = dl;
                rowMask[i] += m;
                if (rho < 1 - epsilonLow && a < 0) low += m;
                if (rho > 1 + epsilonHigh && a > 0) high += m;
                if ((rho < 1 - epsilonLow && a < 0) || (rho > 1 + epsilonHigh && a > 0)) region += m;
            }
            maskSum += rowMask[i];
        }
        float[][] d = new float[b][];
        double loss = 0;
        for (int i = 0; i < b; i++) {
            double w = weight(rowMask[i], maskSum, b, dapoTokens);   // loss = Σ_i Σ_t l·m·w_i
            d[i] = new float[perToken[i].length];
            for (int j = 0; j < perToken[i].length; j++) {
                loss += perToken[i][j] * mask[i][j] * w;
                d[i][j] = (float) (dPerToken[i][j] * mask[i][j] * w);
            }
        }
        double denom = Math.max(maskSum, 1);
        return new Result(loss, d, klSum / denom, low / denom, high / denom, region / denom, maskSum);
    }

    /** The factor each masked per-token loss of row i is multiplied by under the chosen aggregation. */
    private double weight(double rowTokens, double batchTokens, int rows, double dapoTokens) {
        return switch (lossType) {
            case GRPO -> 1.0 / (Math.max(rowTokens, 1) * rows);
            case BNPO -> 1.0 / Math.max(batchTokens, 1);
            case DR_GRPO -> 1.0 / ((double) rows * maxCompletionLength);
            case DAPO -> 1.0 / Math.max(dapoTokens, 1);
        };
    }
}
