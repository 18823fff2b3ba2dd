package org.r1j.model.backend.simd;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * f32 matrix products as direct OpenBLAS {@code cblas_sgemm} calls on ND4J's host memory, split into row (or column)
 * blocks of the output run on {@link SimdThreads}: each call is single-threaded in its own thread, so the simd
 * backend uses every core for its GEMMs while libnd4j's element-wise ops stay on one thread (OMP_NUM_THREADS=1 on
 * small machines, where more made them far slower; where OpenBLAS is given more threads itself, it threads each
 * call and nothing is split, see {@link #BLAS_THREADS}). Batched products run one GEMM per matrix, split over the
 * batch; libnd4j's batched matmul was a scalar index loop. Any 2-D layout with a unit stride on one axis is taken as
 * it is (views, column blocks, 'f' order); others return false and the caller runs ND4J's op.
 */
final class SimdGemm {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans, TRANS = openblas_nolapack.CblasTrans;
    /** Below this many multiply-adds one thread is faster than waking another (~20 us a hand-off). */
    private static final long PARALLEL_MACS = 1L << 18;
    /**
     * Threads each OpenBLAS call may use itself (OPENBLAS_NUM_THREADS, else OMP_NUM_THREADS, as OpenBLAS reads them).
     * Only when that is 1 (./r1j's default on machines with two or fewer CPUs) do the blocks go to SimdThreads;
     * otherwise OpenBLAS threads each call and splitting it as well would run threads x threads at once.
     */
    private static final int BLAS_THREADS = blasThreads();

    private SimdGemm() {}

    private static int blasThreads() {
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                try {
                    return Math.max(1, Integer.parseInt(v.strip()));
                } catch (NumberFormatException e) {
                    return 1;                                        // OpenBLAS ignores what it cannot parse too
                }
            }
        }
        return Runtime.getRuntime().availableProcessors();           // OpenBLAS's own default: every CPU
    }

    /** How many blocks a product of this many multiply-adds is split into. */
    private static int parts(long macs) {
        return macs < PARALLEL_MACS || BLAS_THREADS > 1 ? 1 : SimdThreads.COUNT;
    }

    /** op(x) of the matrix whose rows and columns are axes {@code axis, axis + 1} of x, starting at {@code offset}. */
    private static Operand matrix(INDArray x, long offset, int axis, boolean trans) {
        long r = x.size(axis), c = x.size(axis + 1);
        return operand(x, offset, trans ? c : r, trans ? r : c, x.stride(axis), x.stride(axis + 1), trans);
    }

    /** A 2-D f32 matrix at element offset {@code offset} of a buffer, as BLAS sees it: row-major, maybe transposed. */
    private record Operand(INDArray base, long offset, long rows, long cols, long ld, boolean transposed) {
        /** Where element (r, c) of this operand's rows x cols (after {@code transposed}) lives, relative to offset. */
        long at(long r, long c) {
            return transposed ? c * ld + r : r * ld + c;
        }

        /** The same storage read as this matrix's transpose. */
        Operand t() {
            return new Operand(base, offset, cols, rows, ld, !transposed);
        }

        FloatPointer pointer(long from) {
            // pointer(): the buffer's start (addressPointer() of a view buffer already includes its offset)
            return new FloatPointer(base.data().pointer()).position(offset + from);
        }
    }

    /**
     * The BLAS view of op(x), {@code (rows, cols)}, where x is stored at {@code offset} with strides {@code s0, s1}
     * and op transposes when {@code trans}; null when neither axis of x has unit stride.
     */
    private static Operand operand(INDArray base, long offset, long rows, long cols, long s0, long s1, boolean trans) {
        long r = trans ? cols : rows, c = trans ? rows : cols;      // the stored matrix, before op()
        long sr = s0, sc = s1;                                       // its strides
        if (c == 1 || sc == 1) {                                     // stored row-major, leading dimension sr
            long ld = r == 1 ? Math.max(c, 1) : sr;
            if (ld >= c) return new Operand(base, offset, rows, cols, ld, trans);
        }
        if (r == 1 || sr == 1) {                                     // stored column-major = its transpose row-major
            long ld = c == 1 ? Math.max(r, 1) : sc;
            if (ld >= r) return new Operand(base, offset, rows, cols, ld, !trans);
        }
        return null;
    }

    /** {@code c = alpha op(a) op(b) + beta c} for 2-D f32 arrays; false (nothing done) for a layout BLAS cannot take. */
    static boolean gemm(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double alpha, double beta) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2 || !f32(a, b, c)) return false;
        Operand oa = matrix(a, a.offset(), 0, ta), ob = matrix(b, b.offset(), 0, tb), oc = matrix(c, c.offset(), 0, false);
        if (oa == null || ob == null || oc == null || oa.cols() != ob.rows() || oa.rows() != oc.rows() || ob.cols() != oc.cols())
            return false;
        // a column-major C (an 'f'-order gradient scratch) is computed as C^T = op(b)^T op(a)^T, row-major
        Operand x = oc.transposed() ? ob.t() : oa, y = oc.transposed() ? oa.t() : ob, z = oc.transposed() ? oc.t() : oc;
        long M = z.rows(), N = z.cols(), K = x.cols();
        int parts = parts(M * N * K);
        SimdThreads.run(parts, p -> block(x, y, z, M, N, K, p, parts, (float) alpha, (float) beta));
        return true;
    }

    /**
     * {@code c[i] = op(a[i]) op(b[i]) + beta c[i]} over the two leading axes of rank-4 f32 arrays (all three of the
     * same leading sizes; no broadcasting); false for a layout BLAS cannot take.
     */
    static boolean batched(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double beta) {
        if (a.rank() != 4 || b.rank() != 4 || c.rank() != 4 || !f32(a, b, c)) return false;
        long B0 = c.size(0), B1 = c.size(1);
        if (a.size(0) != B0 || b.size(0) != B0 || a.size(1) != B1 || b.size(1) != B1) return false;
        long count = B0 * B1;
        Operand[] oa = new Operand[(int) count], ob = new Operand[(int) count], oc = new Operand[(int) count];
        for (int i = 0; i < count; i++) {
            long i0 = i / B1, i1 = i % B1;
            oa[i] = matrix(a, a.offset() + i0 * a.stride(0) + i1 * a.stride(1), 2, ta);
            ob[i] = matrix(b, b.offset() + i0 * b.stride(0) + i1 * b.stride(1), 2, tb);
            oc[i] = matrix(c, c.offset() + i0 * c.stride(0) + i1 * c.stride(1), 2, false);
            if (oa[i] == null || ob[i] == null || oc[i] == null || oc[i].transposed() || oa[i].cols() != ob[i].rows())
                return false;
        }
        if (oc[0].rows() != oa[0].rows() || oc[0].cols() != ob[0].cols()) return false;
        long M = oc[0].rows(), N = oc[0].cols(), K = oa[0].cols();
        int parts = (int) Math.min(count, parts(count * M * N * K));
        SimdThreads.run(parts, p -> {
            for (long i = count * p / parts; i < count * (p + 1) / parts; i++) {
                block(oa[(int) i], ob[(int) i], oc[(int) i], M, N, K, 0, 1, 1f, (float) beta);
            }
        });
        return true;
    }

    /** Part p of parts of C: a block of rows (or of columns, when C is wider than tall). */
    private static void block(Operand a, Operand b, Operand c, long M, long N, long K, int p, int parts, float alpha,
                              float beta) {
        boolean byRows = M >= N;
        long len = byRows ? M : N, from = len * p / parts, to = len * (p + 1) / parts;
        if (to <= from) return;
        if (c.transposed()) throw new IllegalStateException("output operand must be row-major");
        long m = byRows ? to - from : M, n = byRows ? N : to - from;
        FloatPointer pa = a.pointer(byRows ? a.at(from, 0) : 0);
        FloatPointer pb = b.pointer(byRows ? 0 : b.at(0, from));
        FloatPointer pc = c.pointer(byRows ? c.at(from, 0) : c.at(0, from));
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, a.transposed() ? TRANS : NO_TRANS, b.transposed() ? TRANS : NO_TRANS,
                (int) m, (int) n, (int) K, alpha, pa, (int) a.ld(), pb, (int) b.ld(), beta, pc, (int) c.ld());
    }

    private static boolean f32(INDArray... arrays) {
        for (INDArray x : arrays) if (x.dataType() != DataType.FLOAT || x.isEmpty()) return false;
        return true;
    }
}
