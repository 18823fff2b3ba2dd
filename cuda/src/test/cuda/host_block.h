// The Block of r1j_ops.cuh's row functions on the host: one call runs every lane of a block. Code between
// reductions is uniform across lanes, so it runs once (as lane 0); each reduction evaluates the partial of every
// lane and combines them in the same tree as block_reduce in r1j_kernels.cu (xor butterfly per warp, then over the
// warp results), so a row's sums associate exactly as on the GPU.
#pragma once

#include <vector>
#include <stdexcept>
#include "r1j_ops.cuh"

namespace r1j {

struct HostBlock {
    int L;  // lanes: blockDim.x of the launch being replayed, a multiple of 32 up to 1024

    explicit HostBlock(int lanes) : L(lanes) {
        if (lanes <= 0 || lanes % 32 != 0 || lanes > 1024) throw std::invalid_argument("lanes must be a multiple of 32 in [32, 1024]");
    }

    int lane() const { return 0; }
    int lanes() const { return L; }

    template <class T, class Op> static void butterfly(T* a, Op op) {
        for (int o = 16; o > 0; o >>= 1) {
            T t[32];
            for (int l = 0; l < 32; l++) t[l] = op(a[l], a[l ^ o]);
            for (int l = 0; l < 32; l++) a[l] = t[l];
        }
    }

    template <class T, class Op, class F> T reduce(F f, Op op, T identity) {
        std::vector<T> v(L);
        for (int l = 0; l < L; l++) v[l] = f(l, L);
        int warps = L / 32;
        T w[32];
        for (int k = 0; k < warps; k++) {
            T a[32];
            for (int l = 0; l < 32; l++) a[l] = v[k * 32 + l];
            butterfly(a, op);
            w[k] = a[0];
        }
        T b[32];
        for (int l = 0; l < 32; l++) b[l] = l < warps ? w[l] : identity;
        butterfly(b, op);
        return b[0];
    }

    template <class F> float sum(F f) { return reduce<float>(f, [](float a, float b) { return a + b; }, 0.0f); }
    template <class F> double sumd(F f) { return reduce<double>(f, [](double a, double b) { return a + b; }, 0.0); }
    template <class F> float max(F f) { return reduce<float>(f, [](float a, float b) { return fmaxf(a, b); }, neg_inf()); }
    template <class F> unsigned long long maxu64(F f) {
        return reduce<unsigned long long>(f, [](unsigned long long a, unsigned long long b) { return a > b ? a : b; }, 0ull);
    }
    template <class F> void each(long n, F f) {
        for (long i = 0; i < n; i++) f((int) i);
    }
};

}  // namespace r1j
