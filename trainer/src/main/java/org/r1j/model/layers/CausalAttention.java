package org.r1j.model.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Causal self-attention over a whole sequence (training), in query chunks: chunk c of Tc positions only
 * attends to keys 0..(c+1)Tc-1, so with nc chunks the score/softmax/value work is (nc+1)/(2 nc) of the full
 * T x T block (62.5% at nc = 4). Same math and layout as {@link Attention} (which it equals at nc = 1); ND4J's
 * scalar exp in the softmax makes the skipped upper triangle worth the extra ops.
 */
public final class CausalAttention {
    private CausalAttention() {}

    /**
     * @param y     (B, KVH, T*G, hs) written
     * @param atts  nc arrays (B, KVH, Tc*G, (c+1) Tc) written: each chunk's softmax, kept for backward
     * @param q     (B, KVH, T*G, hs) stacked T-major (row t*G + g), rotated and scaled
     * @param k     (B, KVH, T, hs)
     * @param v     (B, KVH, T, hs)
     * @param masks nc additive masks (1, 1, Tc*G, (c+1) Tc) for the chunks' diagonal blocks
     */
    public static void forward(INDArray y, INDArray[] atts, INDArray q, INDArray k, INDArray v, INDArray[] masks) {
        int nc = atts.length;
        long rows = q.size(2) / nc, Tc = k.size(2) / nc;
        for (int c = 0; c < nc; c++) {
            INDArray att = atts[c];
            INDArray kc = keys(k, (c + 1) * Tc), vc = keys(v, (c + 1) * Tc);
            Nd4j.matmul(chunk(q, c, rows), kc, att, false, true, false);
            att.addi(masks[c]);
            Nd4j.exec(new SoftMax(att, att, -1));
            chunk(y, c, rows).assign(Nd4j.matmul(att, vc, null, false, false, false));
        }
    }

    /**
     * Backward of {@link #forward}, chunk by chunk as {@link Attention#backward}; dk and dv sum the chunks.
     *
     * @param dq (B, KVH, T*G, hs) written
     * @param dk (B, KVH, T, hs) written
     * @param dv (B, KVH, T, hs) written
     */
    public static void backward(INDArray dq, INDArray dk, INDArray dv, INDArray dy, INDArray q, INDArray k,
                                INDArray v, INDArray[] atts, INDArray y) {
        int nc = atts.length;
        long rows = q.size(2) / nc, Tc = k.size(2) / nc;
        dk.assign(0);
        dv.assign(0);
        for (int c = 0; c < nc; c++) {
            INDArray att = atts[c], dyc = chunk(dy, c, rows), qc = chunk(q, c, rows);
            INDArray kc = keys(k, (c + 1) * Tc), vc = keys(v, (c + 1) * Tc);
            // forward: y_c = att_c @ v_c
            INDArray datt = Nd4j.matmul(dyc, vc, null, false, true, false);
            keys(dv, (c + 1) * Tc).addi(Nd4j.matmul(att, dyc, null, true, false, false));
            // forward: softmax; row sums of att * datt are sum_hs(dy * y)
            datt.subi(dyc.mul(chunk(y, c, rows)).sum(true, 3)).muli(att);
            // forward: scores_c = q_c @ k_c^T
            chunk(dq, c, rows).assign(Nd4j.matmul(datt, kc, null, false, false, false));
            keys(dk, (c + 1) * Tc).addi(Nd4j.matmul(datt, qc, null, true, false, false));
        }
    }

    /** Query chunk c: rows [c*rows, (c+1)*rows) of (B, KVH, T*G, hs). */
    private static INDArray chunk(INDArray x, int c, long rows) {
        return x.get(all(), all(), interval(c * rows, (c + 1) * rows), all());
    }

    /** Keys 0..n-1 of (B, KVH, T, hs). */
    private static INDArray keys(INDArray x, long n) {
        return x.get(all(), all(), interval(0, n), all());
    }

    /**
     * Chunks for a sequence of T: 4, 2 or 1, keeping chunks of at least {@code minChunk} positions (below ~32
     * the extra ops cost more than the skipped work).
     */
    public static int chunks(long T, long minChunk) {
        for (int nc = 4; nc > 1; nc /= 2) if (T % nc == 0 && T / nc >= minChunk) return nc;
        return 1;
    }
}
