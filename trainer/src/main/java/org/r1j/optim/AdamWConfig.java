package org.r1j.optim;

/**
 * AdamW hyper-parameters (PyTorch's {@code torch.optim.AdamW} semantics).
 *
 * @param lr          peak learning rate; the {@link LrSchedule} scales it per step
 * @param beta1       decay of the first-moment (mean) estimate
 * @param beta2       decay of the second-moment (uncentred variance) estimate
 * @param eps         added to sqrt(v-hat) in the denominator, as in PyTorch (after bias correction)
 * @param weightDecay decoupled decay: w -= lr * weightDecay * w each step, applied only to matrices
 *                    (embeddings and Linear weights), not to biases or norm gains — the usual Hugging Face choice
 */
public record AdamWConfig(double lr, double beta1, double beta2, double eps, double weightDecay) {
    public AdamWConfig {
        if (!(lr >= 0)) throw new IllegalArgumentException("AdamW lr must be >= 0, got " + lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("AdamW beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("AdamW beta2 must be in [0, 1), got " + beta2);
        if (!(eps > 0)) throw new IllegalArgumentException("AdamW eps must be > 0, got " + eps);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("AdamW weight_decay must be >= 0, got " + weightDecay);
    }

    /** PyTorch's defaults except the learning rate: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static AdamWConfig of(double lr) {
        return new AdamWConfig(lr, 0.9, 0.999, 1e-8, 0.01);
    }

    public AdamWConfig withLr(double newLr) {
        return new AdamWConfig(newLr, beta1, beta2, eps, weightDecay);
    }

    public AdamWConfig withWeightDecay(double wd) {
        return new AdamWConfig(lr, beta1, beta2, eps, wd);
    }
}
