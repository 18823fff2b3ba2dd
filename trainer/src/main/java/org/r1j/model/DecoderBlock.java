package org.r1j.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.layers.Attention;
import org.r1j.model.layers.Linear;
import org.r1j.model.layers.RmsNorm;
import org.r1j.model.layers.Rotary;
import org.r1j.model.layers.SwiGlu;

/**
 * One pre-norm decoder layer: {@code x += o_proj(attn(rope(qkv(norm1(x)))))}, {@code x += down(swiglu(gate, up))}.
 * {@link #forward} returns the activations backward needs; {@link #backward} undoes it step by step.
 */
final class DecoderBlock {
    /** What forward saves for backward. Shapes: N = B*T. */
    static final class Saved {
        INDArray xIn;   // (N, C) layer input
        INDArray ln1;   // (N, C)
        INDArray rstd1; // (N, 1)
        INDArray q;     // (B, NH, T, hs) rotated, scaled
        INDArray k;     // (B, KVH, S, hs) rotated (all keys attended to)
        INDArray v;     // (B, KVH, S, hs)
        INDArray att;   // (B, KVH, G*T, S)
        INDArray y4;    // (B, NH, T, hs) attention output per head
        INDArray y;     // (N, C) attention output, heads concatenated
        INDArray xMid;  // (N, C) after the attention residual
        INDArray ln2;   // (N, C)
        INDArray rstd2; // (N, 1)
        INDArray gate;  // (N, I)
        INDArray up;    // (N, I)
        INDArray sig;   // (N, I) sigmoid(gate)
        INDArray h;     // (N, I)
    }

    private final ModelConfig c;
    private final Rotary rope;
    private final double scale; // 1 / sqrt(hs)

    DecoderBlock(ModelConfig c, Rotary rope) {
        this.c = c;
        this.rope = rope;
        this.scale = 1.0 / Math.sqrt(c.headDim());
    }

    /**
     * @param x      (N, C) layer input, not modified
     * @param cos    (B, 1, T, hs) rotary tables at each token's position; sin likewise
     * @param mask   (B or 1, 1, G*T, S) additive
     * @param cacheK (B, KVH, capacity, hs) or null: this layer's cache; the new keys go to positions start..start+T-1
     *               and attention runs over positions 0..start+T-1
     * @return the saved activations; {@code xOut} (N, C) is returned through {@code out}
     */
    Saved forward(INDArray out, INDArray x, LayerWeights w, int B, int T, INDArray cos, INDArray sin,
                  INDArray mask, INDArray cacheK, INDArray cacheV, int start) {
        long N = (long) B * T, C = c.hiddenSize(), NH = c.numAttentionHeads(), KVH = c.numKeyValueHeads();
        long hs = c.headDim(), I = c.intermediateSize();
        Saved s = new Saved();
        s.xIn = x;
        // attention rmsnorm
        s.ln1 = Nd4j.create(x.dataType(), N, C);
        s.rstd1 = Nd4j.create(x.dataType(), N, 1);
        RmsNorm.forward(s.ln1, s.rstd1, x, w.ln1(), c.rmsNormEps());
        // q, k, v in one GEMM, then split heads: (N, QKV) -> (B, T, NH+2KVH, hs) -> per-head (B, H, T, hs)
        INDArray qkv = Nd4j.create(x.dataType(), N, (NH + 2 * KVH) * hs);
        Linear.forward(qkv, s.ln1, w.wqkv(), w.bqkv());
        INDArray qkv4 = qkv.reshape(B, T, NH + 2 * KVH, hs);
        s.q = heads(qkv4, 0, NH).dup('c');
        INDArray k = heads(qkv4, NH, NH + KVH).dup('c');
        INDArray v = heads(qkv4, NH + KVH, NH + 2 * KVH).dup('c');
        // rotary position embedding; the attention scale folded into q
        rope.forward(s.q, cos, sin);
        rope.forward(k, cos, sin);
        s.q.muli(scale);
        if (cacheK != null) {
            cacheK.get(all(), all(), interval(start, start + T), all()).assign(k);
            cacheV.get(all(), all(), interval(start, start + T), all()).assign(v);
            k = cacheK.get(all(), all(), interval(0, start + T), all());
            v = cacheV.get(all(), all(), interval(0, start + T), all());
        }
        s.k = k;
        s.v = v;
        long S = k.size(2);
        s.att = Nd4j.create(x.dataType(), B, KVH, (NH / KVH) * T, S);
        s.y4 = Nd4j.create(x.dataType(), B, NH, T, hs);
        Attention.forward(s.y4, s.att, s.q, k, v, mask);
        s.y = s.y4.permute(0, 2, 1, 3).dup('c').reshape(N, NH * hs);
        // output projection and residual: xMid = x + y Wo^T
        s.xMid = x.dup();
        Nd4j.gemm(s.y, w.wo(), s.xMid, false, true, 1.0, 1.0);
        // MLP rmsnorm, SwiGLU, residual: out = xMid + h Wd^T
        s.ln2 = Nd4j.create(x.dataType(), N, C);
        s.rstd2 = Nd4j.create(x.dataType(), N, 1);
        RmsNorm.forward(s.ln2, s.rstd2, s.xMid, w.ln2(), c.rmsNormEps());
        s.gate = Nd4j.create(x.dataType(), N, I);
        s.up = Nd4j.create(x.dataType(), N, I);
        Linear.forward(s.gate, s.ln2, w.wg(), null);
        Linear.forward(s.up, s.ln2, w.wu(), null);
        s.h = Nd4j.create(x.dataType(), N, I);
        s.sig = Nd4j.create(x.dataType(), N, I);
        SwiGlu.forward(s.h, s.sig, s.gate, s.up);
        out.assign(s.xMid);
        Nd4j.gemm(s.h, w.wd(), out, false, true, 1.0, 1.0);
        return s;
    }

