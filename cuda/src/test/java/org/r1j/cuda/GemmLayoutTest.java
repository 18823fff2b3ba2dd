package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.r1j.cuda.blas.GemmLayout;

/** The row-major -> cuBLAS mapping, run through a column-major GEMM with cuBLAS's semantics. */
class GemmLayoutTest {
    /** cublasSgemm: C (m, n, col-major, ldc) = op(X) (m, k) op(Y) (k, n), X/Y col-major with their ld. */
    static void cublasGemm(boolean tx, boolean ty, int m, int n, int k, double[] x, int ldx, double[] y, int ldy, double[] c, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double xv = tx ? x[p + i * ldx] : x[i + p * ldx];
                    double yv = ty ? y[j + p * ldy] : y[p + j * ldy];
                    s += xv * yv;
                }
                c[i + j * ldc] = s;
            }
        }
    }

    @Test
    void everyTransposeCombinationMatchesRowMajorMath() {
        SplittableRandom r = new SplittableRandom(1);
        int M = 5, N = 3, K = 4;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                double[] a = r.doubles(M * K).toArray(), b = r.doubles(K * N).toArray();
                double[] want = new double[M * N];
                for (int i = 0; i < M; i++)
                    for (int j = 0; j < N; j++)
                        for (int p = 0; p < K; p++)
                            want[i * N + j] += (ta ? a[p * M + i] : a[i * K + p]) * (tb ? b[j * K + p] : b[p * N + j]);
                GemmLayout g = GemmLayout.rowMajor(ta, tb, M, N, K);
                double[] c = new double[M * N];
                cublasGemm(g.opFirst(), g.opSecond(), g.m(), g.n(), g.k(), b, g.ldFirst(), a, g.ldSecond(), c, g.ldc());
                for (int i = 0; i < c.length; i++) assertEquals(want[i], c[i], 1e-12, "transA " + ta + " transB " + tb + " at " + i);
            }
        }
    }

    @Test
    void theCallOfAPlainLinearLayer() {
        // out (N, OC) = inp (N, IC) w^T: cuBLAS gets w first with op T, m = OC, n = N
        GemmLayout g = GemmLayout.rowMajor(false, true, 64, 896, 4864);
        assertArrayEquals(new int[] {896, 64, 4864, 4864, 4864, 896}, new int[] {g.m(), g.n(), g.k(), g.ldFirst(), g.ldSecond(), g.ldc()});
        assertEquals(true, g.opFirst());
        assertEquals(false, g.opSecond());
    }
}
