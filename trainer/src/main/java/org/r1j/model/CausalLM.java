package org.r1j.model;

import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

/**
 * The decoder-only language model as the rest of r1j sees it: the policy, the reference model and the student.
 * Parameters are named as in Hugging Face checkpoints ("model.layers.0.self_attn.q_proj.weight", …).
 */
public interface CausalLM extends AutoCloseable {
    ModelConfig config();

    /** The backend every operation of this model runs on (chosen when it was built; the optimizer uses it too). */
    Backend backend();

    /** Training/scoring pass over whole sequences. */
    ForwardPass forward(TokenBatch batch, float temperature, boolean training);

    /** Starts incremental decoding for up to {@code batchSize} rows and {@code maxSeqLen} positions. */
    KvCache newCache(int batchSize, int maxSeqLen);

    /**
     * Runs the left-padded prompts through the model, filling the cache.
     *
     * @param prompts (B, P) token ids, left-padded to a common length P
     * @param promptLengths (B) real tokens per row (the last promptLengths[b] entries of row b)
     * @return (B, V) logits at each row's last prompt position, a new tensor of the model's backend
     */
    Tensor prefill(KvCache cache, int[][] prompts, int[] promptLengths);

    /** Appends one token per row and returns the (B, V) logits for the next position (a new tensor). */
    Tensor decode(KvCache cache, int[] nextTokens);

    /** Parameters and gradients by Hugging Face name. */
    Parameters parameters();

    /** Sets every gradient to zero. */
    void zeroGrad();

    /** A deep copy (weights only), e.g. for the frozen reference model; its owner closes it when done. */
    CausalLM copy();

    /**
     * Frees the model's memory in its backend (weights, gradients, buffers) at once instead of at GC, which a device
     * backend needs; the model is unusable after. Models without backend memory of their own do nothing.
     */
    @Override
    default void close() {}
}
