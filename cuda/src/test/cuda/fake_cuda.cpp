// A host stand-in for libcuda.so.1, libcublas.so.13 and libcublasLt.so.13, for tests on machines without a GPU.
// NOT a GPU backend: it lets the cuda module's real Java code (FFM descriptors, argument packing, the context,
// allocator, copies, module loading, DeviceCheck) run end to end on the CPU. "Device" memory is host memory;
// cuLaunchKernel runs the kernel's r1j_ops.cuh function on the host (HostBlock per block, as host_check.cpp does);
// cublasGemmEx is a plain column-major loop. Every name, argument list and error it checks follows cuda.h (built
// against it when R1J_CHECK_AGAINST_CUDA_H is defined and the header is there) and the cuBLAS API. A free of an
// unknown pointer is an error, and the primary context's release reports allocations still live on stderr.
// Threads: every entry point holds one lock (the driver is thread-safe), and, as the real driver, a call that needs
// a context fails with CUDA_ERROR_INVALID_CONTEXT on a thread that has not made the context current (cuCtxSetCurrent
// binds per thread), so the Java side's per-thread binding is checked here too.
#ifdef R1J_CHECK_AGAINST_CUDA_H
#include <cuda.h>
#else
typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st* CUcontext;
typedef struct CUmod_st* CUmodule;
typedef struct CUfunc_st* CUfunction;
typedef struct CUstream_st* CUstream;
typedef struct CUevent_st* CUevent;
typedef int CUdevice_attribute;
#define CUDAAPI
#endif
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include "host_block.h"

using namespace r1j;

