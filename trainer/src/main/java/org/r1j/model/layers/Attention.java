package org.r1j.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grouped-query scaled dot-product attention with an additive mask. The G query heads that share a key/value
 * head are stacked along the query axis ({@code (B, NH, T, hs)} viewed as {@code (B, KVH, G*T, hs)}, a free
 * reshape because head h = kvh*G + g), so GQA is one batched matmul each way and the key/value heads are never
 * repeated. The 1/sqrt(hs) scale is applied to q by the caller (once, before the cache-free matmuls).
 */
public final class Attention {
    private Attention() {}

    /**
     * @param y    (B, NH, T, hs) written: att @ v
     * @param att  (B, KVH, G*T, S) written: softmax(q k^T + mask), kept for backward
     * @param q    (B, NH, T, hs) rotated and scaled queries
     * @param k    (B, KVH, S, hs) rotated keys (may be a view into a cache)
     * @param v    (B, KVH, S, hs)
     * @param mask (B or 1, 1, G*T, S) additive: 0 where allowed, a large negative number where masked
     */
    public static void forward(INDArray y, INDArray att, INDArray q, INDArray k, INDArray v, INDArray mask) {
        long B = q.size(0), T = q.size(2), hs = q.size(3), KVH = k.size(1), G = q.size(1) / KVH;
        INDArray qg = q.reshape(B, KVH, G * T, hs);
        Nd4j.matmul(qg, k, att, false, true, false);          // (B,KVH,GT,S) scores
        att.addi(mask);
        Nd4j.exec(new SoftMax(att, att, -1));
        Nd4j.matmul(att, v, y.reshape(B, KVH, G * T, hs), false, false, false);
    }

    /**
     * Backward of {@link #forward}, in reverse order of its steps.
     *
     * @param dq  (B, NH, T, hs) written
     * @param dk  (B, KVH, S, hs) written
     * @param dv  (B, KVH, S, hs) written
     * @param dy  (B, NH, T, hs)
     * @param y   (B, NH, T, hs) forward output
     * @param datt att's shape: scratch, overwritten (null: allocate)
     */
    public static void backward(INDArray dq, INDArray dk, INDArray dv, INDArray dy, INDArray q, INDArray k,
                                INDArray v, INDArray att, INDArray y, INDArray datt) {
        long B = q.size(0), T = q.size(2), hs = q.size(3), KVH = k.size(1), G = q.size(1) / KVH;
        INDArray dyg = dy.reshape(B, KVH, G * T, hs);
        INDArray qg = q.reshape(B, KVH, G * T, hs);
        // forward: y = att @ v
        if (datt == null) datt = att.ulike();
        Nd4j.matmul(dyg, v, datt, false, true, false);                     // (B,KVH,GT,S)
        Nd4j.matmul(att, dyg, dv, true, false, false);                     // sums the G query heads
        // forward: att = softmax(scores): dscores = att * (datt - sum_S(att * datt)); the row sum equals
        // sum_hs(dy * y) because datt = dy v^T and y = att v (FlashAttention's trick: hs-wide, not S-wide)
        INDArray rowDot = dy.mul(y).sum(true, 3).reshape(B, KVH, G * T, 1);
        datt.subi(rowDot).muli(att);
        // forward: scores = qg @ k^T (+ mask, which has no gradient)
        Nd4j.matmul(datt, k, dq.reshape(B, KVH, G * T, hs), false, false, false);
        Nd4j.matmul(datt, qg, dk, true, false, false);
    }
}
