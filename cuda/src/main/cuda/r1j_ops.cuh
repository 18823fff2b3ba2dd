// r1j's GPU arithmetic, written once for the device and the host.
//
// Every kernel's math lives here in __host__ __device__ functions of plain indices. The __global__ wrappers in
// r1j_kernels.cu only map threads to those indices; the host test program (src/test/cuda/host_check.cpp, built
// by g++ in CI) runs the same functions in loops and is checked against the Java reference (trainer's nd4j
// backend, GrpoLoss, TokenChooser). llm.c's dev/cuda keeps a CPU reference beside each kernel the same way.
//
// Two shapes of function:
//  - element functions `foo_at(..., i)`: one output element (or pair) per index, no communication;
//  - row functions `template <class Block> foo_row(Block& blk, ..., row)`: one thread block per row, SPMD with
//    uniform control flow; lanes talk only through `blk.sum/max(partial)` (a reduction in a fixed tree order,
//    see block_reduce in r1j_kernels.cu and HostBlock in host_block.h, which replays the same tree) and write
//    through `blk.each(n, f)` (every lane takes i = lane, lane + lanes, ...; a barrier follows).
// Layouts are dense row-major; sizes as in trainer's org.r1j.model (N rows, C channels, V vocab, S keys, ...).
#pragma once

#include <math.h>
#include <stdint.h>
#ifndef __CUDACC__
#include <string.h>
#endif

#ifdef __CUDACC__
#define R1J_HD __host__ __device__ inline
#else
#define R1J_HD inline
#endif