namespace {
std::map<void*, size_t> live;
struct Func { std::string name; };
std::map<std::string, Func*> funcs;
int ctxToken, moduleToken, streamToken;
double now_ms() { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
const int ERR_INVALID_VALUE = 1, ERR_NOT_FOUND = 500, ERR_INVALID_IMAGE = 200, ERR_INVALID_CONTEXT = 201;
std::recursive_mutex driverLock;
thread_local bool contextCurrent = false;
}
// Entry points that need no context take the lock; those that work in the current context also check it is set.
#define LOCKED std::lock_guard<std::recursive_mutex> held(driverLock)
#define IN_CONTEXT LOCKED; if (!contextCurrent) return (CUresult) ERR_INVALID_CONTEXT

extern "C" {

CUresult CUDAAPI cuInit(unsigned int) { return (CUresult) 0; }
CUresult CUDAAPI cuDriverGetVersion(int* v) { *v = 13000; return (CUresult) 0; }
CUresult CUDAAPI cuDeviceGetCount(int* n) { *n = 1; return (CUresult) 0; }
CUresult CUDAAPI cuDeviceGet(CUdevice* d, int ordinal) { if (ordinal != 0) return (CUresult) 101; *d = 0; return (CUresult) 0; }
CUresult CUDAAPI cuDeviceGetName(char* name, int len, CUdevice) { snprintf(name, len, "r1j fake CUDA device (host CPU, tests only)"); return (CUresult) 0; }
CUresult CUDAAPI cuDeviceGetAttribute(int* v, CUdevice_attribute a, CUdevice) { *v = a == 16 ? 1 : a == 75 ? 0 : 0; return (CUresult) 0; }
CUresult CUDAAPI cuDeviceTotalMem_v2(size_t* bytes, CUdevice) { *bytes = 1ull << 32; return (CUresult) 0; }
CUresult CUDAAPI cuMemGetInfo_v2(size_t* free_, size_t* total) { *free_ = 1ull << 31; *total = 1ull << 32; return (CUresult) 0; }
CUresult CUDAAPI cuDevicePrimaryCtxRetain(CUcontext* c, CUdevice) { *c = (CUcontext) &ctxToken; return (CUresult) 0; }
CUresult CUDAAPI cuDevicePrimaryCtxRelease_v2(CUdevice) {
    LOCKED;
    if (!live.empty()) fprintf(stderr, "fake cuda: %zu allocations leaked at context release\n", live.size());
    return (CUresult) 0;
}
CUresult CUDAAPI cuCtxSetCurrent(CUcontext c) {
    LOCKED;
    if (c != nullptr && c != (CUcontext) &ctxToken) return (CUresult) ERR_INVALID_VALUE;
    contextCurrent = c != nullptr;
    return (CUresult) 0;
}
CUresult CUDAAPI cuCtxSynchronize(void) { IN_CONTEXT; return (CUresult) 0; }

CUresult CUDAAPI cuModuleLoadData(CUmodule* m, const void* image) {
    IN_CONTEXT;
    uint32_t magic;
    memcpy(&magic, image, 4);
    if (magic != 0xBA55ED50u) return (CUresult) ERR_INVALID_IMAGE;   // only fatbins, as the real code loads
    *m = (CUmodule) &moduleToken;
    return (CUresult) 0;
}
CUresult CUDAAPI cuModuleUnload(CUmodule m) { IN_CONTEXT; return (CUresult) (m == (CUmodule) &moduleToken ? 0 : ERR_INVALID_VALUE); }

static const char* KERNELS[] = {"r1j_cast_f32_bf16", "r1j_cast_bf16_f32", "r1j_add_bias", "r1j_scale", "r1j_axpy",
    "r1j_column_partial", "r1j_column_sum_add", "r1j_rmsnorm_fwd", "r1j_rmsnorm_bwd", "r1j_rotary", "r1j_masked_softmax",
    "r1j_row_dot", "r1j_softmax_bwd", "r1j_swiglu", "r1j_swiglu_bwd", "r1j_copy_strided", "r1j_gather", "r1j_scatter_add", "r1j_logprob",
    "r1j_logprob_bwd", "r1j_entropy_bwd", "r1j_grpo_token", "r1j_adamw", "r1j_sum_partial", "r1j_sum_final", "r1j_sample"};

CUresult CUDAAPI cuModuleGetFunction(CUfunction* f, CUmodule m, const char* name) {
    IN_CONTEXT;
    if (m != (CUmodule) &moduleToken) return (CUresult) ERR_INVALID_VALUE;
    for (const char* k : KERNELS) {
        if (strcmp(k, name) == 0) {
            Func*& fn = funcs[name];
            if (!fn) fn = new Func{name};
            *f = (CUfunction) fn;
            return (CUresult) 0;
        }
    }
    return (CUresult) ERR_NOT_FOUND;
}

#define A(i, T) (*(T*) params[i])
CUresult CUDAAPI cuLaunchKernel(CUfunction f, unsigned int gx, unsigned int, unsigned int, unsigned int bx, unsigned int,
                                unsigned int, unsigned int, CUstream, void** params, void**) {
    IN_CONTEXT;
    const std::string& k = ((Func*) f)->name;
    if (bx == 0 || bx > 1024 || gx == 0) return (CUresult) ERR_INVALID_VALUE;
    if (k == "r1j_cast_f32_bf16") { for (long i = 0; i < A(2, long); i++) cast_f32_bf16_at(A(0, uint16_t*), A(1, const float*), i); }
    else if (k == "r1j_cast_bf16_f32") { for (long i = 0; i < A(2, long); i++) cast_bf16_f32_at(A(0, float*), A(1, const uint16_t*), i); }
    else if (k == "r1j_add_bias") { for (long i = 0; i < A(3, long); i++) add_bias_at(A(0, float*), A(1, const float*), A(2, int), i); }
    else if (k == "r1j_scale") { for (long i = 0; i < A(2, long); i++) scale_at(A(0, float*), A(1, float), i); }
    else if (k == "r1j_axpy") { for (long i = 0; i < A(3, long); i++) axpy_at(A(0, float*), A(1, float), A(2, const float*), i); }
    else if (k == "r1j_column_partial") {
        for (long i = 0; i < A(7, long); i++)
            column_partial_at(A(0, float*), A(1, const float*), A(2, const float*), A(3, const float*), A(4, int), A(5, int), A(6, int), i);
    } else if (k == "r1j_column_sum_add") { for (int i = 0; i < A(3, int); i++) column_sum_add_at(A(0, float*), A(1, const float*), A(2, int), A(3, int), i); }
    else if (k == "r1j_rmsnorm_fwd") {
        HostBlock blk(bx);
        for (unsigned b = 0; b < gx; b++) rmsnorm_fwd_row(blk, A(0, float*), A(1, float*), A(2, const float*), A(3, const float*), A(4, int), A(5, float), b);
    } else if (k == "r1j_rmsnorm_bwd") {
        HostBlock blk(bx);
        for (unsigned b = 0; b < gx; b++)
            rmsnorm_bwd_row(blk, A(0, float*), A(1, const float*), A(2, const float*), A(3, const float*), A(4, const float*), A(5, int), b);
    } else if (k == "r1j_rotary") {
        for (long i = 0; i < A(6, long); i++) rotary_at(A(0, float*), A(1, const float*), A(2, const float*), A(3, int), A(4, int), A(5, int), i);
    } else if (k == "r1j_masked_softmax") {
        HostBlock blk(bx);
        AttMask m{A(1, const float*), A(2, int), A(3, int), A(4, int), A(5, int), A(6, int), A(7, int), A(8, const int*)};
        for (unsigned b = 0; b < gx; b++) masked_softmax_row(blk, A(0, float*), m, b);
    } else if (k == "r1j_row_dot") {
        HostBlock blk(bx);
        for (unsigned b = 0; b < gx; b++) row_dot_row(blk, A(0, float*), A(1, const float*), A(2, const float*), A(3, int), b);
    } else if (k == "r1j_softmax_bwd") {
        for (long i = 0; i < A(4, long); i++) softmax_bwd_at(A(0, float*), A(1, const float*), A(2, const float*), A(3, int), i);
    } else if (k == "r1j_swiglu") {
        for (long i = 0; i < A(4, long); i++) swiglu_at(A(0, float*), A(1, float*), A(2, const float*), A(3, const float*), i);
    } else if (k == "r1j_swiglu_bwd") {
        for (long i = 0; i < A(6, long); i++)
            swiglu_bwd_at(A(0, float*), A(1, float*), A(2, const float*), A(3, const float*), A(4, const float*), A(5, const float*), i);
    } else if (k == "r1j_gather") {
        for (long i = 0; i < A(4, long); i++) gather_at(A(0, float*), A(1, const int*), A(2, const float*), A(3, int), i);
    } else if (k == "r1j_scatter_add") {
        for (long i = 0; i < A(6, long); i++)
            scatter_add_at(A(0, float*), A(1, const float*), A(2, const int*), A(3, const int*), A(4, const int*), A(5, int), i);
    } else if (k == "r1j_copy_strided") {
        CopyLayout c;
        for (int j = 0; j < R1J_COPY_RANK; j++) {
            c.shape[j] = A(3 + j, long);
            c.dst[j] = A(3 + R1J_COPY_RANK + j, long);
            c.src[j] = A(3 + 2 * R1J_COPY_RANK + j, long);
        }
        for (long i = 0; i < A(2, long); i++) copy_strided_at(A(0, float*), A(1, const float*), c, i);
    } else if (k == "r1j_logprob") {
        HostBlock blk(bx);
        for (unsigned b = 0; b < gx; b++)
            logprob_row(blk, A(0, float*), A(1, float*), A(2, float*), A(3, const float*), A(4, const int*), A(5, int), A(6, float), b);
    } else if (k == "r1j_logprob_bwd") {
        for (long i = 0; i < A(6, long); i++)
            logprob_bwd_at(A(0, float*), A(1, const float*), A(2, const float*), A(3, const int*), A(4, int), A(5, float), i);
    } else if (k == "r1j_entropy_bwd") {
        for (long i = 0; i < A(5, long); i++)
            entropy_bwd_at(A(0, float*), A(1, const float*), A(2, const float*), A(3, const float*), A(4, int), i);
    } else if (k == "r1j_grpo_token") {
        GrpoParams o{A(14, int), A(15, int), A(16, int), A(17, double), A(18, double), A(19, double), A(20, double), A(21, double), A(22, double)};
        for (long j = 0; j < A(13, long); j++)
            grpo_token_at(A(0, float*), A(1, float*), A(2, float*), A(3, int*), A(4, const float*), A(5, const float*), A(6, const float*),
                          A(7, const float*), A(8, const float*), A(9, const float*), A(10, const float*), A(11, const float*), o, A(12, int), j);
    } else if (k == "r1j_adamw") {
        AdamWParams p{A(5, float), A(6, float), A(7, float), A(8, float), A(9, float), A(10, float), A(11, float), A(12, float)};
        for (long i = 0; i < A(4, long); i++) adamw_at(A(0, float*), A(1, const float*), A(2, float*), A(3, float*), p, i);
    } else if (k == "r1j_sum_partial") {
        HostBlock blk(bx);
        for (unsigned b = 0; b < gx; b++) sum_partial_row(blk, A(0, double*), A(1, const float*), A(2, long), A(3, int), b, gx);
    } else if (k == "r1j_sum_final") {
        HostBlock blk(bx);
        sum_final_row(blk, A(0, double*), A(1, const double*), A(2, int), A(3, int));
    } else if (k == "r1j_sample") {
        HostBlock blk(bx);
        SampleParams sp{A(6, double), A(7, double), A(8, double), A(9, int)};
        for (unsigned b = 0; b < gx; b++)
            sample_row(blk, A(0, int*), A(1, float*), A(2, double*), A(3, const float*), A(4, const double*), sp, A(5, int), b);
    } else {
        return (CUresult) ERR_NOT_FOUND;
    }
    return (CUresult) 0;
}

CUresult CUDAAPI cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    IN_CONTEXT;
    void* m = malloc(bytes ? bytes : 1);
    if (!m) return (CUresult) 2;
    live[m] = bytes;
    *p = (CUdeviceptr) m;
    return (CUresult) 0;
}
CUresult CUDAAPI cuMemFree_v2(CUdeviceptr p) {
    IN_CONTEXT;
    auto it = live.find((void*) p);
    if (it == live.end()) return (CUresult) ERR_INVALID_VALUE;   // a double or foreign free
    free(it->first);
    live.erase(it);
    return (CUresult) 0;
}
CUresult CUDAAPI cuMemcpyHtoDAsync_v2(CUdeviceptr d, const void* s, size_t n, CUstream) { IN_CONTEXT; memcpy((void*) d, s, n); return (CUresult) 0; }
CUresult CUDAAPI cuMemcpyDtoHAsync_v2(void* d, CUdeviceptr s, size_t n, CUstream) { IN_CONTEXT; memcpy(d, (void*) s, n); return (CUresult) 0; }
CUresult CUDAAPI cuMemcpyDtoDAsync_v2(CUdeviceptr d, CUdeviceptr s, size_t n, CUstream) { IN_CONTEXT; memcpy((void*) d, (void*) s, n); return (CUresult) 0; }
CUresult CUDAAPI cuMemsetD8Async(CUdeviceptr d, unsigned char v, size_t n, CUstream) { IN_CONTEXT; memset((void*) d, v, n); return (CUresult) 0; }
CUresult CUDAAPI cuStreamCreate(CUstream* s, unsigned int) { IN_CONTEXT; *s = (CUstream) &streamToken; return (CUresult) 0; }
CUresult CUDAAPI cuStreamDestroy_v2(CUstream) { IN_CONTEXT; return (CUresult) 0; }
CUresult CUDAAPI cuStreamSynchronize(CUstream) { IN_CONTEXT; return (CUresult) 0; }
CUresult CUDAAPI cuEventCreate(CUevent* e, unsigned int) { IN_CONTEXT; *e = (CUevent) new double(0); return (CUresult) 0; }
CUresult CUDAAPI cuEventDestroy_v2(CUevent e) { IN_CONTEXT; delete (double*) e; return (CUresult) 0; }
CUresult CUDAAPI cuEventRecord(CUevent e, CUstream) { IN_CONTEXT; *(double*) e = now_ms(); return (CUresult) 0; }
CUresult CUDAAPI cuEventSynchronize(CUevent) { IN_CONTEXT; return (CUresult) 0; }
CUresult CUDAAPI cuEventElapsedTime_v2(float* ms, CUevent a, CUevent b) { IN_CONTEXT; *ms = (float) (*(double*) b - *(double*) a); return (CUresult) 0; }
CUresult CUDAAPI cuGetErrorName(CUresult r, const char** s) {
    *s = r == 0 ? "CUDA_SUCCESS" : r == 1 ? "CUDA_ERROR_INVALID_VALUE" : r == 2 ? "CUDA_ERROR_OUT_OF_MEMORY"
       : r == 200 ? "CUDA_ERROR_INVALID_IMAGE" : r == 201 ? "CUDA_ERROR_INVALID_CONTEXT" : r == 500 ? "CUDA_ERROR_NOT_FOUND" : "CUDA_ERROR_UNKNOWN";
    return (CUresult) 0;
}

// ---- cuBLAS 13 (cublas_api.h) and cuBLASLt ----

typedef void* cublasHandle_t;
typedef void* cublasLtHandle_t;
static int handleToken, ltToken;

int cublasCreate_v2(cublasHandle_t* h) { LOCKED; *h = &handleToken; return 0; }
int cublasDestroy_v2(cublasHandle_t h) { LOCKED; return h == &handleToken ? 0 : 7; }
int cublasSetStream_v2(cublasHandle_t h, CUstream) { LOCKED; return h == &handleToken ? 0 : 7; }
int cublasGetVersion_v2(cublasHandle_t, int* v) { *v = 0; return 0; }
int cublasLtCreate(cublasLtHandle_t* h) { *h = &ltToken; return 0; }
int cublasLtDestroy(cublasLtHandle_t h) { return h == &ltToken ? 0 : 7; }
size_t cublasLtGetVersion(void) { return 0; }

static double load(const void* p, int type, long i) {
    return type == 14 ? bf16_to_f32(((const uint16_t*) p)[i]) : ((const float*) p)[i];
}

static void store(void* p, int type, long i, double v) {
    if (type == 14) ((uint16_t*) p)[i] = f32_to_bf16((float) v);
    else ((float*) p)[i] = (float) v;
}

static bool supported(int t) { return t == 0 || t == 14; }

/** Column-major C (m, n; ldc) = alpha op(A) (m, k) op(B) (k, n) + beta C, as cuBLAS defines it. */
static void gemm(int ta, int tb, int m, int n, int k, float alpha, const void* a, int at, int lda, const void* b, int bt,
                 int ldb, float beta, void* c, int ct, int ldc) {
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int p = 0; p < k; p++) s += load(a, at, ta ? p + (long) i * lda : i + (long) p * lda) * load(b, bt, tb ? j + (long) p * ldb : p + (long) j * ldb);
            long at_c = i + (long) j * ldc;
            store(c, ct, at_c, alpha * s + (beta == 0 ? 0.0 : beta * load(c, ct, at_c)));
        }
}

