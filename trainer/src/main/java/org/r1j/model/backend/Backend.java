package org.r1j.model.backend;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.DecoderKvCache;
import org.r1j.model.DecoderWeights;
import org.r1j.model.ModelConfig;
import org.r1j.model.layers.Rotary;
import org.r1j.model.sample.SamplingParams;
import org.r1j.model.sample.TokenChooser;

/**
 * The seam between the model and the hardware: every operation the decoder, the sampler, the GRPO loss and AdamW
 * run on tensors goes through one of these methods, and a model holds exactly one backend, chosen once
 * ({@link Backends#select}) and passed in. The math of each operation is documented with its reference
 * implementation, the {@code nd4j} backend's readable ND4J code (the layers in {@code org.r1j.model.layers} and
 * their element-wise parts in {@code org.r1j.model.backend.nd4j}), which the tests compare every other backend
 * with; the methods here document shapes and in-place contracts. Size letters as in {@code org.r1j.model}.
 *
 * <p><b>Memory.</b> Every tensor the model touches is a {@link Tensor} that its backend made and owns: the flat
 * weight and gradient buffers, the optimizer state, the activations (recycled by the model's pool), the KV cache,
 * the rotary tables, masks and index vectors. An op takes only tensors of its own backend and writes its outputs
 * in place, into tensors the caller allocated, unless it says it returns a new tensor (which the caller then owns and
 * closes: a device backend's memory is freed by {@link Tensor#close}, never by GC). Inputs may be strided views
 * ({@link Tensor#view}: head splits, cache slots, fused weights) unless an op says "contiguous"; a backend whose
 * kernels need dense inputs copies internally (or, on the CPU, falls back and says so once). The CPU backends
 * ({@code nd4j}, {@code simd}) keep tensors in ND4J host arrays ({@code HostTensor}), so they are the very arrays the
 * ops ran on before there was a seam: no copy, no cost.
 *
 * <p><b>Views the model hands to ops</b> (what a backend's kernels must take or copy around): GEMM operands are dense
 * row-major, or column-major for the weight-gradient scratch ({@code Linear}'s {@code dwScratch}), at an offset into a
 * flat buffer (fused weights); {@link #batchedMatmul} gets query-row and key slices on axis 2 (causal chunks, the
 * cache's first S slots) as inputs and outputs, accumulating with beta 1; {@link #copy} gets permuted views on either
 * side (head split and merge, cache writes); {@link #maskedSoftmax} a mask slice, {@link #softmaxBackward} a rowDot
 * slice; {@link #gather} an output that is a reshaped half of a KV cache (prefill's copies of repeated prompts);
 * the element-wise layer ops, rotary, AdamW and the log-prob head get dense tensors.
 *
 * <p><b>Host copies</b> happen only where the host needs numbers, and only through {@link #fromHost} and
 * {@link Tensor#toFloats}/{@link Tensor#toDoubles}/{@link Tensor#toInts}: token ids, positions and row indices in
 * (a few ints per row), masks and rotary tables in (once per forward / once per model), the per-token log-probs and
 * entropies out (M floats per forward) and dLoss/dlogprob in, the sampler's (B, V) logits out once per decoded
 * token, and checkpoint IO ({@code org.r1j.model.io.HostArray}, host arrays of no backend).
 *
 * <p><b>A new backend</b> (CUDA next) implements this interface, its {@link Tensor} and its {@link DecodeStep};
 * {@link Backends} gets its name. To add an operation: declare it here, implement it in {@code Nd4jBackend} (the
 * readable reference), override it in {@code SimdBackend} only where a SIMD kernel is faster, and add the backend
 * cases to its test ({@code BackendCases} in the tests).
 */
public interface Backend {
    /** "nd4j", "simd", ...: what {@code --backend} and {@code -Dr1j.backend} take. */
    String name();

    /** What runs the math, for the line a device backend prints when it opens (its device, its precision). */
    default String describe() { return name(); }

    /** Whether the tensors live in a device's memory (a GPU) rather than the host's. */
    default boolean onDevice() { return false; }

    /** Waits until the device has finished the work queued so far, so a clock read after it is honest (host: no-op). */
    default void synchronize() {}

    /** The most device memory this backend has held at once so far (bytes); 0 on a host backend. */
    default long peakDeviceBytes() { return 0; }

    /**
     * What f32 weight GEMMs compute in on this backend: "f32" on the host; a device backend's knob may say "tf32"
     * or "bf16" (so a benchmark can run its reference at the same precision).
     */
    default String gemmPrecision() { return "f32"; }

    /** Whether this backend computes in {@code dtype} (FLOAT or DOUBLE). */
    boolean supports(DataType dtype);

    // ---- memory ---------------------------------------------------------------------------------------------

