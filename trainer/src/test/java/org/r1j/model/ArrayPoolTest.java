package org.r1j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.r1j.model.backend.nd4j.HostArrays;
import org.r1j.model.backend.nd4j.Nd4jBackend;

class ArrayPoolTest {
    @Test
    void sizeClassesRoundUpByAtMostAnEighth() {
        for (long n : new long[] {1, 16, 17, 100, 1000, 4096 * 688, 12_345_678}) {
            long c = ArrayPool.sizeClass(n);
            assertTrue(c >= n && (n <= 16 || c <= n + n / 8 + 1), n + " -> " + c);
        }
        assertEquals(4096, ArrayPool.sizeClass(4096));
    }

    @Test
    void buffersAreReusedAcrossShapesOfOneClassAndKeepTheirOrder() {
        ArrayPool pool = new ArrayPool(Nd4jBackend.INSTANCE);
        INDArray first;
        try (ArrayPool.Scope sc = pool.scope()) {
            first = HostArrays.of(sc.take(DataType.FLOAT, 30, 10));
            first.assign(3);
        }
        try (ArrayPool.Scope sc = pool.scope()) {
            INDArray again = HostArrays.of(sc.takeOrdered(DataType.FLOAT, 'f', 10, 31)); // 310 elements: same class as 300
            assertEquals('f', again.ordering());
            assertEquals(3f, again.getFloat(0, 0), 0f);                  // same memory, old contents
            INDArray b = Nd4j.rand(DataType.FLOAT, 4, 10), a = Nd4j.rand(DataType.FLOAT, 4, 31);
            Nd4j.gemm(b, a, again, true, false, 1, 0);                    // GEMM into a pooled f-order view
            assertEquals(0, again.sub(b.transpose().mmul(a)).amaxNumber().doubleValue(), 1e-5);
        }
    }
}
