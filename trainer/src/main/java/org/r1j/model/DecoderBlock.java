package org.r1j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;
import org.r1j.model.layers.Attention;
import org.r1j.model.layers.CausalAttention;
import org.r1j.model.layers.Rotary;

/**
 * One pre-norm decoder layer: {@code x += o_proj(attn(rope(qkv(norm1(x)))))}, {@code x += down(swiglu(gate, up))}.
 * {@link #forward} returns the activations backward needs; {@link #backward} undoes it step by step. Every
 * tensor operation is the backend's ({@code be}); the layers in {@code org.r1j.model.layers} document each one's math.
 */
final class DecoderBlock {
    /** What forward saves for backward. Shapes: N = B*T. */
    static final class Saved {
        Tensor xIn;   // (N, C) layer input
        Tensor ln1;   // (N, C)
        Tensor rstd1; // (N, 1)
        Tensor q;     // (B, KVH, T*G, hs) rotated, scaled, stacked T-major (see Attention)
        Tensor k;     // (B, KVH, S, hs) rotated (all keys attended to)
        Tensor v;     // (B, KVH, S, hs)
        Tensor att;   // (B, KVH, T*G, S), or null when the attention ran in causal chunks
        CausalAttention causal; // the chunked attention's state, or null
        Tensor y4;    // (B, KVH, T*G, hs) attention output per head, stacked
        Tensor y;     // (N, C) attention output, heads concatenated
        Tensor xMid;  // (N, C) after the attention residual
        Tensor ln2;   // (N, C)
        Tensor rstd2; // (N, 1)
        Tensor gate;  // (N, I)
        Tensor up;    // (N, I)
        Tensor sig;   // (N, I) sigmoid(gate)
        Tensor h;     // (N, I)
    }

    private final ModelConfig c;
    private final Rotary rope;
    private final Backend be;

    DecoderBlock(ModelConfig c, Rotary rope, Backend be) {
        this.c = c;
        this.rope = rope;
        this.be = be;
    }