    /** A new row-major tensor with arbitrary contents (callers overwrite it fully). */
    Tensor alloc(DataType dtype, long... shape);

    /** A new row-major tensor of zeros. */
    Tensor zeros(DataType dtype, long... shape);

    /** A new row-major tensor of {@code dtype} holding {@code values} (cast on the host: f32 to f64 is exact). */
    Tensor fromHost(DataType dtype, float[] values, long... shape);

    /** As above from f64 values (rounded to nearest when dtype is FLOAT). */
    Tensor fromHost(DataType dtype, double[] values, long... shape);

    /** A new INT tensor (token ids, positions, row indices). */
    Tensor fromHost(int[] values, long... shape);

    /** A new LONG tensor (flat target indices). */
    Tensor fromHost(long[] values, long... shape);

    // ---- matrix products ------------------------------------------------------------------------------------

    /** {@code c = alpha op(a) op(b) + beta c} for 2-D a, b, c ({@code op} transposes when asked). */
    void gemm(Tensor a, Tensor b, Tensor c, boolean transposeA, boolean transposeB, double alpha, double beta);

    /**
     * {@code c = op(a) op(b) + beta c} over the leading (batch) axes of rank-4 tensors, e.g. (B, KVH, T*G, hs) x
     * (B, KVH, S, hs)^T; c may be a strided view (a chunk of a larger matrix).
     */
    void batchedMatmul(Tensor a, Tensor b, Tensor c, boolean transposeA, boolean transposeB, double beta);

    /** {@link org.r1j.model.layers.Linear#forward}: out (N, OC) = inp (N, IC) w^T (OC, IC) + b (OC, or null). */
    void linear(Tensor out, Tensor inp, Tensor w, Tensor b);

    /** {@link org.r1j.model.layers.Linear#backward}: dinp written or (accumulate) added to; dw, db added to. */
    void linearBackward(Tensor dinp, Tensor dw, Tensor db, Tensor dout, Tensor inp, Tensor w, boolean accumulate,
                        Tensor dwScratch);

    // ---- element-wise and reductions ------------------------------------------------------------------------

    /** {@code out (N, C) += b (C)} on every row (a bias). */
    void addRowVector(Tensor out, Tensor b);

    /** {@code dst += src}, same shapes. */
    void add(Tensor dst, Tensor src);

    /** {@code acc (C) += sum over the rows of x (N, C)} (bias gradients, norm-gain gradients). */
    void addColumnSums(Tensor acc, Tensor x);

    /** {@code x *= factor} in place (gradient clipping). */
    void scale(Tensor x, double factor);

    /** Every element of x set to {@code value}. */
    void fill(Tensor x, double value);

    /** {@code dst = (1 - alpha) dst + alpha src} in place (TR-DPO's reference-model mixing). */
    void mix(Tensor dst, Tensor src, double alpha);

    // ---- embedding ------------------------------------------------------------------------------------------

    /** {@code Nd4jEmbedding#forward}: out (N, C) = table[rows], rows (N) int. */
    void gather(Tensor out, Tensor rows, Tensor table);

    /** {@code Nd4jEmbedding#backward}: table[rows[n]] += values[n] (repeats add up). */
    void scatterAdd(Tensor table, Tensor rows, Tensor values);

    // ---- layers ---------------------------------------------------------------------------------------------

    /** {@code Nd4jRmsNorm#forward}: out (N, C), rstd (N, 1) written from inp (N, C), w (C). */
    void rmsNorm(Tensor out, Tensor rstd, Tensor inp, Tensor w, double eps);

    /** {@code Nd4jRmsNorm#backward}: dinp (N, C) and dw (C) added to; xhat, g (N, C) scratch or null. */
    void rmsNormBackward(Tensor dinp, Tensor dw, Tensor dout, Tensor inp, Tensor w, Tensor rstd, Tensor xhat, Tensor g);

    /**
     * {@link Rotary}'s {@code x = x * cos + rotate_half(x) * sin}, in place on x (..., hs) contiguous, with tables
     * broadcastable to x; scratch x's shape or null.
     */
    void rotary(Rotary rope, Tensor x, Tensor cos, Tensor sin, Tensor scratch);

    /** Backward of {@link #rotary}, in place on the gradient dx. */
    void rotaryBackward(Rotary rope, Tensor dx, Tensor cos, Tensor sin, Tensor scratch);

    /**
     * {@code att = softmax(att + mask)} over the last axis, in place: att (B, KVH, rows, S), mask (B or 1, 1, rows, S)
     * additive (0 or -inf). See {@link org.r1j.model.layers.Attention}.
     */
    void maskedSoftmax(Tensor att, Tensor mask);

