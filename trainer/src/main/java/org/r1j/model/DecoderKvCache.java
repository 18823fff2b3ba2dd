package org.r1j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.DecodeStep;
import org.r1j.model.backend.Tensor;

/** Keys (after rotary) and values of every layer for B left-padded rows, preallocated to the capacity in the backend's memory. */
public final class DecoderKvCache implements KvCache {
    final Tensor[] kv; // L x (2, B, KVH, capacity, hs): keys then values, so one view reaches a slot of both
    final Tensor[] k;  // L x (B, KVH, capacity, hs) views of kv
    final Tensor[] v;  // L x (B, KVH, capacity, hs) views of kv
    int[] pad;          // (B) left-padding of each row's prompt, set by prefill
    int length;         // positions filled
    DecodeStep step;    // the backend's decoding step for this cache, made by the first decode after prefill

    DecoderKvCache(ModelConfig c, int batchSize, int capacity, DataType dtype, Backend be) {
        if (batchSize < 1) throw new IllegalArgumentException("cache batch size must be >= 1, got " + batchSize);
        if (capacity < 1 || capacity > c.maxPositionEmbeddings())
            throw new IllegalArgumentException("cache length " + capacity + " must be in 1.."
                    + c.maxPositionEmbeddings() + " (max_position_embeddings)");
        kv = new Tensor[c.numHiddenLayers()];
        k = new Tensor[c.numHiddenLayers()];
        v = new Tensor[c.numHiddenLayers()];
        for (int l = 0; l < k.length; l++) {
            kv[l] = be.zeros(dtype, 2, batchSize, c.numKeyValueHeads(), capacity, c.headDim());
            k[l] = kv[l].select(0, 0);
            v[l] = kv[l].select(0, 1);
        }
    }

    /** Layer l's keys then values, (2, B, KVH, capacity, hs): one view reaches a slot of both. */
    public Tensor kv(int layer) { return kv[layer]; }

    /** Layer l's keys (B, KVH, capacity, hs), a view of {@link #kv}. */
    public Tensor keys(int layer) { return k[layer]; }

    /** Layer l's values (B, KVH, capacity, hs), a view of {@link #kv}. */
    public Tensor values(int layer) { return v[layer]; }

    /** (B) left padding of each row's prompt (slots before it are never attended to); set by prefill. */
    public int[] pad() { return pad; }

    @Override
    public int batchSize() { return (int) k[0].size(0); }

    @Override
    public int length() { return length; }

    @Override
    public int capacity() { return (int) k[0].size(2); }

    /** Replaces the bound step (null after a prefill), closing the one it held. */
    void bind(DecodeStep next) {
        if (step != null && step != next) step.close();
        step = next;
    }

    @Override
    public void close() {
        bind(null);
        for (Tensor a : kv) {
            if (a != null) a.close();
        }
    }
}
