package org.r1j.model.sample;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.Tensor;
import org.r1j.model.backend.nd4j.Nd4jBackend;
import org.r1j.model.CausalLM;
import org.r1j.model.ForwardPass;
import org.r1j.model.KvCache;
import org.r1j.model.ModelConfig;
import org.r1j.model.Parameters;
import org.r1j.model.TokenBatch;

/**
 * A test double with known logits: the next-token logits are a fixed random row per previous token (a bigram
 * table), so tests can predict greedy paths and check what the sampler may pick. Rows of the table can be
 * overwritten to force tokens (e.g. EOS after a given token).
 */
final class TableLM implements CausalLM {
    final float[][] table;                       // (V, V): logits after token v
    private final ModelConfig config;
    int prefills;

    TableLM(int vocab, long seed) {
        config = new ModelConfig(vocab, 8, 8, 1, 2, 1, 1e-6, 1e4, 4096, true, true, "qwen2", -1, -1);
        table = new float[vocab][vocab];
        Random r = new Random(seed);
        for (float[] row : table) for (int j = 0; j < vocab; j++) row[j] = (float) (r.nextGaussian() * 3);
    }

    /** Makes {@code next} the overwhelming choice after {@code prev}. */
    void force(int prev, int next) {
        table[prev][next] = 1000;
    }

    @Override
    public org.r1j.model.backend.Backend backend() {
        return org.r1j.model.backend.nd4j.Nd4jBackend.INSTANCE;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    private static final class Cache implements KvCache {
        final int[] last;
        final int capacity;
        int length;

        Cache(int b, int capacity) {
            last = new int[b];
            this.capacity = capacity;
        }

        @Override public int batchSize() { return last.length; }
        @Override public int length() { return length; }
        @Override public int capacity() { return capacity; }
        @Override public void close() { }
    }

    @Override
    public KvCache newCache(int batchSize, int maxSeqLen) {
        return new Cache(batchSize, maxSeqLen);
    }

    @Override
    public Tensor prefill(KvCache cache, int[][] prompts, int[] promptLengths) {
        prefills++;
        Cache c = (Cache) cache;
        for (int b = 0; b < prompts.length; b++) c.last[b] = prompts[b][prompts[b].length - 1];
        c.length = prompts[0].length;
        return logits(c);
    }

    @Override
    public Tensor decode(KvCache cache, int[] nextTokens) {
        Cache c = (Cache) cache;
        if (c.length >= c.capacity) throw new IllegalStateException("cache full");
        System.arraycopy(nextTokens, 0, c.last, 0, nextTokens.length);
        c.length++;
        return logits(c);
    }

    private Tensor logits(Cache c) {
        float[][] out = new float[c.last.length][];
        for (int b = 0; b < out.length; b++) out[b] = table[c.last[b]].clone();
        return Nd4jBackend.INSTANCE.wrap(Nd4j.create(out));
    }

    @Override public ForwardPass forward(TokenBatch batch, float temperature, boolean training) { throw new UnsupportedOperationException(); }
    @Override public Parameters parameters() { throw new UnsupportedOperationException(); }
    @Override public void zeroGrad() { }
    @Override public CausalLM copy() { return this; }
}