    /** {@code Nd4jSwiGlu#forward}: h and sig (N, I) written from gate and up (N, I). */
    void swiGlu(Tensor h, Tensor sig, Tensor gate, Tensor up);

    /** {@code Nd4jSwiGlu#backward}: dgate and dup (N, I) written. */
    void swiGluBackward(Tensor dgate, Tensor dup, Tensor dh, Tensor gate, Tensor up, Tensor sig);

    /**
     * {@code Nd4jLogProbHead#forward}: probs (M, V) written, logits (M, V) overwritten (scratch), targetFlat (M)
     * long {@code m * V + token}; returns new tensors {log-prob of each target (M), entropy of each row (M)}.
     */
    Tensor[] logProbHead(Tensor probs, Tensor logits, Tensor targetFlat, double temperature);

    /** {@code Nd4jLogProbHead#backward}: dlogits (M, V) written from dlogp (M). */
    void logProbHeadBackward(Tensor dlogits, Tensor dlogp, Tensor probs, Tensor targetFlat, double temperature);

    /**
     * The entropy bonus's gradient, added: {@code dlogits += coef_m p (log max(p, 1e-30) + h_m)} per row, with
     * probs (M, V) from {@link #logProbHead}, h (M) its entropies and coef (M) = -dLoss/dH / temperature.
     */
    void entropyBackward(Tensor dlogits, Tensor probs, Tensor h, Tensor coef);

    /**
     * Attention backward's row term: a new (..., 1) tensor of {@code sum over the last axis of a * b} (with a = dy,
     * b = y this is sum_S(att * datt), FlashAttention's trick); {@code scratch} a's shape, overwritten.
     */
    Tensor rowDot(Tensor a, Tensor b, Tensor scratch);

    /** Softmax backward in place: {@code datt = att * (datt - rowDot)}, rowDot (..., 1) broadcast along the last axis. */
    void softmaxBackward(Tensor datt, Tensor att, Tensor rowDot);

    // ---- copies ---------------------------------------------------------------------------------------------

    /** {@code dst = src}, element for element, any strides on either side (head split/merge, cache writes). */
    void copy(Tensor dst, Tensor src);

    // ---- optimizer ------------------------------------------------------------------------------------------

    /** One AdamW update of one tensor in place (w, m, v; g read; scratch w's shape): see {@link AdamWStep}. */
    void adamW(Tensor w, Tensor g, Tensor m, Tensor v, Tensor scratch, AdamWStep step);

    /** sum(a^2) over every element, in f64 (for the global gradient norm). */
    double sumOfSquares(Tensor a);

    /**
     * The sum over {@code tensors}, in order, of {@link #sumOfSquares(Tensor)} (f64, the same additions): the global
     * gradient norm's sum. A device backend accumulates it where the gradients are and reads one number back,
     * instead of one synchronising read per tensor.
     */
    default double sumOfSquares(List<? extends Tensor> tensors) {
        double sum = 0;
        for (Tensor t : tensors) sum += sumOfSquares(t);
        return sum;
    }

    // ---- decoding -------------------------------------------------------------------------------------------
    /**
     * The next token of every row of {@code logits} (B, V) by {@link TokenChooser#choose(float[], SamplingParams,
     * double)} with row r's draw {@code draws[r]}, considering only ids below {@code vocab} (the rest are masked, as
     * for a tokenizer smaller than the model's embedding). This reference copies the logits to the host once; a
     * device backend samples where the logits are and copies back B tokens and log-probs instead of B x V floats.
     * No repetition penalty (it needs each row's history: the caller applies it on host logits).
     */
    default TokenChooser.Choice[] chooseTokens(Tensor logits, int vocab, SamplingParams params, double[] draws) {
        float[] flat = logits.toFloats();
        int b = draws.length;
        if (logits.rank() != 2 || logits.size(0) != b || flat.length % b != 0)
            throw new IllegalArgumentException("chooseTokens: logits " + java.util.Arrays.toString(logits.shape()) + " for " + b + " rows");
        int v = flat.length / b, kept = Math.min(vocab, v);
        TokenChooser.Choice[] out = new TokenChooser.Choice[b];
        for (int r = 0; r < b; r++) {
            float[] row = java.util.Arrays.copyOfRange(flat, r * v, (r + 1) * v);
            java.util.Arrays.fill(row, kept, v, Float.NEGATIVE_INFINITY);
            out[r] = TokenChooser.choose(row, params, draws[r]);
        }
        return out;
    }



    /**
     * This backend's one-token decoding step over a prefilled cache: built once per cache (after prefill) and run
     * once per generated token. Its math is {@code DecoderBlock.forward} at T = 1.
     */
    DecodeStep decodeStep(ModelConfig config, DecoderWeights weights, Rotary rope, DecoderKvCache cache);
}
