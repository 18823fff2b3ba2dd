package org.r1j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.r1j.model.backend.DecodeStep;

/** Keys (after rotary) and values of every layer for B left-padded rows, preallocated to the capacity. */
public final class DecoderKvCache implements KvCache {
    final INDArray[] kv; // L x (2, B, KVH, capacity, hs): keys then values, so one view reaches a slot of both
    final INDArray[] k;  // L x (B, KVH, capacity, hs) views of kv
    final INDArray[] v;  // L x (B, KVH, capacity, hs) views of kv
    int[] pad;          // (B) left-padding of each row's prompt, set by prefill
    int length;         // positions filled
    DecodeStep step;    // the backend's decoding step for this cache, made by the first decode after prefill

    DecoderKvCache(ModelConfig c, int batchSize, int capacity, DataType dtype) {
        if (batchSize < 1) throw new IllegalArgumentException("cache batch size must be >= 1, got " + batchSize);
        if (capacity < 1 || capacity > c.maxPositionEmbeddings())
            throw new IllegalArgumentException("cache length " + capacity + " must be in 1.."
                    + c.maxPositionEmbeddings() + " (max_position_embeddings)");
        kv = new INDArray[c.numHiddenLayers()];
        k = new INDArray[c.numHiddenLayers()];
        v = new INDArray[c.numHiddenLayers()];
        for (int l = 0; l < k.length; l++) {
            kv[l] = Nd4j.zeros(dtype, 2, batchSize, c.numKeyValueHeads(), capacity, c.headDim());
            k[l] = kv[l].get(NDArrayIndex.point(0));
            v[l] = kv[l].get(NDArrayIndex.point(1));
        }
    }

    /** Layer l's keys then values, (2, B, KVH, capacity, hs): one view reaches a slot of both. */
    public INDArray kv(int layer) { return kv[layer]; }

    /** Layer l's keys (B, KVH, capacity, hs), a view of {@link #kv}. */
    public INDArray keys(int layer) { return k[layer]; }

    /** Layer l's values (B, KVH, capacity, hs), a view of {@link #kv}. */
    public INDArray values(int layer) { return v[layer]; }

    /** (B) left padding of each row's prompt (slots before it are never attended to); set by prefill. */
    public int[] pad() { return pad; }

    @Override
    public int batchSize() { return (int) k[0].size(0); }

    @Override
    public int length() { return length; }

    @Override
    public int capacity() { return (int) k[0].size(2); }

    @Override
    public void close() {
        for (INDArray a : kv) {
            if (a != null && !a.wasClosed()) a.close();
        }
    }
}