namespace r1j {

// ---- scalars ----------------------------------------------------------------------------------------------

R1J_HD float neg_inf() { return -INFINITY; }

R1J_HD uint32_t float_bits(float f) {
#ifdef __CUDA_ARCH__
    return __float_as_uint(f);
#else
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
#endif
}

R1J_HD float bits_float(uint32_t u) {
#ifdef __CUDA_ARCH__
    return __uint_as_float(u);
#else
    float f;
    memcpy(&f, &u, 4);
    return f;
#endif
}

/** An unsigned key whose order is the float's order (-inf lowest; NaN never occurs in logits we sort). */
R1J_HD uint32_t sortable_key(float f) {
    uint32_t u = float_bits(f);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

// ---- casts f32 <-> bf16 (bf16 as its 16 bits) -------------------------------------------------------------

/** Round to nearest even, NaN kept quiet: HalfFloats.floatToBf16 (and PyTorch). */
R1J_HD uint16_t f32_to_bf16(float f) {
    uint32_t u = float_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t) ((u >> 16) | 0x40u);
    return (uint16_t) ((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

R1J_HD float bf16_to_f32(uint16_t b) { return bits_float(((uint32_t) b) << 16); }

R1J_HD void cast_f32_bf16_at(uint16_t* out, const float* in, long i) { out[i] = f32_to_bf16(in[i]); }
R1J_HD void cast_bf16_f32_at(float* out, const uint16_t* in, long i) { out[i] = bf16_to_f32(in[i]); }

// ---- element-wise helpers the backend needs around cuBLAS ------------------------------------------------

/** out (N, C) += b (C) broadcast over rows: Linear's bias. */
R1J_HD void add_bias_at(float* out, const float* b, int C, long i) { out[i] += b[i % C]; }

/** x *= s (gradient clipping). */
R1J_HD void scale_at(float* x, float s, long i) { x[i] *= s; }

/** y += a x. */
R1J_HD void axpy_at(float* y, float a, const float* x, long i) { y[i] += a * x[i]; }

/**
 * Column sums in two deterministic steps (no atomics): part (chunks, C) gets each chunk of `rows` rows summed in
 * row order; column_sum_add then adds the chunks in chunk order. With w == nullptr it is sum(x); with rstd it is
 * RMSNorm's dw: sum_n dout[n,c] * x[n,c] * rstd[n].
 */
R1J_HD void column_partial_at(float* part, const float* a, const float* x, const float* rstd, int N, int C,
                              int rows, long e) {
    int c = (int) (e % C), chunk = (int) (e / C);
    int n0 = chunk * rows, n1 = n0 + rows < N ? n0 + rows : N;
    float s = 0;
    for (int n = n0; n < n1; n++) {
        long at = (long) n * C + c;
        s += x == nullptr ? a[at] : a[at] * x[at] * rstd[n];
    }
    part[e] = s;
}

R1J_HD void column_sum_add_at(float* dst, const float* part, int chunks, int C, int c) {
    float s = 0;
    for (int k = 0; k < chunks; k++) s += part[(long) k * C + c];
    dst[c] += s;
}

// ---- RMSNorm (trainer: layers/RmsNorm, simd/SimdRmsNorm) ------------------------------------------------

/** rstd[n] = 1 / sqrt(mean(x^2) + eps); out = x rstd w. inp, out (N, C); w (C). */
template <class Block>
R1J_HD void rmsnorm_fwd_row(Block& blk, float* out, float* rstd, const float* inp, const float* w, int C, float eps,
                            int n) {
    const float* x = inp + (long) n * C;
    float* o = out + (long) n * C;
    float ss = blk.sum([&](int lane, int lanes) {
        float s = 0;
        for (int i = lane; i < C; i += lanes) s += x[i] * x[i];
        return s;
    });
    float rs = 1.0f / sqrtf(ss / (float) C + eps);
    blk.each(C, [&](int i) { o[i] = x[i] * rs * w[i]; });
    if (blk.lane() == 0) rstd[n] = rs;
}

/**
 * With xhat = x rstd and g = dout w: dinp += rstd (g - xhat mean_C(g xhat)). dw comes from column_partial_at
 * (dout, x, rstd) + column_sum_add_at.
 */
template <class Block>
R1J_HD void rmsnorm_bwd_row(Block& blk, float* dinp, const float* dout, const float* inp, const float* w,
                            const float* rstd, int C, int n) {
    const float* x = inp + (long) n * C;
    const float* d = dout + (long) n * C;
    float* dx = dinp + (long) n * C;
    float rs = rstd[n];
    float dot = blk.sum([&](int lane, int lanes) {
        float s = 0;
        for (int i = lane; i < C; i += lanes) s += (d[i] * w[i]) * (x[i] * rs);
        return s;
    });
    float mean = dot / (float) C;
    blk.each(C, [&](int i) { dx[i] += rs * (d[i] * w[i] - x[i] * rs * mean); });
}

// ---- rotary, Hugging Face rotate_half (trainer: layers/Rotary, simd/SimdRotary) -------------------------

/**
 * One (lo, hi) pair of head `row` of x (rows, hs), in place; e over rows * hs/2. Tables (rows / rep, hs): rep = 1
 * for full per-head tables (Rotary.headTables), rep = heads for per-position tables shared by a row's heads.
 * Forward x = x cos + rotate_half(x) sin; transposed (backward) applies the transpose of that map.
 */
R1J_HD void rotary_at(float* x, const float* cos, const float* sin, int hs, int rep, int transposed, long e) {
    int h = hs / 2;
    long row = e / h;
    int i = (int) (e % h);
    float* xr = x + row * hs;
    long t = (row / rep) * hs;
    int lo = i, hi = i + h, p = transposed ? hi : lo, q = transposed ? lo : hi;
    float sign = transposed ? 1.0f : -1.0f;
    float x1 = xr[lo], x2 = xr[hi];
    xr[lo] = x1 * cos[t + lo] + x2 * sin[t + p] * sign;
    xr[hi] = x2 * cos[t + hi] - x1 * sin[t + q] * sign;
}

// ---- attention softmax (trainer: layers/Attention, simd/SimdSoftmax) -------------------------------------

/**
 * The scores' additive mask, by index. att is (B, H, R, S); row = (b H + h) R + r. mask (MB, 1, R, S) with MB 1 or
 * B, or nullptr. When G > 0 the causal mask is applied from indices too (GQA stacked rows r = t G + g, query
 * position q0 + r / G sees keys start[b] <= s <= q0 + r / G; start nullptr = 0: left padding hides [0, start)).
 */
struct AttMask {
    const float* mask;
    int MB, H, R, S, G, q0;
    const int* start;

    R1J_HD float score(const float* a, long row, int s) const {
        int r = (int) (row % R);
        int b = (int) (row / ((long) H * R));
        float v = a[s];
        if (mask != nullptr) v += mask[((long) (MB == 1 ? 0 : b) * R + r) * S + s];
        if (G > 0) {
            int pos = q0 + r / G, first = start == nullptr ? 0 : start[b];
            if (s > pos || s < first) v = neg_inf();
        }
        return v;
    }
};

/** att = softmax(att + mask) over S, in place. A row the mask hides entirely becomes zeros (not NaN). */
template <class Block>
R1J_HD void masked_softmax_row(Block& blk, float* att, AttMask m, long row) {
    float* a = att + row * m.S;
    float mx = blk.max([&](int lane, int lanes) {
        float v = neg_inf();
        for (int s = lane; s < m.S; s += lanes) v = fmaxf(v, m.score(a, row, s));
        return v;
    });
    if (mx == neg_inf()) {
        blk.each(m.S, [&](int s) { a[s] = 0.0f; });
        return;
    }
    float sum = blk.sum([&](int lane, int lanes) {
        float v = 0;
        for (int s = lane; s < m.S; s += lanes) v += expf(m.score(a, row, s) - mx);
        return v;
    });
    float inv = 1.0f / sum;
    blk.each(m.S, [&](int s) { a[s] = expf(m.score(a, row, s) - mx) * inv; });
}

/** out[row] = sum over W of a[row, :] * b[row, :] (attention backward's row term, sum_hs(dy * y)). */
template <class Block>
R1J_HD void row_dot_row(Block& blk, float* out, const float* a, const float* b, int W, long row) {
    const float* x = a + row * W;
    const float* y = b + row * W;
    float s = blk.sum([&](int lane, int lanes) {
        float v = 0;
        for (int i = lane; i < W; i += lanes) v += x[i] * y[i];
        return v;
    });
    if (blk.lane() == 0) out[row] = s;
}

/** Softmax backward in place: datt = att (datt - rowDot[row]), e over rows * S. */
R1J_HD void softmax_bwd_at(float* datt, const float* att, const float* rowDot, int S, long e) {
    datt[e] = att[e] * (datt[e] - rowDot[e / S]);
}

// ---- SwiGLU (trainer: layers/SwiGlu, simd/SimdSwiGlu) ----------------------------------------------------

/** sig = sigmoid(gate); h = gate sig up. */
R1J_HD void swiglu_at(float* h, float* sig, const float* gate, const float* up, long i) {
    float s = 1.0f / (1.0f + expf(-gate[i]));
    sig[i] = s;
    h[i] = gate[i] * s * up[i];
}

/** dup = dh gate sig; dgate = dh up (sig + gate sig (1 - sig)). */
R1J_HD void swiglu_bwd_at(float* dgate, float* dup, const float* dh, const float* gate, const float* up,
                          const float* sig, long i) {
    float silu = gate[i] * sig[i];
    dup[i] = dh[i] * silu;
    dgate[i] = dh[i] * up[i] * (sig[i] + silu * (1.0f - sig[i]));
}

// ---- embedding (trainer: layers/Embedding) ---------------------------------------------------------------

/** out (N, C) = table[rows]; e over N * C. */
R1J_HD void gather_at(float* out, const int* rows, const float* table, int C, long e) {
    long n = e / C;
    int c = (int) (e % C);
    out[e] = table[(long) rows[n] * C + c];
}

/**
 * table[rows[n]] += values[n], deterministically and without atomics: the host groups the N rows by target (CSR:
 * uniq[u] the u-th distinct row, its n's order[starts[u] .. starts[u+1]) ascending), so each (u, c) adds its
 * values in n order, as a sequential scatter-add does. e over U * C.
 */
R1J_HD void scatter_add_at(float* table, const float* values, const int* uniq, const int* starts, const int* order,
                           int C, long e) {
    long u = e / C;
    int c = (int) (e % C);
    float* t = table + (long) uniq[u] * C + c;
    float v = *t;
    for (int j = starts[u]; j < starts[u + 1]; j++) v += values[(long) order[j] * C + c];
    *t = v;
}

// ---- log-prob head (trainer: layers/LogProbHead, simd/SimdLogProbHead) ------------------------------------

/**
 * Row m of logits (M, V): z = logits / temperature, probs = softmax(z), logp[m] = z[target] - logsumexp(z),
 * entropy[m] = logsumexp(z) - sum p z. invT = 1 / temperature.
 */
template <class Block>
R1J_HD void logprob_row(Block& blk, float* probs, float* logp, float* entropy, const float* logits,
                        const int* targets, int V, float invT, int m) {
    const float* zr = logits + (long) m * V;
    float* p = probs + (long) m * V;
    float mx = blk.max([&](int lane, int lanes) {
        float v = neg_inf();
        for (int i = lane; i < V; i += lanes) v = fmaxf(v, zr[i] * invT);
        return v;
    });
    float sum = blk.sum([&](int lane, int lanes) {
        float v = 0;
        for (int i = lane; i < V; i += lanes) v += expf(zr[i] * invT - mx);
        return v;
    });
    float ez = blk.sum([&](int lane, int lanes) {
        float v = 0;
        for (int i = lane; i < V; i += lanes) {
            float z = zr[i] * invT;
            v += expf(z - mx) * z;
        }
        return v;
    });
    float inv = 1.0f / sum;
    float lse = mx + logf(sum);
    blk.each(V, [&](int i) { p[i] = expf(zr[i] * invT - mx) * inv; });
    if (blk.lane() == 0) {
        logp[m] = zr[targets[m]] * invT - lse;
        entropy[m] = lse - ez * inv;
    }
}

/** dlogits = dlogp (onehot(target) - probs) / temperature; e over M * V. */
R1J_HD void logprob_bwd_at(float* dlogits, const float* dlogp, const float* probs, const int* targets, int V,
                           float invT, long e) {
    long m = e / V;
    int i = (int) (e % V);
    float d = dlogp[m];
    float v = probs[e] * -d;
    if (i == targets[m]) v += d;
    if (invT != 1.0f) v *= invT;
    dlogits[e] = v;
}

/**
 * The entropy bonus's gradient, added: dlogits += coef[m] p (log max(p, 1e-30) + h[m]) (dH/dz = -(1/T) p (log p + H);
 * coef = -dLoss/dH / T comes from the host); e over M * V.
 */
R1J_HD void entropy_bwd_at(float* dlogits, const float* probs, const float* h, const float* coef, int V, long e) {
    long m = e / V;
    float p = probs[e];
    dlogits[e] += coef[m] * (p * (logf(fmaxf(p, 1e-30f)) + h[m]));
}

// ---- strided copy (head split and merge, cache writes, dense temporaries of views) -----------------------

/** Axes a strided copy takes (after merging axes dense in both layouts). */
#define R1J_COPY_RANK 6

/** Shape and element strides of both sides of a copy of rank <= R1J_COPY_RANK (unused axes: size 1, stride 0). */
struct CopyLayout {
    long shape[R1J_COPY_RANK], dst[R1J_COPY_RANK], src[R1J_COPY_RANK];
};

/** Element e (row-major over the shape) of a 4-byte copy: dst[sum i_k dst_k] = src[sum i_k src_k]. */
R1J_HD void copy_strided_at(float* dst, const float* src, const CopyLayout& c, long e) {
    long d = 0, s = 0;
    for (int k = R1J_COPY_RANK - 1; k >= 0; k--) {
        long i = e % c.shape[k];
        e /= c.shape[k];
        d += i * c.dst[k];
        s += i * c.src[k];
    }
    dst[d] = src[s];
}

// ---- GRPO per-token loss terms (trainer: grpo/GrpoLoss, token-level ratios) ------------------------------

enum LossKind { LOSS_CLIP = 0, LOSS_CISPO = 1, LOSS_SAPO = 2 };
enum KlKind { KL_K1 = 1, KL_K2 = 2, KL_K3 = 3 };

/** GrpoLoss's settings that act per token. hasDelta 0: no two-sided clip. */
struct GrpoParams {
    int lossKind, kl, hasDelta;
    double epsLow, epsHigh, delta, beta, tauPos, tauNeg;
};

/**
 * Token j = b T + t of (B, T): loss[j] = l m w_b, dlogp[j] = dL/dlogp, kl[j] = k m, flags[j] bit 0 = low clip,
 * bit 1 = high clip, exactly GrpoLoss.compute's token-level branch (in doubles, as it is). old, ref, isw and
 * emask may be nullptr (old = logp detached; no KL; weight 1; no entropy mask). rowWeight[b] is the aggregation's
 * factor for row b (GrpoLoss.weight), computed on the host from the mask.
 */
R1J_HD void grpo_token_at(float* loss, float* dlogp, float* klOut, int* flags, const float* logp, const float* old,
                          const float* ref, const float* adv, const float* mask, const float* rowWeight,
                          const float* isw, const float* emask, GrpoParams o, int T, long j) {
    long b = j / T;
    double lp = logp[j], m = mask[j], a = adv[b], w = rowWeight[b];
    double rho = exp(lp - (old == nullptr ? lp : (double) old[j]));
    double gate = (emask == nullptr ? 1.0 : (double) emask[j]) * (isw == nullptr ? 1.0 : (double) isw[j]);
    double l, dRho = 0, dLp = 0;
    int f = 0;
    if (o.lossKind == LOSS_CISPO) {
        double capped = rho < o.epsHigh ? rho : o.epsHigh;
        l = -capped * a * lp;
        dLp = -capped * a;
        if (rho > o.epsHigh && a > 0) f |= 2;
    } else if (o.lossKind == LOSS_SAPO) {
        double tau = a > 0 ? o.tauPos : o.tauNeg;
        double sig = 1.0 / (1.0 + exp(-tau * (rho - 1.0)));
        l = -sig * 4.0 / tau * a;
        dRho = -a * 4.0 * sig * (1.0 - sig);
    } else {
        double lo = 1.0 - o.epsLow, hi = 1.0 + o.epsHigh;
        double c2 = fmin(fmax(rho, lo), hi);
        double dc2 = rho >= lo && rho <= hi ? 1.0 : 0.0;
        double c1 = o.hasDelta ? fmin(rho, o.delta) : rho;
        double dc1 = !o.hasDelta || rho <= o.delta ? 1.0 : 0.0;
        double o1 = c1 * a, o2 = c2 * a;
        l = -fmin(o1, o2);
        dRho = o1 < o2 ? -a * dc1 : o2 < o1 ? -a * dc2 : -a * (dc1 + dc2) / 2.0;
        if (c1 < lo && a < 0) f |= 1;
        if (c1 > hi && a > 0) f |= 2;
    }
    l *= gate;
    dRho *= gate;
    dLp *= gate;
    double k = 0;
    if (o.beta != 0) {
        double x = (double) ref[j] - lp;
        double kv = o.kl == KL_K1 ? -x : o.kl == KL_K2 ? 0.5 * x * x : exp(x) - x - 1.0;
        double kg = o.kl == KL_K1 ? 1.0 : o.kl == KL_K2 ? -x : 1.0 - exp(x);
        l += o.beta * kv;
        dLp += o.beta * kg;
        k = kv * m;
    }
    loss[j] = (float) (l * m * w);
    dlogp[j] = (float) ((dRho * rho + dLp) * m * w);
    klOut[j] = (float) k;
    flags[j] = f;
}

// ---- AdamW (trainer: optim/AdamW, backend/AdamWStep, simd/SimdAdamW) -------------------------------------

/** w = w keep + m / (sqrt(v) vScale + eps) step after m = b1 m + c1 g, v = b2 v + c2 g^2 (c1 = 1 - b1 from f64). */
struct AdamWParams {
    float keep, b1, c1, b2, c2, step, vScale, eps;
};

R1J_HD void adamw_at(float* w, const float* g, float* m, float* v, AdamWParams p, long i) {
    float gi = g[i];
    float mi = m[i] * p.b1 + gi * p.c1;
    float vi = v[i] * p.b2 + gi * gi * p.c2;
    m[i] = mi;
    v[i] = vi;
    w[i] = w[i] * p.keep + mi / (sqrtf(vi) * p.vScale + p.eps) * p.step;
}

// ---- sums for the gradient norm and the loss (in f64, fixed order) ---------------------------------------

/**
 * Stage 1 of a deterministic sum over x (n): block `blockId` of `blocks` (lanes each) strides the array
 * (i = blockId lanes + lane, then + blocks lanes) and writes its sum to part[blockId]. squares: sum x^2.
 */
template <class Block>
R1J_HD void sum_partial_row(Block& blk, double* part, const float* x, long n, int squares, int blockId, int blocks) {
    double s = blk.sumd([&](int lane, int lanes) {
        double v = 0;
        long stride = (long) blocks * lanes;
        for (long i = (long) blockId * lanes + lane; i < n; i += stride) {
            double xi = x[i];
            v += squares ? xi * xi : xi;
        }
        return v;
    });
    if (blk.lane() == 0) part[blockId] = s;
}

/** Stage 2: out[0] = (accumulate ? out[0] : 0) + sum of part (n), in one block. */
template <class Block>
R1J_HD void sum_final_row(Block& blk, double* out, const double* part, int n, int accumulate) {
    double s = blk.sumd([&](int lane, int lanes) {
        double v = 0;
        for (int i = lane; i < n; i += lanes) v += part[i];
        return v;
    });
    if (blk.lane() == 0) out[0] = (accumulate ? out[0] : 0.0) + s;
}

// ---- sampling (trainer: model/sample/TokenChooser) -------------------------------------------------------

/**
 * The token TokenChooser.choose picks for row `row` of logits (rows, V) with uniform u[row] in [0, 1) (f64) drawn on the
 * host (one per token, so seeded runs repeat): greedy at temperature 0 (lowest id on ties; log-prob under T = 1);
 * else softmax(logits / T) restricted by top-k, then top-p (the token that crosses the mass is kept; ties by
 * lower id), then min-p, sampled by walking the kept tokens in descending probability when truncated and in id
 * order when not, as TokenChooser does. The walk and the cut-offs are found by bisection on the tokens' order
 * keys (counting and summing passes over the row) instead of a sort. work (rows, V) f64 scratch: the
 * probabilities exp(z - lse). Outputs: token[row], logp[row] = z[token] - lse (untruncated log_softmax).
 */
struct SampleParams {
    double temperature, topP, minP;
    int topK;
};

template <class Block>
R1J_HD void sample_row(Block& blk, int* token, float* logpOut, double* work, const float* logits, const double* u,
                       SampleParams sp, int V, int row) {
    const float* x = logits + (long) row * V;
    double* pr = work + (long) row * V;
    int idBits = 1;
    while ((1 << idBits) < V) idBits++;
    if (sp.temperature == 0.0) {
        // greedy: the largest logit, lowest id on ties: max of (key << 32 | ~id)
        unsigned long long best = blk.maxu64([&](int lane, int lanes) {
            unsigned long long v = 0;
            for (int i = lane; i < V; i += lanes) {
                unsigned long long k = ((unsigned long long) sortable_key(x[i]) << 32) | (uint32_t) ~(uint32_t) i;
                if (k > v) v = k;
            }
            return v;
        });
        int id = (int) ~(uint32_t) (best & 0xffffffffu);
        float mx = x[id];
        double s = blk.sumd([&](int lane, int lanes) {
            double v = 0;
            for (int i = lane; i < V; i += lanes) v += exp((double) x[i] - mx);
            return v;
        });
        if (blk.lane() == 0) {
            token[row] = id;
            logpOut[row] = (float) ((double) x[id] - (mx + log(s)));
        }
        return;
    }
    double invT = 1.0 / sp.temperature;
    // z = x invT in f64 as TokenChooser; its max and logsumexp
    double maxZ = (double) blk.max([&](int lane, int lanes) {
        float v = neg_inf();
        for (int i = lane; i < V; i += lanes) v = fmaxf(v, x[i]);
        return v;
    }) * invT;
    double es = blk.sumd([&](int lane, int lanes) {
        double v = 0;
        for (int i = lane; i < V; i += lanes) v += exp(x[i] * invT - maxZ);
        return v;
    });
    double lse = maxZ + log(es);
    blk.each(V, [&](int i) { pr[i] = exp(x[i] * invT - lse); });
    // kept(i) so far: key(i) > kCut, or key(i) == kCut and i <= kId (kCut 0 with kId = V: everything)
    uint32_t kCut = 0;
    int kId = V;
    bool topK = sp.topK > 0 && sp.topK < V, topP = sp.topP < 1.0, truncated = topK || topP;
    auto keptK = [&](int i) {
        uint32_t k = sortable_key(x[i]);
        return k > kCut || (k == kCut && i <= kId);
    };
    if (topK) {
        // the k-th largest key: the largest c with count(key >= c) >= k
        uint32_t c = 0;
        for (int bit = 31; bit >= 0; bit--) {
            uint32_t cand = c | (1u << bit);
            double n = blk.sumd([&](int lane, int lanes) {
                double v = 0;
                for (int i = lane; i < V; i += lanes) v += sortable_key(x[i]) >= cand ? 1.0 : 0.0;
                return v;
            });
            if (n >= sp.topK) c = cand;
        }
        double above = blk.sumd([&](int lane, int lanes) {
            double v = 0;
            for (int i = lane; i < V; i += lanes) v += sortable_key(x[i]) > c ? 1.0 : 0.0;
            return v;
        });
        double need = sp.topK - above;   // ties at c to keep, lowest ids first: the largest id X with ties(id < X) <= need - 1
        int X = 0;
        for (int bit = idBits; bit >= 0; bit--) {
            int cand = X | (1 << bit);
            double n = blk.sumd([&](int lane, int lanes) {
                double v = 0;
                for (int i = lane; i < V && i < cand; i += lanes) v += sortable_key(x[i]) == c ? 1.0 : 0.0;
                return v;
            });
            if (n <= need - 1) X = cand;
        }
        kCut = c;
        kId = X;
    }
    if (topP) {
        // renormalise within the top-k (TokenChooser: without top-k the mass is 1)
        double mass = 1.0;
        if (topK) {
            mass = blk.sumd([&](int lane, int lanes) {
                double v = 0;
                for (int i = lane; i < V; i += lanes) v += keptK(i) ? pr[i] : 0.0;
                return v;
            });
        }
        double target = sp.topP * mass;
        uint32_t c = 0;
        for (int bit = 31; bit >= 0; bit--) {
            uint32_t cand = c | (1u << bit);
            double s = blk.sumd([&](int lane, int lanes) {
                double v = 0;
                for (int i = lane; i < V; i += lanes) v += keptK(i) && sortable_key(x[i]) >= cand ? pr[i] : 0.0;
                return v;
            });
            if (s >= target) c = cand;
        }
        double above = blk.sumd([&](int lane, int lanes) {
            double v = 0;
            for (int i = lane; i < V; i += lanes) v += keptK(i) && sortable_key(x[i]) > c ? pr[i] : 0.0;
            return v;
        });
        double rem = target - above;   // the crossing tie: the largest id X with tie mass(id < X) < rem
        int X = 0;
        for (int bit = idBits; bit >= 0; bit--) {
            int cand = X | (1 << bit);
            double s = blk.sumd([&](int lane, int lanes) {
                double v = 0;
                for (int i = lane; i < V && i < cand; i += lanes) v += keptK(i) && sortable_key(x[i]) == c ? pr[i] : 0.0;
                return v;
            });
            if (s < rem) X = cand;
        }
        // top-p within top-k: narrower by construction (c >= kCut), so it replaces the top-k cut
        if (c > kCut || (c == kCut && X < kId)) {
            kCut = c;
            kId = X;
        }
    }
    double floor = sp.minP > 0 ? sp.minP * exp(maxZ - lse) : 0.0;
    auto kept = [&](int i) { return pr[i] != 0.0 && pr[i] >= floor && keptK(i); };
    double total = blk.sumd([&](int lane, int lanes) {
        double v = 0;
        for (int i = lane; i < V; i += lanes) v += kept(i) ? pr[i] : 0.0;
        return v;
    });
    double target = u[row] * total;
    int chosen = -1;
    if (truncated) {
        // descending probability, ties by lower id: the key c where mass(key > c) <= target < mass(key >= c) ...
        uint32_t c = 0;
        bool any = false;
        for (int bit = 31; bit >= 0; bit--) {
            uint32_t cand = c | (1u << bit);
            double s = blk.sumd([&](int lane, int lanes) {
                double v = 0;
                for (int i = lane; i < V; i += lanes) v += kept(i) && sortable_key(x[i]) >= cand ? pr[i] : 0.0;
                return v;
            });
            if (s > target) {
                c = cand;
                any = true;
            }
        }
        if (any) {
            double above = blk.sumd([&](int lane, int lanes) {
                double v = 0;
                for (int i = lane; i < V; i += lanes) v += kept(i) && sortable_key(x[i]) > c ? pr[i] : 0.0;
                return v;
            });
            double rem = target - above;   // ... then among ties at c the largest id X with tie mass(id < X) <= rem
            int X = 0;
            for (int bit = idBits; bit >= 0; bit--) {
                int cand = X | (1 << bit);
                double s = blk.sumd([&](int lane, int lanes) {
                    double v = 0;
                    for (int i = lane; i < V && i < cand; i += lanes) v += kept(i) && sortable_key(x[i]) == c ? pr[i] : 0.0;
                    return v;
                });
                if (s <= rem) X = cand;
            }
            if (X < V && kept(X) && sortable_key(x[X]) == c) chosen = X;
        }
        if (chosen < 0) {
            // rounding fallback, as TokenChooser: the last kept token of the walk (lowest key, then highest id)
            unsigned long long last = blk.maxu64([&](int lane, int lanes) {
                unsigned long long v = 0;
                for (int i = lane; i < V; i += lanes) {
                    if (!kept(i)) continue;
                    unsigned long long k = ((unsigned long long) ~sortable_key(x[i]) << 32) | (uint32_t) i;
                    if (k > v) v = k;
                }
                return v;
            });
            chosen = (int) (last & 0xffffffffu);
        }
    } else {
        // id order: the largest id X with mass(kept, id < X) <= target is the token whose mass crosses it
        int X = 0;
        for (int bit = idBits; bit >= 0; bit--) {
            int cand = X | (1 << bit);
            double s = blk.sumd([&](int lane, int lanes) {
                double v = 0;
                for (int i = lane; i < V && i < cand; i += lanes) v += kept(i) ? pr[i] : 0.0;
                return v;
            });
            if (s <= target) X = cand;
        }
        if (X < V && kept(X)) {
            chosen = X;
        } else {
            // rounding fallback: the last token with mass
            unsigned long long last = blk.maxu64([&](int lane, int lanes) {
                unsigned long long v = 0;
                for (int i = lane; i < V; i += lanes) if (kept(i) && (unsigned long long) i + 1 > v) v = i + 1;
                return v;
            });
            chosen = (int) last - 1;
        }
    }
    if (blk.lane() == 0) {
        token[row] = chosen;
        logpOut[row] = (float) (x[chosen] * invT - lse);
    }
}

}  // namespace r1j
