package org.r1j.cuda;

/**
 * r1j's kernels as typed calls on device pointers (what a CudaBackend calls per op): sizes in elements, shapes as
 * in r1j_ops.cuh, nullable inputs as pointer 0. Row kernels take their lanes (threads per row; {@link
 * Kernels#rowLanes} is the default rule; the goldens fix them so the host replay sums in the same order).
 * Everything is enqueued on the context's stream; nothing here synchronises.
 */
public final class CudaOps {
    private final Kernels k;

    public CudaOps(Kernels kernels) {
        this.k = kernels;
    }

    // ---- casts and glue ----

    public void castToBf16(long out, long in, long n) { k.elements("r1j_cast_f32_bf16", n, new KernelArgs().ptr(out).ptr(in).i64(n)); }

    public void castToF32(long out, long in, long n) { k.elements("r1j_cast_bf16_f32", n, new KernelArgs().ptr(out).ptr(in).i64(n)); }

    public void addBias(long out, long b, int N, int C) {
        long n = (long) N * C;
        k.elements("r1j_add_bias", n, new KernelArgs().ptr(out).ptr(b).i32(C).i64(n));
    }

    public void scale(long x, float s, long n) { k.elements("r1j_scale", n, new KernelArgs().ptr(x).f32(s).i64(n)); }

    public void axpy(long y, float a, long x, long n) { k.elements("r1j_axpy", n, new KernelArgs().ptr(y).f32(a).ptr(x).i64(n)); }

    /** Chunks of {@code rows} rows per partial sum: the scratch {@code part} holds chunks x C floats. */
    public static int chunks(int N, int rows) { return (N + rows - 1) / rows; }

    /** dst (C) += column sums of a (N, C), through part (chunks(N, rows) x C). */
    public void columnSums(long dst, long a, int N, int C, long part, int rows) {
        columnPartial(part, a, 0, 0, N, C, rows);
        k.elements("r1j_column_sum_add", C, new KernelArgs().ptr(dst).ptr(part).i32(chunks(N, rows)).i32(C));
    }

    private void columnPartial(long part, long a, long x, long rstd, int N, int C, int rows) {
        long n = (long) chunks(N, rows) * C;
        k.elements("r1j_column_partial", n, new KernelArgs().ptr(part).ptr(a).ptr(x).ptr(rstd).i32(N).i32(C).i32(rows).i64(n));
    }

    // ---- layers ----

    public void rmsNorm(long out, long rstd, long inp, long w, int N, int C, float eps, int lanes) {
        k.launch("r1j_rmsnorm_fwd", N, lanes, new KernelArgs().ptr(out).ptr(rstd).ptr(inp).ptr(w).i32(C).f32(eps));
    }

    /** dinp (N, C) and dw (C) added to; part: chunks(N, rows) x C floats of scratch. */
    public void rmsNormBackward(long dinp, long dw, long dout, long inp, long w, long rstd, int N, int C, long part, int rows, int lanes) {
        k.launch("r1j_rmsnorm_bwd", N, lanes, new KernelArgs().ptr(dinp).ptr(dout).ptr(inp).ptr(w).ptr(rstd).i32(C));
        columnPartial(part, dout, inp, rstd, N, C, rows);
        k.elements("r1j_column_sum_add", C, new KernelArgs().ptr(dw).ptr(part).i32(chunks(N, rows)).i32(C));
    }

    /** In place on x (rows, hs); tables (rows / rep, hs). */
    public void rotary(long x, long cos, long sin, long rows, int hs, int rep, boolean transposed) {
        long n = rows * (hs / 2);
        k.elements("r1j_rotary", n, new KernelArgs().ptr(x).ptr(cos).ptr(sin).i32(hs).i32(rep).i32(transposed ? 1 : 0).i64(n));
    }

    /** att (B, H, R, S) in place; mask (MB, 1, R, S) or 0; G > 0 adds the causal mask by index (q0, start (B) or 0). */
    public void maskedSoftmax(long att, long mask, int B, int H, int R, int S, int MB, int G, int q0, long start, int lanes) {
        k.launch("r1j_masked_softmax", B * H * R, lanes, new KernelArgs().ptr(att).ptr(mask).i32(MB).i32(H).i32(R).i32(S).i32(G)
                .i32(q0).ptr(start));
    }

    public void rowDot(long out, long a, long b, int rows, int W, int lanes) {
        k.launch("r1j_row_dot", rows, lanes, new KernelArgs().ptr(out).ptr(a).ptr(b).i32(W));
    }

    public void softmaxBackward(long datt, long att, long rowDot, long rows, int S) {
        long n = rows * S;
        k.elements("r1j_softmax_bwd", n, new KernelArgs().ptr(datt).ptr(att).ptr(rowDot).i32(S).i64(n));
    }

    public void swiGlu(long h, long sig, long gate, long up, long n) {
        k.elements("r1j_swiglu", n, new KernelArgs().ptr(h).ptr(sig).ptr(gate).ptr(up).i64(n));
    }

    public void swiGluBackward(long dgate, long dup, long dh, long gate, long up, long sig, long n) {
        k.elements("r1j_swiglu_bwd", n, new KernelArgs().ptr(dgate).ptr(dup).ptr(dh).ptr(gate).ptr(up).ptr(sig).i64(n));
    }

    // ---- embedding ----

    /** Axes {@link #copyStrided} takes (the kernel's R1J_COPY_RANK). */
    public static final int COPY_RANK = 6;

