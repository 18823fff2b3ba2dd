package org.r1j.model.layers;

import java.util.function.Function;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.Tensor;
import org.r1j.model.Profile;

/**
 * {@link Attention} over a whole causal sequence (training and scoring: queries and keys are the same T positions,
 * no cache), computed in query chunks so the masked upper triangle is mostly never touched. Chunk c holds query
 * positions [t_c, t_{c+1}) (rows t*G+g, contiguous in the stacked layout) and only needs keys [0, t_{c+1}); with
 * 4 chunks that is 10/16 of the score matrix. This matters because ND4J's exp is scalar code (~5 ns per element,
 * and slower still where masked scores underflow): at the bench shape (16x4x512x256 scores per layer) the
 * full softmax alone took ~75 ms per layer.
 *
 * <p>Each chunk's probabilities live in their own contiguous buffer (softmax over strided views of one full
 * matrix was slower than the full softmax, measured), and backward works chunk by chunk on them.
 */
public final class CausalAttention {
    /** Chunks used for a sequence of T positions: 1 (plain attention) for short sequences. */
    public static int chunksFor(long T) {
        return T >= 64 ? 4 : 1;
    }

    private final long[] bounds; // query positions: chunk c is [bounds[c], bounds[c+1])
    private final long G;
    private final Tensor[] att; // per chunk (B, KVH, (t_{c+1}-t_c)*G, t_{c+1}): softmax probabilities

    private CausalAttention(long[] bounds, long G, Tensor[] att) {
        this.bounds = bounds;
        this.G = G;
        this.att = att;
    }

    /**
     * @param y     (B, KVH, T*G, hs) written: att @ v
     * @param q     (B, KVH, T*G, hs) rotated and scaled queries, stacked (row t*G + g)
     * @param k     (B, KVH, T, hs)
     * @param v     (B, KVH, T, hs)
     * @param mask  (1, 1, T*G, T) additive (causal, shared by all rows)
     * @param alloc contiguous c-order buffers of a shape, arbitrary contents; they must live until backward
     * @return the state backward needs
     */
    public static CausalAttention forward(Backend be, Tensor y, Tensor q, Tensor k, Tensor v, Tensor mask,
                                          int chunks, Function<long[], Tensor> alloc) {
        long B = q.size(0), KVH = q.size(1), T = k.size(2), G = q.size(2) / T, hs = q.size(3);
        long[] bounds = new long[chunks + 1];
        for (int c = 0; c <= chunks; c++) bounds[c] = (T * c + chunks - 1) / chunks;
        Tensor[] att = new Tensor[chunks];
        for (int c = 0; c < chunks; c++) {
            long r0 = bounds[c] * G, r1 = bounds[c + 1] * G, keys = bounds[c + 1];
            Tensor qc = q.slice(2, r0, r1);
            Tensor kc = k.slice(2, 0, keys);
            Tensor vc = v.slice(2, 0, keys);
            Tensor a = alloc.apply(new long[] {B, KVH, r1 - r0, keys});
            be.batchedMatmul(qc, kc, a, false, true, 0);
            Profile.mark("fwd attention: q k^T");
            be.maskedSoftmax(a, mask.slice(2, r0, r1).slice(3, 0, keys));
            Profile.mark("fwd attention: softmax");
            be.batchedMatmul(a, vc, y.slice(2, r0, r1), false, false, 0);
            Profile.mark("fwd attention: att v");
            att[c] = a;
        }
        return new CausalAttention(bounds, G, att);
    }

    /**
     * Backward of {@link #forward}; the same formulas as {@link Attention#backward}, per chunk: keys and values
     * collect the gradients of every chunk that saw them.
     *
     * @param dq (B, KVH, T*G, hs) written
     * @param dk (B, KVH, T, hs) written
     * @param dv (B, KVH, T, hs) written
     */
    public void backward(Backend be, Tensor dq, Tensor dk, Tensor dv, Tensor dy, Tensor q, Tensor k,
                         Tensor v, Tensor y, Function<long[], Tensor> alloc) {
        long B = q.size(0), KVH = q.size(1), hs = q.size(3);
        // sum_S(att * datt) per query row = sum_hs(dy * y) (see Attention#backward); dq is free until written
        Tensor rowDot = be.rowDot(dy, y, dq);                              // (B, KVH, T*G, 1)
        Profile.mark("bwd attention: row dot");
        for (int c = att.length - 1; c >= 0; c--) {                          // the last chunk sees every key
            long r0 = bounds[c] * G, r1 = bounds[c + 1] * G, keys = bounds[c + 1];
            boolean first = c == att.length - 1;
            Tensor a = att[c];
            Tensor qc = q.slice(2, r0, r1);
            Tensor dyc = dy.slice(2, r0, r1);
            Tensor kc = k.slice(2, 0, keys);
            Tensor vc = v.slice(2, 0, keys);
            Profile.mark("bwd attention: views");
            Tensor datt = alloc.apply(a.shape());
            be.batchedMatmul(dyc, vc, datt, false, true, 0);              // d att = dy v^T
            Tensor dvc = dv.slice(2, 0, keys), dkc = dk.slice(2, 0, keys);
            double beta = first ? 0 : 1;                                     // later chunks add to earlier keys
            be.batchedMatmul(a, dyc, dvc, true, false, beta);                         // dv += att^T dy
            Profile.mark("bwd attention: dy v^T, att^T dy");
            be.softmaxBackward(datt, a, rowDot.slice(2, r0, r1));  // d scores
            Profile.mark("bwd attention: softmax");
            be.batchedMatmul(datt, qc, dkc, true, false, beta);                      // dk += dscores^T q
            Profile.mark("bwd attention: dscores^T q");
            be.batchedMatmul(datt, kc, dq.slice(2, r0, r1), false, false, 0); // dq = dscores k
            Profile.mark("bwd attention: dscores k");
        }
        rowDot.close();                                                      // a new tensor of the backend's
    }

    /** Probabilities of chunk c (for tests). */
    Tensor probabilities(int c) {
        return att[c];
    }
}
