package org.r1j.optim;

/** Learning rate as a function of the optimiser step (0-based: the first update is step 0). */
@FunctionalInterface
public interface LrSchedule {
    double lr(long step);

    /** The same rate at every step. */
    static LrSchedule constant(double lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
        return step -> lr;
    }

    /**
     * Linear warmup from lr/warmupSteps (step 0) to {@code lr} at step warmupSteps-1, then cosine decay from
     * {@code lr} to {@code minLr} over the remaining steps up to {@code totalSteps}; {@code minLr} afterwards.
     * Same curve as Hugging Face's {@code get_cosine_schedule_with_warmup} with a floor (there: step+1 counting).
     */
    static LrSchedule warmupCosine(double lr, double minLr, long warmupSteps, long totalSteps) {
        if (!(lr >= 0) || !(minLr >= 0) || minLr > lr)
            throw new IllegalArgumentException("need 0 <= min_lr <= lr, got lr=" + lr + " min_lr=" + minLr);
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps)
            throw new IllegalArgumentException("need 0 <= warmup_steps <= total_steps and total_steps >= 1, got warmup="
                    + warmupSteps + " total=" + totalSteps);
        return step -> {
            if (step < warmupSteps) return lr * (step + 1) / warmupSteps;
            if (step >= totalSteps) return minLr;
            long decaySteps = totalSteps - warmupSteps;
            double progress = (double) (step - warmupSteps) / decaySteps;
            return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * progress));
        };
    }
}