    /**
     * @param out    (N, C) written: the layer output
     * @param x      (N, C) layer input, not modified
     * @param cos    (N, NH + 2 KVH, hs) rotary tables per token and head ({@link Rotary#headTables}); sin likewise
     * @param mask   (B or 1, 1, T*G, S) additive
     * @param cacheK (B, KVH, capacity, hs) or null: this layer's cache; the new keys go to positions start..start+T-1
     *               and attention runs over positions 0..start+T-1
     * @param sc     where activation buffers come from (they live as long as the scope)
     * @return the activations backward needs
     */
    Saved forward(Tensor out, Tensor x, LayerWeights w, int B, int T, Tensor cos, Tensor sin,
                  Tensor mask, Tensor cacheK, Tensor cacheV, int start, ArrayPool.Scope sc) {
        long N = (long) B * T, C = c.hiddenSize(), NH = c.numAttentionHeads(), KVH = c.numKeyValueHeads();
        long hs = c.headDim(), I = c.intermediateSize();
        DataType dt = x.dtype();
        Saved s = new Saved();
        s.xIn = x;
        // attention rmsnorm
        s.ln1 = sc.take(dt, N, C);
        s.rstd1 = sc.take(dt, N, 1);
        be.rmsNorm(s.ln1, s.rstd1, x, w.ln1(), c.rmsNormEps());
        Profile.mark("fwd rmsnorm");
        // q, k, v in one GEMM, then split heads: (N, QKV) -> (B, T, NH+2KVH, hs) -> per-head (B, H, T, hs)
        Tensor qkv = sc.take(dt, N, (NH + 2 * KVH) * hs);
        be.linear(qkv, s.ln1, w.wqkv(), w.bqkv());
        Profile.mark("fwd qkv gemm");
        // rotary position embedding on all heads at once (the tables scale q by 1/sqrt(hs), leave v alone)
        be.rotary(rope, qkv.reshape(N, NH + 2 * KVH, hs), cos, sin, sc.take(dt, N, NH + 2 * KVH, hs));
        Profile.mark("fwd rope");
        // split heads: (B, T, NH+2KVH, hs) -> q (B, KVH, T*G, hs), k and v (B, KVH, T, hs), or into the cache
        Tensor qkv4 = qkv.reshape(B, T, NH + 2 * KVH, hs);
        long G = NH / KVH;
        s.q = sc.take(dt, B, KVH, T * G, hs);
        be.copy(s.q.reshape(B, KVH, T, G, hs), queries(qkv, B, T, KVH, G, hs).permute(0, 2, 1, 3, 4));
        Tensor k, v;
        if (cacheK != null) {
            be.copy(cacheK.slice(2, start, start + T), heads(qkv4, NH, NH + KVH));
            be.copy(cacheV.slice(2, start, start + T), heads(qkv4, NH + KVH, NH + 2 * KVH));
            k = cacheK.slice(2, 0, start + T);
            v = cacheV.slice(2, 0, start + T);
        } else {
            k = sc.take(dt, B, KVH, T, hs);
            v = sc.take(dt, B, KVH, T, hs);
            be.copy(k, heads(qkv4, NH, NH + KVH));
            be.copy(v, heads(qkv4, NH + KVH, NH + 2 * KVH));
        }
        Profile.mark("fwd split heads");
        s.k = k;
        s.v = v;
        long S = k.size(2);
        s.y4 = sc.take(dt, B, KVH, T * G, hs);
        Profile.mark("fwd kv cache/buffers");
        int chunks = CausalAttention.chunksFor(T);
        if (cacheK == null && mask.size(0) == 1 && S == T && chunks > 1) {
            s.causal = CausalAttention.forward(be, s.y4, s.q, k, v, mask, chunks, shape -> sc.take(dt, shape));
        } else {
            s.att = sc.take(dt, B, KVH, T * G, S);
            Attention.forward(be, s.y4, s.att, s.q, k, v, mask);
        }
        Profile.mark("fwd attention");
        // merge heads: (B, KVH, T, G, hs) -> (B, T, KVH, G, hs) = (N, C)
        if (T == 1) {
            s.y = s.y4.reshape(N, NH * hs); // one position: the two layouts coincide (decoding saves an op)
        } else {
            s.y = sc.take(dt, N, NH * hs);
            be.copy(s.y.reshape(B, T, KVH, G, hs), s.y4.reshape(B, KVH, T, G, hs).permute(0, 2, 1, 3, 4));
        }
        Profile.mark("fwd merge heads");
        // output projection and residual: xMid = x + y Wo^T (in place when out == x: inference keeps no activations)
        s.xMid = out == x ? x : sc.copyOf(x);
        be.gemm(s.y, w.wo(), s.xMid, false, true, 1.0, 1.0);
        Profile.mark("fwd o_proj gemm");
        // MLP rmsnorm, SwiGLU, residual: out = xMid + h Wd^T
        s.ln2 = sc.take(dt, N, C);
        s.rstd2 = sc.take(dt, N, 1);
        be.rmsNorm(s.ln2, s.rstd2, s.xMid, w.ln2(), c.rmsNormEps());
        Profile.mark("fwd rmsnorm");
        s.gate = sc.take(dt, N, I);
        s.up = sc.take(dt, N, I);
        be.linear(s.gate, s.ln2, w.wg(), null);
        be.linear(s.up, s.ln2, w.wu(), null);
        Profile.mark("fwd gate/up gemm");
        s.h = sc.take(dt, N, I);
        s.sig = sc.take(dt, N, I);
        be.swiGlu(s.h, s.sig, s.gate, s.up);
        Profile.mark("fwd swiglu");
        if (out != s.xMid) be.copy(out, s.xMid);
        be.gemm(s.h, w.wd(), out, false, true, 1.0, 1.0);
        Profile.mark("fwd down gemm");
        return s;
    }

