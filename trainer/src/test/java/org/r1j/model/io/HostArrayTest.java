package org.r1j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.r1j.model.backend.Backend;
import org.r1j.model.backend.BackendCases;
import org.r1j.model.backend.Tensor;

class HostArrayTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.r1j.model.backend.BackendCases#all")
    void copiesToAndFromBackendTensorsIncludingViews(BackendCases bc) {
        Backend be = bc.backend();
        HostArray h = HostArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = be.zeros(bc.dtype(), 2, 3);
        h.copyTo(t);
        HostArray back = HostArray.copyOf(t);
        assertEquals(bc.dtype(), back.dtype());
        assertEquals(h, back.toFloat());
        Tensor wide = be.zeros(bc.dtype(), 4, 3);
        h.copyTo(wide.slice(0, 1, 3));                                    // into a view: rows 1..2 only
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0}, HostArray.copyOf(wide).toFloat().floats());
        HostArray.of(new double[] {0.5, -0.25, 8, 2}, 4).copyTo(wide.select(1, 2));  // a strided column, from f64
        assertEquals(HostArray.of(new float[] {0.5f, -0.25f, 8, 2}, 4), HostArray.copyOf(wide.select(1, 2)).toFloat());
        assertArrayEquals(new float[] {0, 0, 0.5f, 1, 2, -0.25f, 4, 5, 8, 0, 0, 2}, HostArray.copyOf(wide).toFloat().floats());
        Tensor ids = be.zeros(DataType.INT, 3);
        HostArray.of(new int[] {4, -1, 7}, 3).copyTo(ids);
        assertEquals(HostArray.of(new int[] {4, -1, 7}, 3), HostArray.copyOf(ids));
    }

    @Test
    void mismatchesSayWhatDoesNotFit() {
        Tensor t = org.r1j.model.backend.nd4j.Nd4jBackend.INSTANCE.zeros(DataType.FLOAT, 2, 3);
        assertEquals("a host array of shape [3, 2] does not fit a tensor of shape [2, 3]",
                assertThrows(IllegalArgumentException.class, () -> HostArray.of(new float[6], 3, 2).copyTo(t)).getMessage());
        assertEquals("cannot copy INT elements into a FLOAT tensor",
                assertThrows(IllegalArgumentException.class, () -> HostArray.of(new int[6], 2, 3).copyTo(t)).getMessage());
        assertEquals("5 elements for shape [2, 3] (needs 6)",
                assertThrows(IllegalArgumentException.class, () -> HostArray.of(new float[5], 2, 3)).getMessage());
        assertEquals("a FLOAT host array has no INT elements",
                assertThrows(IllegalStateException.class, () -> HostArray.of(new float[1]).ints()).getMessage());
    }

    @Test
    void valueEqualityAndAccessors() {
        HostArray a = HostArray.of(new float[] {1, Float.NaN}, 2), b = HostArray.of(new float[] {1, Float.NaN}, 2);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, HostArray.of(new float[] {1, Float.NaN}, 1, 2));   // shape counts
        assertNotEquals(a, HostArray.of(new double[] {1, Double.NaN}, 2));    // so does the type
        HostArray s = HostArray.of(new long[] {1L << 40});
        assertEquals(0, s.rank());
        assertEquals(1, s.length());
        assertEquals(0x1p40, s.getDouble(0));
        assertEquals("FLOAT[2] [1.0, NaN]", a.toString());
        assertEquals("LONG[] [1099511627776]", s.toString());
        long[] shape = {2};
        HostArray c = HostArray.of(new float[2], shape);
        shape[0] = 7;
        assertArrayEquals(new long[] {2}, c.shape());                         // the shape is copied
    }
}
