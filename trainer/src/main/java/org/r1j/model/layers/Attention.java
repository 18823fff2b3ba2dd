package org.r1j.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.Profile;
import org.r1j.model.backend.Backend;

/**
 * Grouped-query scaled dot-product attention with an additive mask. The G query heads that share a key/value
 * head (h = kvh*G + g) are stacked along the query axis, T-major: q is {@code (B, KVH, T*G, hs)} with row
 * t*G + g, so GQA is one batched matmul each way, the key/value heads are never repeated, and a range of
 * query positions is a contiguous range of rows. The 1/sqrt(hs) scale is applied to q by the caller.
 * (Skipping the masked upper triangle in query chunks halved the forward's softmax time, 55 vs 105 ms at the
 * bench shape, but backward needs the full matrix and copying the chunks into it, or a chunked backward on
 * strided views, cost the gain back; measured and removed.)
 */
public final class Attention {
    private Attention() {}

    /**
     * @param y    (B, KVH, T*G, hs) written: att @ v
     * @param att  (B, KVH, T*G, S) written: softmax(q k^T + mask), kept for backward
     * @param q    (B, KVH, T*G, hs) rotated and scaled queries, stacked
     * @param k    (B, KVH, S, hs) rotated keys (may be a view into a cache)
     * @param v    (B, KVH, S, hs)
     * @param mask (B or 1, 1, T*G, S) additive: 0 where allowed, a large negative number where masked
     */
    public static void forward(Backend be, INDArray y, INDArray att, INDArray q, INDArray k, INDArray v, INDArray mask) {
        be.batchedMatmul(q, k, att, false, true, 0);             // (B,KVH,TG,S) scores
        Profile.mark("fwd attention: q k^T");
        be.maskedSoftmax(att, mask);
        Profile.mark("fwd attention: softmax");
        be.batchedMatmul(att, v, y, false, false, 0);
    }

    /** {@code att = softmax(att + mask)} over the last axis, in place, in ND4J ops (the nd4j backend's). */
    public static void maskedSoftmax(INDArray att, INDArray mask) {
        addMask(att, mask.ordering() == 'c' && Shape.hasDefaultStridesForShape(mask) ? mask : mask.dup('c'));
        Profile.mark("fwd attention: mask");
        Nd4j.exec(new SoftMax(att, att, -1));
        Profile.mark("fwd attention: softmax");
    }

    /** {@code att += mask}, broadcast over rows and heads; mask (B or 1, 1, rows, S) as att's last two dimensions. */
    private static void addMask(INDArray att, INDArray mask) {
        if (mask.size(0) == 1 && att.ordering() == 'c' && Shape.hasDefaultStridesForShape(att)) {
            // one mask for every row and head: a 2-D row broadcast ran ~2x faster than the 4-D one
            att.reshape(att.size(0) * att.size(1), att.size(2) * att.size(3)).addiRowVector(mask.reshape(mask.length()));
        } else {
            att.addi(mask);
        }
    }

    /**
     * Backward of {@link #forward}, in reverse order of its steps.
     *
     * @param dq  (B, KVH, T*G, hs) written
     * @param dk  (B, KVH, S, hs) written
     * @param dv  (B, KVH, S, hs) written
     * @param dy  (B, KVH, T*G, hs)
     * @param y   (B, KVH, T*G, hs) forward output
     * @param datt att's shape: scratch, overwritten (null: allocate)
     */
    public static void backward(Backend be, INDArray dq, INDArray dk, INDArray dv, INDArray dy, INDArray q, INDArray k,
                                INDArray v, INDArray att, INDArray y, INDArray datt) {
        // forward: y = att @ v
        if (datt == null) datt = att.ulike();
        be.batchedMatmul(dy, v, datt, false, true, 0);                      // (B,KVH,TG,S)
        be.batchedMatmul(att, dy, dv, true, false, 0);                      // sums the G query heads
        // forward: att = softmax(scores): dscores = att * (datt - sum_S(att * datt)); the row sum equals
        // sum_hs(dy * y) because datt = dy v^T and y = att v (FlashAttention's trick: hs-wide, not S-wide)
        INDArray rowDot = be.rowDot(dy, y, dq);                            // (B,KVH,TG,1); dq is free until below
        be.softmaxBackward(datt, att, rowDot);
        // forward: scores = q @ k^T (+ mask, which has no gradient)
        be.batchedMatmul(datt, k, dq, false, false, 0);
        be.batchedMatmul(datt, q, dk, true, false, 0);
    }
}
