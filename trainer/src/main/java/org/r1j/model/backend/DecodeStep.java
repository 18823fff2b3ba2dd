package org.r1j.model.backend;

/**
 * A backend's one-token decoding step bound to one cache ({@link Backend#decodeStep}). It may hold buffers of its
 * own (a device backend's activations): the cache closes its step when it is closed or refilled.
 */
public interface DecodeStep extends AutoCloseable {
    /**
     * Embeds {@code nextTokens} (B), runs every layer writing keys and values at the cache's next slot (the caller
     * then advances the cache's length), and returns (B, V) logits the caller may keep (a new tensor).
     */
    Tensor run(int[] nextTokens);

    /** Gives back the step's own buffers; the CPU steps hold host arrays the GC frees, so by default nothing. */
    @Override
    default void close() {}
}
