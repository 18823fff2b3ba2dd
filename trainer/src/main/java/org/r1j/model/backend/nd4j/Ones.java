package org.r1j.model.backend.nd4j;

import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared vectors of ones, for sums written as GEMMs: ND4J's {@code sum(0)} over a (4096, 256) activation took
 * ~3 ms, {@code ones(1, N) @ x} ~0.7 ms (BLAS instead of a strided reduction), and it can accumulate in place.
 */
final class Ones {
    private static final ConcurrentHashMap<DataType, INDArray> BY_TYPE = new ConcurrentHashMap<>();

    private Ones() {}

    /** A (1, n) row of ones (a view into a shared, never-written buffer). */
    static INDArray row(DataType dtype, long n) {
        INDArray all = BY_TYPE.compute(dtype, (t, have) ->
                have != null && have.length() >= n ? have : Nd4j.ones(t, Math.max(n, have == null ? 0 : 2 * have.length())));
        return Nd4j.create(all.data(), new long[] {1, n}, new long[] {n, 1}, 0, 'c', dtype);
    }

    /** {@code acc (1, C) += sum over rows of x (N, C)}, as one GEMM. */
    static void addColumnSums(INDArray acc, INDArray x) {
        long n = x.size(0);
        Nd4j.gemm(row(x.dataType(), n), x, acc.reshape(1, x.size(1)), false, false, 1.0, 1.0);
    }
}
