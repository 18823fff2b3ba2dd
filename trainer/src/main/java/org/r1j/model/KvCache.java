package org.r1j.model;

/** Per-layer key/value cache for incremental decoding; opaque outside the model. */
public interface KvCache extends AutoCloseable {
    int batchSize();

    /** Positions filled so far (prompt + generated), the same for every row because prompts are left-padded. */
    int length();

    int capacity();

    @Override
    void close();
}
