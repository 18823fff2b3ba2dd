package org.r1j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keys (after rotary) and values of every layer for B left-padded rows, preallocated to the capacity. */
final class DecoderKvCache implements KvCache {
    final INDArray[] k; // L x (B, KVH, capacity, hs)
    final INDArray[] v; // L x (B, KVH, capacity, hs)
    int[] pad;          // (B) left-padding of each row's prompt, set by prefill
    int length;         // positions filled

    DecoderKvCache(ModelConfig c, int batchSize, int capacity, DataType dtype) {
        if (batchSize < 1) throw new IllegalArgumentException("cache batch size must be >= 1, got " + batchSize);
        if (capacity < 1 || capacity > c.maxPositionEmbeddings())
            throw new IllegalArgumentException("cache length " + capacity + " must be in 1.."
                    + c.maxPositionEmbeddings() + " (max_position_embeddings)");
        k = new INDArray[c.numHiddenLayers()];
        v = new INDArray[c.numHiddenLayers()];
        for (int l = 0; l < k.length; l++) {
            k[l] = Nd4j.zeros(dtype, batchSize, c.numKeyValueHeads(), capacity, c.headDim());
            v[l] = Nd4j.zeros(dtype, batchSize, c.numKeyValueHeads(), capacity, c.headDim());
        }
    }

    @Override
    public int batchSize() { return (int) k[0].size(0); }

    @Override
    public int length() { return length; }

    @Override
    public int capacity() { return (int) k[0].size(2); }

    @Override
    public void close() {
        for (int l = 0; l < k.length; l++) {
            if (k[l] != null && !k[l].wasClosed()) k[l].close();
            if (v[l] != null && !v[l].wasClosed()) v[l].close();
        }
    }
}
