package org.r1j.optim;

import java.util.List;
import java.util.Locale;

/**
 * Learning rate as a function of the optimiser step (0-based: the first update is step 0). {@link #of} is the one
 * schedule every trainer uses (SFT and GRPO), with transformers' {@code lr_scheduler_type} names.
 */
@FunctionalInterface
public interface LrSchedule {
    /** The {@code lr_scheduler_type} values, transformers' names. */
    List<String> TYPES = List.of("constant", "cosine", "linear", "cosine_with_min_lr");

    double lr(long step);

    /** The same rate at every step. */
    static LrSchedule constant(double lr) {
        return of("constant", lr, 0, 1, 0);
    }

    /**
     * Linear warm-up from peak/warmup (step 0) to the peak at step warmup-1, then, over the steps up to
     * {@code maxSteps}:
     * <ul>
     *   <li>{@code constant}: the peak;</li>
     *   <li>{@code cosine}: half a cosine down to 0 (transformers' {@code get_cosine_schedule_with_warmup});</li>
     *   <li>{@code linear}: a straight line down to 0 (transformers' {@code get_linear_schedule_with_warmup}, TRL's
     *   default);</li>
     *   <li>{@code cosine_with_min_lr}: a cosine down to {@code minLrRate}·peak
     *   (transformers' {@code get_cosine_with_min_lr_schedule_with_warmup}, open-r1's recipes with 0.1).</li>
     * </ul>
     * Past {@code maxSteps} the rate stays where the decay ended.
     */
    static LrSchedule of(String type, double peak, int warmupSteps, int maxSteps, double minLrRate) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(t)) {
            throw new IllegalArgumentException("lr_scheduler_type must be one of " + String.join(", ", TYPES) + ", got '" + type + "'");
        }
        if (!(peak >= 0)) throw new IllegalArgumentException("learning_rate must be >= 0, got " + peak);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmup_steps must be >= 0, got " + warmupSteps);
        if (!(minLrRate >= 0 && minLrRate <= 1)) throw new IllegalArgumentException("min_lr_rate must be in [0, 1], got " + minLrRate);
        return step -> {
            if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
            double progress = Math.min(1, (double) (step - warmupSteps) / Math.max(1, maxSteps - warmupSteps));
            double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
            return switch (t) {
                case "cosine" -> peak * cosine;
                case "linear" -> peak * Math.max(0, 1 - progress);
                case "cosine_with_min_lr" -> peak * (minLrRate + (1 - minLrRate) * cosine);
                default -> peak;
            };
        };
    }
}
