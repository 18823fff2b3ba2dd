package org.r1j.cuda.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.LayerWeights;
import org.r1j.model.ModelConfig;
import org.r1j.model.backend.DecodeStep;
import org.r1j.model.backend.Tensor;
import org.r1j.model.layers.Rotary;

/**
 * The cuda backend's decoding step (one new token per row over a prefilled {@link DecoderKvCache}): the math of
 * {@code DecoderBlock.forward} at T = 1, batch-major, on the backend's own ops, with every activation allocated once
 * per cache and reused per token. Everything stays on the device; per token the host sends the B token ids, and the
 * logits it returns stay there for the backend's sampler ({@code chooseTokens}: B draws in, B tokens and log-probs
 * out; the whole (B, V) only for a repetition penalty, which the generator applies on the host).
 *
 * <ul>
 *   <li>Positions never travel: row b's position is {@code start - pad[b]}, so the rotary tables are gathered from a
 *       view that starts at table row {@code start - maxPad} with the constant rows {@code maxPad - pad[b]} (uploaded
 *       once per cache).</li>
 *   <li>Attention runs over exactly the {@code start + 1} written slots: scores (B, KVH, G, S) as a dense prefix of
 *       one buffer of the cache's capacity, the causal mask and left padding applied by index in the softmax kernel
 *       ({@code pad} on the device, no mask tensor); q is a strided view of the fused q/k/v activation.</li>
 *   <li>The new keys and values are copied from the q/k/v activation into the step's cache slot (one strided copy
 *       for keys and values of a layer).</li>
 * </ul>
 */
final class CudaDecodeStep implements DecodeStep, AutoCloseable {
    private final CudaBackend be;
    private final ModelConfig c;
    private final DecoderWeights w;
    private final Rotary rope;
    private final DecoderKvCache cache;
    private final int B, L, maxPad;
    private final long C, NH, KVH, G, hs, H3, I, V;
    private final CudaTensor tableRows, pad;                 // (B) int: maxPad - pad[b]; pad[b]
    private final CudaTensor x, ln, rstd, qkv, cos, sin, scores, y4, gate, up, h, sig;
    private boolean closed;

    CudaDecodeStep(CudaBackend be, ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache) {
        this.be = be;
        this.c = config;
        this.w = weights;
        this.rope = rope;
        this.cache = cache;
        B = cache.batchSize();
        L = config.numHiddenLayers();
        C = config.hiddenSize();
        NH = config.numAttentionHeads();
        KVH = config.numKeyValueHeads();
        G = NH / KVH;
        hs = config.headDim();
        H3 = NH + 2 * KVH;
        I = config.intermediateSize();
        V = config.vocabSize();
        int[] p = cache.pad(), rows = new int[B];
        int mp = 0;
        for (int b = 0; b < B; b++) mp = Math.max(mp, p[b]);
        maxPad = mp;
        for (int b = 0; b < B; b++) rows[b] = maxPad - p[b];
        DataType f = DataType.FLOAT;
        tableRows = (CudaTensor) be.fromHost(rows, B);
        pad = (CudaTensor) be.fromHost(p.clone(), B);
        x = be.alloc(f, B, C);
        ln = be.alloc(f, B, C);
        rstd = be.alloc(f, B, 1);
        qkv = be.alloc(f, B, H3 * hs);
        cos = be.alloc(f, B, H3 * hs);
        sin = be.alloc(f, B, H3 * hs);
        scores = be.alloc(f, (long) B * KVH * G * cache.capacity());
        y4 = be.alloc(f, B, KVH, G, hs);
        gate = be.alloc(f, B, I);
        up = be.alloc(f, B, I);
        h = be.alloc(f, B, I);
        sig = be.alloc(f, B, I);
    }

    @Override
    public Tensor run(int[] nextTokens) {
        if (closed) throw new IllegalStateException("cuda decode step used after its cache was closed");
        int start = cache.length();
        if (start + 1 > cache.capacity()) throw new IllegalStateException("decode: the cache is full (" + cache.capacity() + " positions)");
        try (CudaTensor tok = (CudaTensor) be.fromHost(nextTokens, B)) {
            be.gather(x, tok, w.embed());
        }
        // rotary tables at positions start - pad[b]: rows maxPad - pad[b] of the tables from row start - maxPad on
        Tensor[] t = rope.positionHeadTables(start + 1, NH, KVH, 1.0 / Math.sqrt(hs));
        long first = start - maxPad;
        be.gather(cos, tableRows, t[0].slice(0, first, t[0].size(0)));
        be.gather(sin, tableRows, t[1].slice(0, first, t[1].size(0)));
        int S = start + 1;
        Tensor att = scores.view(0, new long[] {B, KVH, G, S}, new long[] {KVH * G * S, G * S, S, 1});
        // the q heads of qkv as (B, KVH, G, hs) (head kvh G + g); its k and v heads as (2, B, KVH, hs)
        Tensor q = qkv.view(0, new long[] {B, KVH, G, hs}, new long[] {H3 * hs, G * hs, hs, 1});
        Tensor kvNew = qkv.view(NH * hs, new long[] {2, B, KVH, hs}, new long[] {KVH * hs, H3 * hs, hs, 1});
        for (int l = 0; l < L; l++) {
            LayerWeights lw = w.layer(l);
            be.rmsNorm(ln, rstd, x, lw.ln1(), c.rmsNormEps());
            be.linear(qkv, ln, lw.wqkv(), lw.bqkv());
            be.rotary(rope, qkv.reshape(B, H3, hs), cos.reshape(B, H3, hs), sin.reshape(B, H3, hs), null);
            be.copy(cache.kv(l).select(3, start), kvNew);
            be.batchedMatmul(q, cache.keys(l).slice(2, 0, S), att, false, true, 0);
            be.causalSoftmax(att, (int) G, start, pad);
            be.batchedMatmul(att, cache.values(l).slice(2, 0, S), y4, false, false, 0);
            be.gemm(y4.reshape(B, NH * hs), lw.wo(), x, false, true, 1, 1);        // x += y Wo^T
            be.rmsNorm(ln, rstd, x, lw.ln2(), c.rmsNormEps());
            be.linear(gate, ln, lw.wg(), null);
            be.linear(up, ln, lw.wu(), null);
            be.swiGlu(h, sig, gate, up);
            be.gemm(h, lw.wd(), x, false, true, 1, 1);                              // x += h Wd^T
        }
        be.rmsNorm(ln, rstd, x, w.finalNorm(), c.rmsNormEps());
        CudaTensor logits = be.alloc(DataType.FLOAT, B, V);
        be.linear(logits, ln, w.lmHead(), null);
        return logits;
    }

    /** Gives the step's buffers back (the cache closes its step with itself). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (CudaTensor a : new CudaTensor[] {tableRows, pad, x, ln, rstd, qkv, cos, sin, scores, y4, gate, up, h, sig}) a.close();
    }
}