int cublasGemmEx(cublasHandle_t h, int ta, int tb, int m, int n, int k, const void* alpha, const void* A, int at, int lda,
                 const void* B, int bt, int ldb, const void* beta, void* C, int ct, int ldc, int compute, int) {
    LOCKED;
    if (h != &handleToken || !supported(at) || !supported(bt) || !supported(ct) || (compute != 68 && compute != 77 && compute != 69)) return 7;
    if (lda < (ta ? k : m) || ldb < (tb ? n : k) || ldc < m) return 7;   // cuBLAS's own checks
    gemm(ta, tb, m, n, k, *(const float*) alpha, A, at, lda, B, bt, ldb, *(const float*) beta, C, ct, ldc);
    return 0;
}

int cublasGemmStridedBatchedEx(cublasHandle_t h, int ta, int tb, int m, int n, int k, const void* alpha, const void* A, int at,
                               int lda, long long sa, const void* B, int bt, int ldb, long long sb, const void* beta, void* C,
                               int ct, int ldc, long long sc, int batch, int compute, int) {
    LOCKED;
    if (h != &handleToken || !supported(at) || !supported(bt) || !supported(ct) || (compute != 68 && compute != 77 && compute != 69)) return 7;
    if (lda < (ta ? k : m) || ldb < (tb ? n : k) || ldc < m) return 7;
    size_t ea = at == 14 ? 2 : 4, eb = bt == 14 ? 2 : 4, ec = ct == 14 ? 2 : 4;
    for (int i = 0; i < batch; i++)
        gemm(ta, tb, m, n, k, *(const float*) alpha, (const char*) A + i * sa * ea, at, lda, (const char*) B + i * sb * eb, bt, ldb,
             *(const float*) beta, (char*) C + i * sc * ec, ct, ldc);
    return 0;
}

}  // extern "C"
