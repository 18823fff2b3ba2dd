// Thin __global__ wrappers over r1j_ops.cuh: each maps threads to the indices of one arithmetic function.
// Launch shapes (what org.r1j.cuda.Kernels passes):
//  - element kernels: any 1-D grid, grid-stride loop over n;
//  - row kernels: grid.x = rows, one block per row, blockDim.x a multiple of 32 (<= 1024; __launch_bounds__(1024)
//    keeps every row kernel launchable at 1024 lanes on every target).
// Parameter lists use only pointers, int, long (64-bit), float and double: the Java side checks its launch
// signatures against the declarations in this file (KernelSignaturesTest).
#include "r1j_ops.cuh"

namespace r1j {

struct Add {
    template <class T> __device__ T operator()(T a, T b) const { return a + b; }
};
struct Max {
    __device__ float operator()(float a, float b) const { return fmaxf(a, b); }
    __device__ unsigned long long operator()(unsigned long long a, unsigned long long b) const { return a > b ? a : b; }
};

/**
 * A block-wide reduction in a fixed order: an xor butterfly in each warp (every lane ends with the same value),
 * then the warp results (identity-padded to 32) butterflied again in every warp. HostBlock replays this tree.
 */
template <class T, class Op>
__device__ T block_reduce(T v, Op op, T identity) {
    __shared__ T buf[32];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    for (int o = 16; o > 0; o >>= 1) v = op(v, __shfl_xor_sync(0xffffffffu, v, o));
    __syncthreads();   // an earlier reduction's readers are done with buf
    if (lane == 0) buf[warp] = v;
    __syncthreads();
    v = lane < warps ? buf[lane] : identity;
    for (int o = 16; o > 0; o >>= 1) v = op(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

/** The Block the row functions take, on the device: this thread is lane threadIdx.x of blockDim.x. */
struct DeviceBlock {
    __device__ int lane() const { return threadIdx.x; }
    __device__ int lanes() const { return blockDim.x; }
    template <class F> __device__ float sum(F f) { return block_reduce(f(lane(), lanes()), Add(), 0.0f); }
    template <class F> __device__ double sumd(F f) { return block_reduce(f(lane(), lanes()), Add(), 0.0); }
    template <class F> __device__ float max(F f) { return block_reduce(f(lane(), lanes()), Max(), neg_inf()); }
    template <class F> __device__ unsigned long long maxu64(F f) {
        return block_reduce(f(lane(), lanes()), Max(), 0ull);
    }
    template <class F> __device__ void each(long n, F f) {
        for (long i = threadIdx.x; i < n; i += blockDim.x) f((int) i);
        __syncthreads();
    }
};

__device__ inline long first_index() { return (long) blockIdx.x * blockDim.x + threadIdx.x; }
__device__ inline long grid_stride() { return (long) gridDim.x * blockDim.x; }

}  // namespace r1j

using namespace r1j;

#define R1J_EACH(n) for (long i = first_index(); i < (n); i += grid_stride())

extern "C" {

// ---- casts and element-wise glue ----

__global__ void r1j_cast_f32_bf16(uint16_t* out, const float* in, long n) { R1J_EACH(n) cast_f32_bf16_at(out, in, i); }

__global__ void r1j_cast_bf16_f32(float* out, const uint16_t* in, long n) { R1J_EACH(n) cast_bf16_f32_at(out, in, i); }

__global__ void r1j_add_bias(float* out, const float* b, int C, long n) { R1J_EACH(n) add_bias_at(out, b, C, i); }

__global__ void r1j_scale(float* x, float s, long n) { R1J_EACH(n) scale_at(x, s, i); }

__global__ void r1j_axpy(float* y, float a, const float* x, long n) { R1J_EACH(n) axpy_at(y, a, x, i); }

/** n = chunks * C with chunks = ceil(N / rows). x == nullptr: plain column sums of a. */
__global__ void r1j_column_partial(float* part, const float* a, const float* x, const float* rstd, int N, int C,
                                   int rows, long n) {
    R1J_EACH(n) column_partial_at(part, a, x, rstd, N, C, rows, i);
}

__global__ void r1j_column_sum_add(float* dst, const float* part, int chunks, int C) {
    R1J_EACH(C) column_sum_add_at(dst, part, chunks, C, (int) i);
}

// ---- RMSNorm: grid N ----

__global__ void __launch_bounds__(1024) r1j_rmsnorm_fwd(float* out, float* rstd, const float* inp, const float* w, int C, float eps) {
    DeviceBlock blk;
    rmsnorm_fwd_row(blk, out, rstd, inp, w, C, eps, blockIdx.x);
}

__global__ void __launch_bounds__(1024) r1j_rmsnorm_bwd(float* dinp, const float* dout, const float* inp, const float* w, const float* rstd,
                                int C) {
    DeviceBlock blk;
    rmsnorm_bwd_row(blk, dinp, dout, inp, w, rstd, C, blockIdx.x);
}

// ---- rotary: n = rows * hs / 2 ----

__global__ void r1j_rotary(float* x, const float* cos, const float* sin, int hs, int rep, int transposed, long n) {
    R1J_EACH(n) rotary_at(x, cos, sin, hs, rep, transposed, i);
}

// ---- attention softmax: grid rows = B * H * R ----

__global__ void __launch_bounds__(1024) r1j_masked_softmax(float* att, const float* mask, int MB, int H, int R, int S, int G, int q0,
                                   const int* start) {
    DeviceBlock blk;
    AttMask m{mask, MB, H, R, S, G, q0, start};
    masked_softmax_row(blk, att, m, blockIdx.x);
}

__global__ void __launch_bounds__(1024) r1j_row_dot(float* out, const float* a, const float* b, int W) {
    DeviceBlock blk;
    row_dot_row(blk, out, a, b, W, blockIdx.x);
}

__global__ void r1j_softmax_bwd(float* datt, const float* att, const float* rowDot, int S, long n) {
    R1J_EACH(n) softmax_bwd_at(datt, att, rowDot, S, i);
}

// ---- SwiGLU ----

__global__ void r1j_swiglu(float* h, float* sig, const float* gate, const float* up, long n) {
    R1J_EACH(n) swiglu_at(h, sig, gate, up, i);
}

__global__ void r1j_swiglu_bwd(float* dgate, float* dup, const float* dh, const float* gate, const float* up,
                               const float* sig, long n) {
    R1J_EACH(n) swiglu_bwd_at(dgate, dup, dh, gate, up, sig, i);
}

// ---- strided copy: n elements, 4 bytes each (f32 or i32 bits) ----

__global__ void r1j_copy_strided(float* dst, const float* src, long n, long n0, long n1, long n2, long n3, long n4, long n5,
                                 long d0, long d1, long d2, long d3, long d4, long d5, long s0, long s1, long s2, long s3,
                                 long s4, long s5) {
    CopyLayout c{{n0, n1, n2, n3, n4, n5}, {d0, d1, d2, d3, d4, d5}, {s0, s1, s2, s3, s4, s5}};
    R1J_EACH(n) copy_strided_at(dst, src, c, i);
}

// ---- embedding ----

__global__ void r1j_gather(float* out, const int* rows, const float* table, int C, long n) {
    R1J_EACH(n) gather_at(out, rows, table, C, i);
}

/** n = U * C (U distinct rows). */
__global__ void r1j_scatter_add(float* table, const float* values, const int* uniq, const int* starts,
                                const int* order, int C, long n) {
    R1J_EACH(n) scatter_add_at(table, values, uniq, starts, order, C, i);
}

// ---- log-prob head: grid M ----

__global__ void __launch_bounds__(1024) r1j_logprob(float* probs, float* logp, float* entropy, const float* logits, const int* targets, int V,
                            float invT) {
    DeviceBlock blk;
    logprob_row(blk, probs, logp, entropy, logits, targets, V, invT, blockIdx.x);
}

__global__ void r1j_logprob_bwd(float* dlogits, const float* dlogp, const float* probs, const int* targets, int V,
                                float invT, long n) {
    R1J_EACH(n) logprob_bwd_at(dlogits, dlogp, probs, targets, V, invT, i);
}

__global__ void r1j_entropy_bwd(float* dlogits, const float* probs, const float* h, const float* coef, int V, long n) {
    R1J_EACH(n) entropy_bwd_at(dlogits, probs, h, coef, V, i);
}

// ---- GRPO per-token terms: n = B * T ----

__global__ void r1j_grpo_token(float* loss, float* dlogp, float* kl, int* flags, const float* logp, const float* old,
                               const float* ref, const float* adv, const float* mask, const float* rowWeight,
                               const float* isw, const float* emask, int T, long n, int lossKind, int klKind,
                               int hasDelta, double epsLow, double epsHigh, double delta, double beta, double tauPos,
                               double tauNeg) {
    GrpoParams o{lossKind, klKind, hasDelta, epsLow, epsHigh, delta, beta, tauPos, tauNeg};
    R1J_EACH(n) grpo_token_at(loss, dlogp, kl, flags, logp, old, ref, adv, mask, rowWeight, isw, emask, o, T, i);
}

// ---- AdamW ----

__global__ void r1j_adamw(float* w, const float* g, float* m, float* v, long n, float keep, float b1, float c1,
                          float b2, float c2, float step, float vScale, float eps) {
    AdamWParams p{keep, b1, c1, b2, c2, step, vScale, eps};
    R1J_EACH(n) adamw_at(w, g, m, v, p, i);
}

// ---- sums in f64: r1j_sum_partial on grid `blocks`, then r1j_sum_final on one block ----

__global__ void __launch_bounds__(1024) r1j_sum_partial(double* part, const float* x, long n, int squares) {
    DeviceBlock blk;
    sum_partial_row(blk, part, x, n, squares, blockIdx.x, gridDim.x);
}

__global__ void __launch_bounds__(1024) r1j_sum_final(double* out, const double* part, int n, int accumulate) {
    DeviceBlock blk;
    sum_final_row(blk, out, part, n, accumulate);
}

// ---- sampling: grid rows ----

__global__ void __launch_bounds__(1024) r1j_sample(int* token, float* logp, double* work, const float* logits, const double* u, int V,
                           double temperature, double topP, double minP, int topK) {
    DeviceBlock blk;
    SampleParams sp{temperature, topP, minP, topK};
    sample_row(blk, token, logp, work, logits, u, sp, V, blockIdx.x);
}

}  // extern "C"