    /**
     * dst[sum_k i_k dstStrides_k] = src[sum_k i_k srcStrides_k] for every index of {@code shape} (rank <= COPY_RANK,
     * 4-byte elements, strides in elements from the two pointers).
     */
    public void copyStrided(long dst, long src, long[] shape, long[] dstStrides, long[] srcStrides) {
        int r = shape.length;
        if (r > COPY_RANK || dstStrides.length != r || srcStrides.length != r)
            throw new IllegalArgumentException("copyStrided: rank " + r + " (at most " + COPY_RANK + ")");
        long n = 1;
        for (long s : shape) n *= s;
        KernelArgs a = new KernelArgs().ptr(dst).ptr(src).i64(n);
        for (long[] v : new long[][] {shape, dstStrides, srcStrides})
            for (int k = 0; k < COPY_RANK; k++) {
                int j = k - (COPY_RANK - r);            // leading unused axes: size 1, stride 0
                a.i64(j < 0 ? (v == shape ? 1 : 0) : v[j]);
            }
        k.elements("r1j_copy_strided", n, a);
    }

    public void gather(long out, long rows, long table, int N, int C) {
        long n = (long) N * C;
        k.elements("r1j_gather", n, new KernelArgs().ptr(out).ptr(rows).ptr(table).i32(C).i64(n));
    }

    /** table[rows] += values with the rows grouped on the host ({@link CsrRows}, uploaded). */
    public void scatterAdd(long table, long values, long uniq, long starts, long order, int U, int C) {
        long n = (long) U * C;
        k.elements("r1j_scatter_add", n, new KernelArgs().ptr(table).ptr(values).ptr(uniq).ptr(starts).ptr(order).i32(C).i64(n));
    }

    // ---- log-prob head ----

    public void logProbs(long probs, long logp, long entropy, long logits, long targets, int M, int V, float invT, int lanes) {
        k.launch("r1j_logprob", M, lanes, new KernelArgs().ptr(probs).ptr(logp).ptr(entropy).ptr(logits).ptr(targets).i32(V).f32(invT));
    }

    public void logProbsBackward(long dlogits, long dlogp, long probs, long targets, int M, int V, float invT) {
        long n = (long) M * V;
        k.elements("r1j_logprob_bwd", n, new KernelArgs().ptr(dlogits).ptr(dlogp).ptr(probs).ptr(targets).i32(V).f32(invT).i64(n));
    }

    /** dlogits (M, V) += coef[m] p (log max(p, 1e-30) + h[m]): the entropy bonus's gradient. */
    public void entropyBackward(long dlogits, long probs, long h, long coef, int M, int V) {
        long n = (long) M * V;
        k.elements("r1j_entropy_bwd", n, new KernelArgs().ptr(dlogits).ptr(probs).ptr(h).ptr(coef).i32(V).i64(n));
    }

    // ---- GRPO, AdamW, sums, sampling ----

    /** GrpoLoss's per-token settings; lossKind 0 clip (grpo/bnpo/dr_grpo/dapo), 1 cispo, 2 sapo; kl 1..3 = k1..k3. */
    public record GrpoTerms(int lossKind, int kl, boolean hasDelta, double epsLow, double epsHigh, double delta, double beta,
                            double tauPos, double tauNeg) {}

    public void grpoToken(long loss, long dlogp, long kl, long flags, long logp, long old, long ref, long adv, long mask,
                          long rowWeight, long isw, long emask, int B, int T, GrpoTerms o) {
        long n = (long) B * T;
        k.elements("r1j_grpo_token", n, new KernelArgs().ptr(loss).ptr(dlogp).ptr(kl).ptr(flags).ptr(logp).ptr(old).ptr(ref)
                .ptr(adv).ptr(mask).ptr(rowWeight).ptr(isw).ptr(emask).i32(T).i64(n).i32(o.lossKind()).i32(o.kl())
                .i32(o.hasDelta() ? 1 : 0).f64(o.epsLow()).f64(o.epsHigh()).f64(o.delta()).f64(o.beta()).f64(o.tauPos()).f64(o.tauNeg()));
    }

    /** SimdAdamW's f32 scalars (c1 = 1 - b1 and c2 = 1 - b2 rounded from f64). */
    public record AdamWScalars(float keep, float b1, float c1, float b2, float c2, float step, float vScale, float eps) {}

    public void adamW(long w, long g, long m, long v, long n, AdamWScalars s) {
        k.elements("r1j_adamw", n, new KernelArgs().ptr(w).ptr(g).ptr(m).ptr(v).i64(n).f32(s.keep()).f32(s.b1()).f32(s.c1())
                .f32(s.b2()).f32(s.c2()).f32(s.step()).f32(s.vScale()).f32(s.eps()));
    }

    /** out[0] (f64) = (accumulate ? out[0] : 0) + sum of x (or of x^2); part: blocks doubles of scratch. */
    public void sum(long out, long part, long x, long n, boolean squares, int blocks, int lanes, boolean accumulate) {
        k.launch("r1j_sum_partial", blocks, lanes, new KernelArgs().ptr(part).ptr(x).i64(n).i32(squares ? 1 : 0));
        k.launch("r1j_sum_final", 1, lanes, new KernelArgs().ptr(out).ptr(part).i32(blocks).i32(accumulate ? 1 : 0));
    }

    /** One token per row of logits (rows, V) from host uniforms u (rows, f64); work: rows x V doubles of scratch. */
    public void sample(long token, long logp, long work, long logits, long u, int rows, int V, double temperature, double topP,
                       double minP, int topK, int lanes) {
        k.launch("r1j_sample", rows, lanes, new KernelArgs().ptr(token).ptr(logp).ptr(work).ptr(logits).ptr(u).i32(V)
                .f64(temperature).f64(topP).f64(minP).i32(topK));
    }
}
