package org.r1j.train;

import java.util.List;
import java.util.Map;

/**
 * A trainer's own math for one optimiser step, which {@link TrainingLoop} runs: {@link #gradients} does the forward
 * and backward passes (the gradients are left in the model), the loop clips them and updates the weights, then
 * {@link #finish} says what the step measured. SFT's is the completion tokens' NLL; GRPO's generates, scores and
 * runs {@code GrpoLoss}. Everything else (schedule, clipping, skipping NaN steps, checkpoints, resume, stop,
 * listeners, records, in-run evaluation) is the loop's, the same for every trainer.
 */
public interface StepFunction {
    /**
     * Forward and backward of optimiser step {@code index} (0-based); the gradients are accumulated in the model.
     *
     * @return whether the update may go ahead
     */
    Gradients gradients(int index);

    /** The step's metrics row once the update is done or skipped; the loop appends the in-run evaluation's. */
    Row finish(Update update);

    /**
     * What a step's passes left for the update.
     *
     * @param skip   why the update must not happen (a NaN/Inf loss), null when it may
     * @param empty  the step had nothing to train on: no update, and not counted as a skipped step
     * @param tokens tokens to add to the run's {@code num_tokens}
     */
    record Gradients(String skip, boolean empty, long tokens) {
        public static Gradients ok(long tokens) {
            return new Gradients(null, false, tokens);
        }
    }

    /**
     * What the loop did with them.
     *
     * @param step             1-based number of the step just finished
     * @param learningRate     the schedule's rate for it
     * @param gradNorm         global gradient norm before clipping; NaN when the update was skipped before it
     * @param skip             why the update was skipped, or null
     * @param numTokens        tokens seen so far, this step's included
     * @param optimizerSeconds time spent clipping, updating and zeroing the gradients
     */
    record Update(int step, double learningRate, double gradNorm, String skip, long numTokens, double optimizerSeconds) {
    }

    /**
     * A step's metrics (TRL names, in the order metrics.csv shows them), sampled completions and a note for the
     * console (why it was skipped, reward failures).
     */
    record Row(Map<String, Double> values, List<StepMetrics.CompletionRecord> completions, String note) {
    }
}
