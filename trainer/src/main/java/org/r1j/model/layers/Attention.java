package org.r1j.model.layers;

import org.r1j.model.Profile;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;

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
    public static void forward(Backend be, Tensor y, Tensor att, Tensor q, Tensor k, Tensor v, Tensor mask) {
        be.batchedMatmul(q, k, att, false, true, 0);             // (B,KVH,TG,S) scores
        Profile.mark("fwd attention: q k^T");
        be.maskedSoftmax(att, mask);
        Profile.mark("fwd attention: softmax");
        be.batchedMatmul(att, v, y, false, false, 0);
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
    public static void backward(Backend be, Tensor dq, Tensor dk, Tensor dv, Tensor dy, Tensor q, Tensor k,
                                Tensor v, Tensor att, Tensor y, Tensor datt) {
        // forward: y = att @ v
        if (datt == null) datt = be.alloc(att.dtype(), att.shape());
        be.batchedMatmul(dy, v, datt, false, true, 0);                      // (B,KVH,TG,S)
        be.batchedMatmul(att, dy, dv, true, false, 0);                      // sums the G query heads
        // forward: att = softmax(scores): dscores = att * (datt - sum_S(att * datt)); the row sum equals
        // sum_hs(dy * y) because datt = dy v^T and y = att v (FlashAttention's trick: hs-wide, not S-wide)
        Tensor rowDot = be.rowDot(dy, y, dq);                            // (B,KVH,TG,1); dq is free until below
        be.softmaxBackward(datt, att, rowDot);
        rowDot.close();                                                     // a new tensor of the backend's
        // forward: scores = q @ k^T (+ mask, which has no gradient)
        be.batchedMatmul(datt, k, dq, false, false, 0);
        be.batchedMatmul(datt, q, dk, true, false, 0);
    }
}
