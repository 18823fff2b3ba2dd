package org.r1j.model.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The memory contract of the seam as checks any backend's tests can run (trainer's {@link TensorContractTest} over
 * every CPU backend; the cuda module's CudaBackendTest through trainer's test jar): tensors made by the backend, host
 * copies in and out, views that share memory (writes through a view are seen by the whole tensor), reshape refusing
 * to copy, and ops writing into strided views.
 */
public final class TensorContract {
    private TensorContract() {
    }

    /** Tensors made from host arrays: shape, strides, dtype and values back, ints and longs, f64 rounding to f32. */
    public static void hostCopiesRoundTrip(Backend be, DataType dtype) {
        Tensor t = be.fromHost(dtype, new float[] {1.5f, -2, 3, 0.25f, 7, 8}, 2, 3);
        assertSame(be, t.backend());
        assertEquals(dtype, t.dtype());
        assertArrayEquals(new long[] {2, 3}, t.shape());
        assertArrayEquals(new long[] {3, 1}, t.strides());
        assertTrue(t.isContiguous());
        assertArrayEquals(new float[] {1.5f, -2, 3, 0.25f, 7, 8}, t.toFloats());
        assertArrayEquals(new double[] {1.5, -2, 3, 0.25, 7, 8}, t.toDoubles());
        assertArrayEquals(new int[] {4, 0, 9}, be.fromHost(new int[] {4, 0, 9}, 3).toInts());
        assertEquals(DataType.LONG, be.fromHost(new long[] {5L, 6L}, 2).dtype());
        double third = 1.0 / 3;
        float f = (float) be.fromHost(dtype, new double[] {third}, 1).toDoubles()[0];
        assertEquals((float) third, f);                                        // f64 -> f32 rounds to nearest
        assertArrayEquals(new double[6], be.zeros(dtype, 2, 3).toDoubles());
    }

    /** Slices, selects, permutes and general strided views share memory; fill, copy and gemm write through them; a reshape that would copy refuses. */
    public static void viewsShareMemoryAndOpsWriteThroughThem(Backend be, DataType dtype) {
        Tensor x = be.zeros(dtype, 2, 3, 4);                            // (2, 3, 4)
        Tensor mid = x.slice(1, 1, 2);                                        // (2, 1, 4), strided
        assertFalse(mid.isContiguous());
        be.fill(mid, 5);
        Tensor row = x.select(0, 1).select(0, 2);                             // x[1, 2, :]
        be.copy(row, be.fromHost(dtype, new float[] {1, 2, 3, 4}, 4));
        double[] all = x.toDoubles();
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) {
            double want = j == 1 ? 5 : i == 1 && j == 2 ? k + 1 : 0;
            assertEquals(want, all[(i * 3 + j) * 4 + k], "x[" + i + "," + j + "," + k + "]");
        }
        Tensor swapped = x.permute(2, 1, 0);                                  // (4, 3, 2)
        assertArrayEquals(new long[] {4, 3, 2}, swapped.shape());
        assertEquals(4.0, swapped.toDoubles()[(3 * 3 + 2) * 2 + 1]);          // x[1, 2, 3]
        assertThrows(IllegalArgumentException.class, () -> mid.reshape(8), "a reshape that would copy must refuse");
        assertEquals(24, x.reshape(6, 4).length());
        // the general strided view: the (3, 2) transpose of a (2, 3) matrix, then a GEMM into a column of it
        Tensor m = be.fromHost(dtype, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor mt = m.view(0, new long[] {3, 2}, new long[] {1, 3});
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, mt.toDoubles());
        Tensor out = be.zeros(dtype, 2, 2);
        be.gemm(m, mt, out, false, false, 1, 0);                              // m m^T
        assertArrayEquals(new double[] {14, 32, 32, 77}, out.toDoubles());
    }

    /**
     * Only the tensor the backend made owns its memory: closing a reshape, permute, slice, select or view of it (and of
     * an INT tensor, which ND4J treats differently) leaves the owner's values readable and writable.
     */
    public static void closingViewsNeverFreesTheOwner(Backend be, DataType dtype) {
        Tensor x = be.fromHost(dtype, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        for (Tensor v : new Tensor[] {x.reshape(3, 2), x.reshape(6), x.permute(1, 0), x.slice(0, 0, 1), x.select(1, 2),
                x.view(0, new long[] {3, 2}, new long[] {1, 3}), x.view(0, new long[] {2, 3}, new long[] {3, 1})}) {
            v.close();
        }
        be.fill(x.slice(0, 1, 2), 9);
        assertArrayEquals(new double[] {1, 2, 3, 9, 9, 9}, x.toDoubles(), "the owner after its views were closed");
        Tensor ids = be.fromHost(new int[] {4, 5, 6, 7}, 4);
        ids.slice(0, 0, 4).close();
        ids.reshape(2, 2).close();
        ids.slice(0, 1, 3).close();
        assertArrayEquals(new int[] {4, 5, 6, 7}, ids.toInts(), "an INT owner after its views were closed");
        x.close();
        ids.close();
    }

    /** addRowVector, addColumnSums, add, scale, mix and sumOfSquares on small hand-checked values. */
    public static void elementWiseHelpers(Backend be, DataType dtype) {
        Tensor a = be.fromHost(dtype, new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = be.fromHost(dtype, new float[] {10, 20}, 2);
        be.addRowVector(a, b);
        assertArrayEquals(new double[] {11, 22, 13, 24}, a.toDoubles());
        Tensor acc = be.fromHost(dtype, new float[] {1, 1}, 2);
        be.addColumnSums(acc, a);
        assertArrayEquals(new double[] {25, 47}, acc.toDoubles());
        be.add(a, a);
        be.scale(a, 0.5);
        assertArrayEquals(new double[] {11, 22, 13, 24}, a.toDoubles());
        be.mix(a, be.zeros(dtype, 2, 2), 0.25);
        assertArrayEquals(new double[] {8.25, 16.5, 9.75, 18}, a.toDoubles());
        assertEquals(8.25 * 8.25 + 16.5 * 16.5 + 9.75 * 9.75 + 18 * 18, be.sumOfSquares(a), 1e-3);
    }
}
