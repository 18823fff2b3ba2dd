package org.r1j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one optimiser step measured, by TRL metric name ({@code reward}, {@code rewards/accuracy/mean}, {@code kl},
 * {@code time/generate}, …), in a stable order; plus the completions sampled for the completions table.
 *
 * @param stage        "grpo" or "sft" — which trainer produced it
 * @param step         1-based number of the step just finished
 * @param maxSteps     steps the run will make in total
 * @param values       metric name → value; NaN when a metric has no value this step
 * @param completions  a few sampled completions with their rewards and advantage (empty for SFT / non-logging steps)
 * @param skipped      true when the update was skipped (NaN/Inf loss or gradient); values still describe the step
 * @param note         why it was skipped, or empty
 */
public record StepMetrics(String stage, int step, int maxSteps, Map<String, Double> values,
                          List<CompletionRecord> completions, boolean skipped, String note) {
    public StepMetrics {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        completions = List.copyOf(completions);
        note = note == null ? "" : note;
    }

    /** The value of a metric, NaN when absent. */
    public double get(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }

    /**
     * One sampled completion as the completions table shows it.
     *
     * @param rewards each reward's value (NaN = unknown) by name, then "total"
     */
    public record CompletionRecord(int step, String prompt, String completion, Map<String, Double> rewards,
                                   double advantage) {
        public CompletionRecord {
            rewards = Collections.unmodifiableMap(new LinkedHashMap<>(rewards));
        }
    }
}
