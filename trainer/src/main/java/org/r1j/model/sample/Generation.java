package org.r1j.model.sample;

/**
 * One sampled completion.
 *
 * @param promptTokens the prompt's token ids
 * @param tokens       completion token ids (including the EOS token when it stopped on EOS)
 * @param text         decoded completion text (special tokens skipped); after a stop string it ends with that string
 *                     (anything the last token had after it is cut)
 * @param logprobs     log-probability of each completion token under the sampling distribution
 *                     {@code log_softmax(logits / temperature)} before top-p/top-k/min-p truncation, after the
 *                     repetition penalty (logits itself when greedy): what GRPO's sampler/trainer mismatch compares
 * @param finishReason STOP (EOS or stop string) or LENGTH
 */
public record Generation(int[] promptTokens, int[] tokens, String text, float[] logprobs, FinishReason finishReason) {
}
