package org.r1j.cuda.blas;

/**
 * A row-major GEMM {@code C (M, N) = op(A) (M, K) · op(B) (K, N)} as the column-major call cuBLAS takes. Row-major
 * C read column-major is C^T, and C^T = op(B)^T op(A)^T, so cuBLAS gets B first and A second with m = N, n = M; each
 * row-major operand, read column-major, is already its own transpose, so its cuBLAS op is its row-major op. The
 * one place this swap is written (gpu-facts.md: "keep one helper for it").
 *
 * @param opFirst  cuBLAS op of the first operand (B): true = CUBLAS_OP_T
 * @param opSecond cuBLAS op of the second operand (A)
 * @param m        cuBLAS m = N
 * @param n        cuBLAS n = M
 * @param k        K
 * @param ldFirst  leading dimension of B as stored: N, or K when B is transposed
 * @param ldSecond leading dimension of A as stored: K, or M when A is transposed
 * @param ldc      N
 */
public record GemmLayout(boolean opFirst, boolean opSecond, int m, int n, int k, int ldFirst, int ldSecond, int ldc) {
    /** For row-major dense A ((M, K), or (K, M) when transA), B ((K, N), or (N, K) when transB), C (M, N). */
    public static GemmLayout rowMajor(boolean transA, boolean transB, int M, int N, int K) {
        if (M <= 0 || N <= 0 || K <= 0) throw new IllegalArgumentException("GEMM sizes must be positive: M " + M + ", N " + N + ", K " + K);
        return new GemmLayout(transB, transA, N, M, K, transB ? K : N, transA ? M : K, N);
    }
}
