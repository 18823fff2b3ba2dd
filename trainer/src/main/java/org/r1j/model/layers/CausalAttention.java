package org.r1j.model.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward of causal self-attention over a whole sequence (training), in query chunks: chunk c of Tc positions
 * only attends to keys 0..(c+1)Tc-1, so with nc chunks the score/softmax/value work is (nc+1)/(2 nc) of the
 * full T x T block (62.5% at nc = 4); ND4J's scalar exp in the softmax makes the skipped triangle worth the
 * extra ops (measured 55 vs 105 ms CPU at the small bench shape). The chunks' softmax is written into the full
 * (B, KVH, T*G, T) matrix (zeros above the diagonal blocks), so {@link Attention#backward} applies unchanged:
 * a chunked backward measured slower (108 vs 62-88 ms), its matmuls on strided chunk views copy.
 */
public final class CausalAttention {
    private CausalAttention() {}

    /**
     * @param y     (B, KVH, T*G, hs) written
     * @param att   (B, KVH, T*G, T) written: the full softmax, zero where masked, for {@link Attention#backward}
     * @param atts  nc scratch arrays (B, KVH, Tc*G, (c+1) Tc): each chunk's scores and softmax
     * @param q     (B, KVH, T*G, hs) stacked T-major (row t*G + g), rotated and scaled
     * @param k     (B, KVH, T, hs)
     * @param v     (B, KVH, T, hs)
     * @param masks nc additive masks (1, 1, Tc*G, (c+1) Tc) for the chunks' diagonal blocks
     */
    public static void forward(INDArray y, INDArray att, INDArray[] atts, INDArray q, INDArray k, INDArray v,
                               INDArray[] masks) {
        int nc = atts.length;
        long rows = q.size(2) / nc, Tc = k.size(2) / nc;
        INDArray yc = Nd4j.create(y.dataType(), y.size(0), y.size(1), rows, y.size(3));
        for (int c = 0; c < nc; c++) {
            INDArray ac = atts[c];
            long S = (c + 1) * Tc;
            INDArray kc = keys(k, S), vc = keys(v, S);
            Nd4j.matmul(chunk(q, c, rows), kc, ac, false, true, false);
            ac.addi(masks[c]);
            Nd4j.exec(new SoftMax(ac, ac, -1));
            Nd4j.matmul(ac, vc, yc, false, false, false);
            chunk(y, c, rows).assign(yc);
            INDArray fullRows = chunk(att, c, rows);
            fullRows.get(all(), all(), all(), interval(0, S)).assign(ac);
            if (S < att.size(3)) fullRows.get(all(), all(), all(), interval(S, att.size(3))).assign(0);
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