    /**
     * Backward of {@link #forward}: {@code dx} (N, C) holds dLoss/dxOut on entry and dLoss/dxIn on exit;
     * parameter gradients are added to {@code g}.
     */
    void backward(INDArray dx, Saved s, LayerWeights w, LayerWeights g, int B, int T, INDArray cos,
                  INDArray sin) {
        long N = (long) B * T, C = c.hiddenSize(), NH = c.numAttentionHeads(), KVH = c.numKeyValueHeads();
        long hs = c.headDim(), I = c.intermediateSize();
        // forward: out = xMid + h Wd^T  (dx passes through the residual unchanged)
        INDArray dh = Nd4j.create(dx.dataType(), N, I);
        Linear.backward(dh, g.wd(), null, dx, s.h, w.wd(), false);
        // forward: h = silu(gate) * up
        INDArray dgate = Nd4j.create(dx.dataType(), N, I), dup = Nd4j.create(dx.dataType(), N, I);
        SwiGlu.backward(dgate, dup, dh, s.gate, s.up, s.sig);
        // forward: gate = ln2 Wg^T, up = ln2 Wu^T
        INDArray dln2 = Nd4j.create(dx.dataType(), N, C);
        Linear.backward(dln2, g.wg(), null, dgate, s.ln2, w.wg(), false);
        Linear.backward(dln2, g.wu(), null, dup, s.ln2, w.wu(), true);
        // forward: ln2 = rmsnorm(xMid); dx becomes dLoss/dxMid
        RmsNorm.backward(dx, g.ln2(), dln2, s.xMid, w.ln2(), s.rstd2);
        // forward: xMid = x + y Wo^T
        INDArray dy = Nd4j.create(dx.dataType(), N, NH * hs);
        Linear.backward(dy, g.wo(), null, dx, s.y, w.wo(), false);
        // forward: y = heads concatenated
        INDArray dy4 = dy.reshape(B, T, NH, hs).permute(0, 2, 1, 3).dup('c');
        // forward: attention
        INDArray dq = Nd4j.create(dx.dataType(), B, NH, T, hs);
        INDArray dk = Nd4j.create(dx.dataType(), B, KVH, T, hs);
        INDArray dv = Nd4j.create(dx.dataType(), B, KVH, T, hs);
        Attention.backward(dq, dk, dv, dy4, s.q, s.k, s.v, s.att, s.y4);
        // forward: q *= scale; rotary
        dq.muli(scale);
        rope.backward(dq, cos, sin);
        rope.backward(dk, cos, sin);
        // forward: heads split from qkv
        INDArray dqkv = Nd4j.create(dx.dataType(), N, (NH + 2 * KVH) * hs);
        INDArray dqkv4 = dqkv.reshape(B, T, NH + 2 * KVH, hs);
        heads(dqkv4, 0, NH).assign(dq);
        heads(dqkv4, NH, NH + KVH).assign(dk);
        heads(dqkv4, NH + KVH, NH + 2 * KVH).assign(dv);
        // forward: qkv = ln1 Wqkv^T + b
        INDArray dln1 = Nd4j.create(dx.dataType(), N, C);
        Linear.backward(dln1, g.wqkv(), g.bqkv(), dqkv, s.ln1, w.wqkv(), false);
        // forward: ln1 = rmsnorm(x); dx becomes dLoss/dxIn
        RmsNorm.backward(dx, g.ln1(), dln1, s.xIn, w.ln1(), s.rstd1);
    }

    /** Heads [from, to) of (B, T, H, hs) as a (B, to-from, T, hs) view. */
    private static INDArray heads(INDArray x4, long from, long to) {
        return x4.get(all(), all(), interval(from, to), all()).permute(0, 2, 1, 3);
    }
}
