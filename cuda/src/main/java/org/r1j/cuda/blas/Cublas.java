package org.r1j.cuda.blas;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.r1j.cuda.Downcalls.call;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.r1j.cuda.CudaException;
import org.r1j.cuda.Downcalls;
import org.r1j.cuda.NativeLibrarySearch;

/**
 * cuBLAS ({@code libcublas.so.13}) and cuBLASLt ({@code libcublasLt.so.13}, which cuBLAS itself loads; here only
 * its handle and version) through FFM: one handle bound to the owning context's stream, row-major GEMMs by
 * {@link GemmLayout}, f32 or bf16 operands with f32 accumulation. Enum values are cuBLAS 13's
 * ({@code cublas_api.h}, {@code library_types.h}).
 */
public final class Cublas implements AutoCloseable {
    public static final String SONAME = "libcublas.so.13", LT_SONAME = "libcublasLt.so.13";
    /** cudaDataType */
    public static final int R_32F = 0, R_16BF = 14;
    /** cublasComputeType_t */
    public static final int COMPUTE_32F = 68, COMPUTE_32F_PEDANTIC = 69, COMPUTE_32F_FAST_TF32 = 77;
    private static final int OP_N = 0, OP_T = 1, GEMM_DEFAULT = -1;

    private static final Linker LINKER = Linker.nativeLinker();
    private final Arena arena = Arena.ofShared();
    private final MethodHandle create, destroy, setStream, getVersion, gemmEx, gemmStridedBatchedEx, ltCreate, ltDestroy, ltGetVersion;
    private final MemorySegment handle, ltHandle;
    private final MemorySegment scalars;   // alpha, beta (host pointer mode)

    /** Loads both libraries and makes a handle on {@code stream}; the calling thread must own the CUDA context. */
    public Cublas(MemorySegment stream) {
        NativeLibrarySearch search = NativeLibrarySearch.system();
        SymbolLookup lt = search.open(LT_SONAME, Arena.global());
        SymbolLookup lib = search.open(SONAME, Arena.global());
        create = fn(lib, SONAME, "cublasCreate_v2", ADDRESS);
        destroy = fn(lib, SONAME, "cublasDestroy_v2", ADDRESS);
        setStream = fn(lib, SONAME, "cublasSetStream_v2", ADDRESS, ADDRESS);
        getVersion = fn(lib, SONAME, "cublasGetVersion_v2", ADDRESS, ADDRESS);
        gemmEx = fn(lib, SONAME, "cublasGemmEx", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
        gemmStridedBatchedEx = fn(lib, SONAME, "cublasGemmStridedBatchedEx", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT);
        ltCreate = fn(lt, LT_SONAME, "cublasLtCreate", ADDRESS);
        ltDestroy = fn(lt, LT_SONAME, "cublasLtDestroy", ADDRESS);
        ltGetVersion = LINKER.downcallHandle(lt.find("cublasLtGetVersion").orElseThrow(), FunctionDescriptor.of(JAVA_LONG));
        MemorySegment out = arena.allocate(ADDRESS);
        check(call(create, out), "cublasCreate");
        handle = out.get(ADDRESS, 0);
        check(call(setStream, handle, stream), "cublasSetStream");
        check(call(ltCreate, out), "cublasLtCreate");
        ltHandle = out.get(ADDRESS, 0);
        scalars = arena.allocate(JAVA_FLOAT, 2);
    }

    private static MethodHandle fn(SymbolLookup lib, String soname, String name, MemoryLayout... args) {
        return Downcalls.intFunction(lib, name, soname + " has no " + name, args);
    }

    private static void check(int status, String call) {
        if (status != 0) throw new CudaException(call, status, "CUBLAS_STATUS_" + statusName(status));
    }

    static String statusName(int s) {
        return switch (s) {
            case 1 -> "NOT_INITIALIZED";
            case 3 -> "ALLOC_FAILED";
            case 7 -> "INVALID_VALUE";
            case 8 -> "ARCH_MISMATCH";
            case 11 -> "MAPPING_ERROR";
            case 13 -> "EXECUTION_FAILED";
            case 14 -> "INTERNAL_ERROR";
            case 15 -> "NOT_SUPPORTED";
            default -> String.valueOf(s);
        };
    }

    public int version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check(call(getVersion, handle, v), "cublasGetVersion");
            return v.get(JAVA_INT, 0);
        }
    }

    public long ltVersion() {
        try {
            return (long) ltGetVersion.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Row-major {@code C = alpha op(A) op(B) + beta C} on device pointers; {@code type} R_32F or R_16BF for A and B,
     * C in {@code cType}; compute COMPUTE_32F (f32; bf16 inputs accumulate in f32) or COMPUTE_32F_FAST_TF32.
     */
    public synchronized void gemm(boolean transA, boolean transB, int M, int N, int K, float alpha, long a, long b, float beta, long c,
                     int type, int cType, int compute) {
        GemmLayout g = GemmLayout.rowMajor(transA, transB, M, N, K);
        scalars.setAtIndex(JAVA_FLOAT, 0, alpha);
        scalars.setAtIndex(JAVA_FLOAT, 1, beta);
        check(call(gemmEx, handle, g.opFirst() ? OP_T : OP_N, g.opSecond() ? OP_T : OP_N, g.m(), g.n(), g.k(), scalars,
                MemorySegment.ofAddress(b), type, g.ldFirst(), MemorySegment.ofAddress(a), type, g.ldSecond(),
                scalars.asSlice(4), MemorySegment.ofAddress(c), cType, g.ldc(), compute, GEMM_DEFAULT), "cublasGemmEx");
    }

    /** {@link #gemm} over {@code batch} matrices at element strides strideA/B/C (dense row-major within each). */
    public synchronized void gemmBatched(boolean transA, boolean transB, int M, int N, int K, float alpha, long a, long strideA, long b,
                            long strideB, float beta, long c, long strideC, int batch, int type, int cType, int compute) {
        GemmLayout g = GemmLayout.rowMajor(transA, transB, M, N, K);
        scalars.setAtIndex(JAVA_FLOAT, 0, alpha);
        scalars.setAtIndex(JAVA_FLOAT, 1, beta);
        check(call(gemmStridedBatchedEx, handle, g.opFirst() ? OP_T : OP_N, g.opSecond() ? OP_T : OP_N, g.m(), g.n(), g.k(),
                scalars, MemorySegment.ofAddress(b), type, g.ldFirst(), strideB, MemorySegment.ofAddress(a), type, g.ldSecond(),
                strideA, scalars.asSlice(4), MemorySegment.ofAddress(c), cType, g.ldc(), strideC, batch, compute, GEMM_DEFAULT),
                "cublasGemmStridedBatchedEx");
    }

    @Override
    public synchronized void close() {
        check(call(ltDestroy, ltHandle), "cublasLtDestroy");
        check(call(destroy, handle), "cublasDestroy");
        arena.close();
    }
}
