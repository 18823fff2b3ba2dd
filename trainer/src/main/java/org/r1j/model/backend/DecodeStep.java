package org.r1j.model.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A backend's one-token decoding step bound to one cache ({@link Backend#decodeStep}). */
public interface DecodeStep {
    /**
     * Embeds {@code nextTokens} (B), runs every layer writing keys and values at the cache's next slot (the caller
     * then advances the cache's length), and returns (B, V) logits the caller may keep.
     */
    INDArray run(int[] nextTokens);
}
