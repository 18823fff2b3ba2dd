package org.r1j.model;

/**
 * A batch of token sequences for a training forward pass: row b is prompt + completion, right-padded.
 * Log-probabilities are computed for positions {@code promptLengths[b] .. lengths[b]-1} (the completion tokens).
 *
 * @param tokens        (B, T) token ids; entries at or beyond {@code lengths[b]} are padding and ignored
 * @param promptLengths (B) number of prompt tokens in each row
 * @param lengths       (B) prompt + completion tokens in each row
 */
public record TokenBatch(int[][] tokens, int[] promptLengths, int[] lengths) {
    public int batchSize() { return tokens.length; }

    /** Completion length of row b. */
    public int completionLength(int b) { return lengths[b] - promptLengths[b]; }
}
