package org.r1j.model.backend;

/** A backend's one-token decoding step bound to one cache ({@link Backend#decodeStep}). */
public interface DecodeStep {
    /**
     * Embeds {@code nextTokens} (B), runs every layer writing keys and values at the cache's next slot (the caller
     * then advances the cache's length), and returns (B, V) logits the caller may keep (a new tensor).
     */
    Tensor run(int[] nextTokens);
}
