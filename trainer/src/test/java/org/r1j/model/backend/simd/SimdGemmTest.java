package org.r1j.model.backend.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.nd4j.Nd4jBackend;

/**
 * {@link SimdGemm} gives ND4J's products: every transpose combination, beta accumulating, row and column blocks
 * large enough to be split over threads, views at an offset, an 'f'-order output, and batched products into a
 * strided chunk of a larger output (as the chunked causal attention writes them).
 */
class SimdGemmTest {
    private static final Nd4jBackend ND4J = Nd4jBackend.INSTANCE;

    private static void check(String what, INDArray expected, INDArray actual) {
        double worst = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue()
                / Math.max(1, expected.amaxNumber().doubleValue());
        System.out.printf("simd gemm %s: max relative difference vs ND4J %.3g%n", what, worst);
        assertTrue(worst < 1e-5, what + " differs from ND4J by " + worst);
    }

    @Test
    void twoDimensionalProductsMatchNd4j() {
        Nd4j.getRandom().setSeed(3);
        for (int[] mnk : new int[][] {{5, 7, 3}, {300, 40, 70}, {20, 500, 64}}) {
            int M = mnk[0], N = mnk[1], K = mnk[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    INDArray big = Nd4j.randn(DataType.FLOAT, K + M + 3, K + M + 5);
                    // a is a view at an offset inside a bigger matrix (as the fused q/k/v weights are)
                    INDArray a = ta ? big.get(interval(2, 2 + K), interval(1, 1 + M)) : big.get(interval(2, 2 + M), interval(1, 1 + K));
                    INDArray b = tb ? Nd4j.randn(DataType.FLOAT, N, K) : Nd4j.randn(DataType.FLOAT, K, N);
                    INDArray c0 = Nd4j.randn(DataType.FLOAT, M, N);
                    INDArray want = c0.dup(), got = c0.dup();
                    ND4J.gemm(ND4J.wrap(a), ND4J.wrap(b), ND4J.wrap(want), ta, tb, 0.5, 1.0);
                    assertTrue(SimdGemm.gemm(a, b, got, ta, tb, 0.5, 1.0), "layout refused");
                    check(M + "x" + N + "x" + K + " ta=" + ta + " tb=" + tb, want, got);
                    INDArray f = Nd4j.create(DataType.FLOAT, new long[] {M, N}, 'f'), wantF = Nd4j.create(DataType.FLOAT, M, N);
                    ND4J.gemm(ND4J.wrap(a), ND4J.wrap(b), ND4J.wrap(wantF), ta, tb, 1.0, 0.0);
                    assertTrue(SimdGemm.gemm(a, b, f, ta, tb, 1.0, 0.0), "f-order output refused");
                    check(M + "x" + N + "x" + K + " into 'f' order, ta=" + ta + " tb=" + tb, wantF, f);
                }
            }
        }
    }

    @Test
    void batchedProductsIntoStridedChunksMatchNd4j() {
        Nd4j.getRandom().setSeed(4);
        INDArray q = Nd4j.randn(DataType.FLOAT, 3, 2, 40, 8), k = Nd4j.randn(DataType.FLOAT, 3, 2, 40, 8);
        INDArray qc = q.get(all(), all(), interval(10, 30), all()), kc = k.get(all(), all(), interval(0, 30), all());
        INDArray want = Nd4j.create(DataType.FLOAT, 3, 2, 20, 30), got = want.dup();
        ND4J.batchedMatmul(ND4J.wrap(qc), ND4J.wrap(kc), ND4J.wrap(want), false, true, 0);
        assertTrue(SimdGemm.batched(qc, kc, got, false, true, 0), "layout refused");
        check("batched q k^T", want, got);
        INDArray y = Nd4j.randn(DataType.FLOAT, 3, 2, 40, 8), yWant = y.dup();
        INDArray yc = y.get(all(), all(), interval(10, 30), all()), ycWant = yWant.get(all(), all(), interval(10, 30), all());
        ND4J.batchedMatmul(ND4J.wrap(want), ND4J.wrap(kc), ND4J.wrap(ycWant), false, false, 1.0);
        assertTrue(SimdGemm.batched(want, kc, yc, false, false, 1.0), "strided output refused");
        check("batched att v into a chunk, beta 1", yWant, y);
        INDArray dk = Nd4j.randn(DataType.FLOAT, 3, 2, 30, 8), dkWant = dk.dup();
        ND4J.batchedMatmul(ND4J.wrap(want), ND4J.wrap(qc), ND4J.wrap(dkWant), true, false, 1.0);
        assertTrue(SimdGemm.batched(want, qc, dk, true, false, 1.0), "transposed a refused");
        check("batched att^T q, beta 1", dkWant, dk);
    }
}