    /**
     * Backward of {@link #forward}: {@code dx} (N, C) holds dLoss/dxOut on entry and dLoss/dxIn on exit;
     * parameter gradients are added to {@code g}. Temporaries come from {@code sc}.
     */
    void backward(Tensor dx, Saved s, LayerWeights w, LayerWeights g, int B, int T, Tensor cos,
                  Tensor sin, ArrayPool.Scope sc) {
        long N = (long) B * T, C = c.hiddenSize(), NH = c.numAttentionHeads(), KVH = c.numKeyValueHeads();
        long hs = c.headDim(), I = c.intermediateSize();
        DataType dt = dx.dtype();
        Tensor scratchA = sc.take(dt, N, C), scratchB = sc.take(dt, N, C);
        // forward: out = xMid + h Wd^T  (dx passes through the residual unchanged)
        Tensor dh = sc.take(dt, N, I);
        be.linearBackward(dh, g.wd(), null, dx, s.h, w.wd(), false, fScratch(sc, w.wd()));
        Profile.mark("bwd down gemm");
        // forward: h = silu(gate) * up
        Tensor dgate = sc.take(dt, N, I), dup = sc.take(dt, N, I);
        be.swiGluBackward(dgate, dup, dh, s.gate, s.up, s.sig);
        Profile.mark("bwd swiglu");
        // forward: gate = ln2 Wg^T, up = ln2 Wu^T
        Tensor dln2 = sc.take(dt, N, C);
        be.linearBackward(dln2, g.wg(), null, dgate, s.ln2, w.wg(), false, fScratch(sc, w.wg()));
        be.linearBackward(dln2, g.wu(), null, dup, s.ln2, w.wu(), true, fScratch(sc, w.wu()));
        Profile.mark("bwd gate/up gemm");
        // forward: ln2 = rmsnorm(xMid); dx becomes dLoss/dxMid
        be.rmsNormBackward(dx, g.ln2(), dln2, s.xMid, w.ln2(), s.rstd2, scratchA, scratchB);
        Profile.mark("bwd rmsnorm");
        // forward: xMid = x + y Wo^T
        Tensor dy = sc.take(dt, N, NH * hs);
        be.linearBackward(dy, g.wo(), null, dx, s.y, w.wo(), false, fScratch(sc, w.wo()));
        Profile.mark("bwd o_proj gemm");
        // forward: y = heads merged
        long G = NH / KVH;
        Tensor dy4 = sc.take(dt, B, KVH, T * G, hs);
        be.copy(dy4.reshape(B, KVH, T, G, hs), dy.reshape(B, T, KVH, G, hs).permute(0, 2, 1, 3, 4));
        Profile.mark("bwd merge heads");
        // forward: attention
        Tensor dq = sc.take(dt, B, KVH, T * G, hs);
        Tensor dk = sc.take(dt, B, KVH, T, hs);
        Tensor dv = sc.take(dt, B, KVH, T, hs);
        if (s.causal != null) {
            s.causal.backward(be, dq, dk, dv, dy4, s.q, s.k, s.v, s.y4, shape -> sc.take(dt, shape));
        } else {
            Attention.backward(be, dq, dk, dv, dy4, s.q, s.k, s.v, s.att, s.y4, sc.take(dt, s.att.shape()));
        }
        Profile.mark("bwd attention");
        // forward: heads split from qkv
        Tensor dqkv = sc.take(dt, N, (NH + 2 * KVH) * hs);
        Tensor dqkv4 = dqkv.reshape(B, T, NH + 2 * KVH, hs);
        be.copy(queries(dqkv, B, T, KVH, G, hs).permute(0, 2, 1, 3, 4), dq.reshape(B, KVH, T, G, hs));
        be.copy(heads(dqkv4, NH, NH + KVH), dk);
        be.copy(heads(dqkv4, NH + KVH, NH + 2 * KVH), dv);
        Profile.mark("bwd split heads");
        // forward: rotary (and q scale) on all heads
        be.rotaryBackward(rope, dqkv.reshape(N, NH + 2 * KVH, hs), cos, sin, sc.take(dt, N, NH + 2 * KVH, hs));
        Profile.mark("bwd rope");
        // forward: qkv = ln1 Wqkv^T + b
        Tensor dln1 = sc.take(dt, N, C);
        be.linearBackward(dln1, g.wqkv(), g.bqkv(), dqkv, s.ln1, w.wqkv(), false, fScratch(sc, w.wqkv()));
        Profile.mark("bwd qkv gemm");
        // forward: ln1 = rmsnorm(x); dx becomes dLoss/dxIn
        be.rmsNormBackward(dx, g.ln1(), dln1, s.xIn, w.ln1(), s.rstd1, scratchA, scratchB);
        Profile.mark("bwd rmsnorm");
    }

    /** An f-order buffer shaped like weight {@code w}, for {@code Linear.backward}'s faster GEMM. */
    private static Tensor fScratch(ArrayPool.Scope sc, Tensor w) {
        return sc.takeOrdered(w.dtype(), 'f', w.shape());
    }

    /** The q columns of a (N, QKV) activation as a (B, T, KVH, G, hs) view. */
    private static Tensor queries(Tensor qkv, long B, long T, long KVH, long G, long hs) {
        long rowStride = qkv.size(1);
        return qkv.view(0, new long[] {B, T, KVH, G, hs}, new long[] {T * rowStride, rowStride, G * hs, hs, 1});
    }

    /** Heads [from, to) of (B, T, H, hs) as a (B, to-from, T, hs) view. */
    private static Tensor heads(Tensor x4, long from, long to) {
        return x4.slice(2, from, to).permute(0, 2, 1, 3);
    }
}
