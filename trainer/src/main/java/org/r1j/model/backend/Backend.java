package org.r1j.model.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.ModelConfig;
import org.r1j.model.layers.Rotary;

/**
 * The seam between the model and the hardware: every operation the decoder, the sampler, the GRPO loss and AdamW
 * run on tensors goes through one of these methods, and a model holds exactly one backend, chosen once
 * ({@link Backends#select}) and passed in. The math of each operation is documented with its layer in
 * {@code org.r1j.model.layers}, which also holds the readable ND4J version of it (what {@code nd4j} runs and the
 * tests compare every other backend with); the methods here document only shapes and in-place contracts.
 *
 * <p>Tensors are ND4J arrays in host memory for the CPU backends ({@code nd4j}, {@code simd}); row-major unless
 * said otherwise; size letters as in {@code org.r1j.model}. To add an operation: declare it here, implement it in
 * {@code Nd4jBackend} (calling the layer's reference code), override it in {@code SimdBackend} only where a SIMD
 * kernel is faster, and add the backend cases to its test ({@code BackendCases} in the tests).
 */
public interface Backend {
    /** "nd4j", "simd", ...: what {@code --backend} and {@code -Dr1j.backend} take. */
    String name();

    /** Whether this backend computes in {@code dtype} (FLOAT or DOUBLE). */
    boolean supports(DataType dtype);

    // ---- matrix products ------------------------------------------------------------------------------------

    /** {@code c = alpha op(a) op(b) + beta c} for 2-D a, b, c ({@code op} transposes when asked). */
    void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta);

    /**
     * {@code c = op(a) op(b) + beta c} over the leading (batch) axes of rank-4 arrays, e.g. (B, KVH, T*G, hs) x
     * (B, KVH, S, hs)^T; c may be a strided view (a chunk of a larger matrix).
     */
    void batchedMatmul(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta);

    /** {@link org.r1j.model.layers.Linear#forward}: out (N, OC) = inp (N, IC) w^T (OC, IC) + b (OC, or null). */
    void linear(INDArray out, INDArray inp, INDArray w, INDArray b);

    /** {@link org.r1j.model.layers.Linear#backward}: dinp written or (accumulate) added to; dw, db added to. */
    void linearBackward(INDArray dinp, INDArray dw, INDArray db, INDArray dout, INDArray inp, INDArray w,
                        boolean accumulate, INDArray dwScratch);

    // ---- embedding ------------------------------------------------------------------------------------------

    /** {@link org.r1j.model.layers.Embedding#forward}: out (N, C) = table[rows], rows (N) int. */
    void gather(INDArray out, INDArray rows, INDArray table);

    /** {@link org.r1j.model.layers.Embedding#backward}: table[rows[n]] += values[n] (repeats add up). */
    void scatterAdd(INDArray table, INDArray rows, INDArray values);

    // ---- layers ---------------------------------------------------------------------------------------------

    /** {@link org.r1j.model.layers.RmsNorm#forward}: out (N, C), rstd (N, 1) written from inp (N, C), w (C). */
    void rmsNorm(INDArray out, INDArray rstd, INDArray inp, INDArray w, double eps);

    /** {@link org.r1j.model.layers.RmsNorm#backward}: dinp (N, C) and dw (C) added to; xhat, g (N, C) scratch or null. */
    void rmsNormBackward(INDArray dinp, INDArray dw, INDArray dout, INDArray inp, INDArray w, INDArray rstd,
                         INDArray xhat, INDArray g);

    /** {@link Rotary#forward}, in place on x (..., hs) with tables broadcastable to x; scratch x's shape or null. */
    void rotary(Rotary rope, INDArray x, INDArray cos, INDArray sin, INDArray scratch);

    /** {@link Rotary#backward}, in place on the gradient dx. */
    void rotaryBackward(Rotary rope, INDArray dx, INDArray cos, INDArray sin, INDArray scratch);

    /**
     * {@code att = softmax(att + mask)} over the last axis, in place: att (B, KVH, rows, S), mask (B or 1, 1, rows, S)
     * additive (0 or -inf). See {@link org.r1j.model.layers.Attention}.
     */
    void maskedSoftmax(INDArray att, INDArray mask);

    /** {@link org.r1j.model.layers.SwiGlu#forward}: h and sig (N, I) written from gate and up (N, I). */
    void swiGlu(INDArray h, INDArray sig, INDArray gate, INDArray up);

    /** {@link org.r1j.model.layers.SwiGlu#backward}: dgate and dup (N, I) written. */
    void swiGluBackward(INDArray dgate, INDArray dup, INDArray dh, INDArray gate, INDArray up, INDArray sig);

    /**
     * {@link org.r1j.model.layers.LogProbHead#forward}: probs (M, V) written, logits (M, V) overwritten (scratch),
     * targetFlat (M) long {@code m * V + token}; returns {log-prob of each target (M), entropy of each row (M)}.
     */
    INDArray[] logProbHead(INDArray probs, INDArray logits, INDArray targetFlat, double temperature);

    /** {@link org.r1j.model.layers.LogProbHead#backward}: dlogits (M, V) written from dlogp (M). */
    void logProbHeadBackward(INDArray dlogits, INDArray dlogp, INDArray probs, INDArray targetFlat, double temperature);

    /**
     * Attention backward's row term: a new (..., 1) array of {@code sum over the last axis of a * b} (with a = dy,
     * b = y this is sum_S(att * datt), FlashAttention's trick); {@code scratch} a's shape, overwritten.
     */
    INDArray rowDot(INDArray a, INDArray b, INDArray scratch);

    /** Softmax backward in place: {@code datt = att * (datt - rowDot)}, rowDot (..., 1) broadcast along the last axis. */
    void softmaxBackward(INDArray datt, INDArray att, INDArray rowDot);

    // ---- copies ---------------------------------------------------------------------------------------------

    /** {@code dst = src}, element for element, any strides on either side (head split/merge, cache writes). */
    void copy(INDArray dst, INDArray src);

    // ---- optimizer ------------------------------------------------------------------------------------------

    /** One AdamW update of one tensor in place (w, m, v; g read; scratch w's shape): see {@link AdamWStep}. */
    void adamW(INDArray w, INDArray g, INDArray m, INDArray v, INDArray scratch, AdamWStep step);

    /** sum(a^2) over every element, in f64 (for the global gradient norm). */
    double sumOfSquares(INDArray a);

    // ---- decoding -------------------------------------------------------------------------------------------

    /**
     * This backend's one-token decoding step over a prefilled cache: built once per cache (after prefill) and run
     * once per generated token. Its math is {@code DecoderBlock.forward} at T = 1.
     */
    DecodeStep decodeStep(ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache);
}
