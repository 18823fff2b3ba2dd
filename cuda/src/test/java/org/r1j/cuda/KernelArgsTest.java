package org.r1j.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelArgsTest {
    @Test
    void eachValueSitsBehindItsOwnPointerInOrder() {
        try (KernelArgs a = new KernelArgs().ptr(0xdead_beef_0000L).i32(-7).i64(1L << 40).f32(0.25f).f64(Math.PI).ptr(0)) {
            MemorySegment p = a.pointers().reinterpret(6 * ADDRESS.byteSize());
            assertEquals(0xdead_beef_0000L, p.getAtIndex(ADDRESS, 0).reinterpret(8).get(JAVA_LONG, 0));
            assertEquals(-7, p.getAtIndex(ADDRESS, 1).reinterpret(4).get(JAVA_INT, 0));
            assertEquals(1L << 40, p.getAtIndex(ADDRESS, 2).reinterpret(8).get(JAVA_LONG, 0));
            assertEquals(0.25f, p.getAtIndex(ADDRESS, 3).reinterpret(4).get(JAVA_FLOAT, 0));
            assertEquals(Math.PI, p.getAtIndex(ADDRESS, 4).reinterpret(8).get(JAVA_DOUBLE, 0));
            assertEquals(0L, p.getAtIndex(ADDRESS, 5).reinterpret(8).get(JAVA_LONG, 0), "a null device pointer is a zero value");
            for (int i = 0; i < 6; i++) {
                long addr = p.getAtIndex(ADDRESS, i).address();
                assertEquals(0, addr % (i == 1 || i == 3 ? 4 : 8), "slot " + i + " aligned for its type");
            }
        }
    }

    @Test
    void aLaunchWithTheWrongArgumentsIsRefusedBeforeTheDriver() {
        KernelSignature s = Kernels.SIGNATURES.get("r1j_scale");
        try (KernelArgs ok = new KernelArgs().ptr(1).f32(2f).i64(3); KernelArgs bad = new KernelArgs().ptr(1).f64(2).i64(3)) {
            s.check(ok);
            var e = assertThrows(IllegalArgumentException.class, () -> s.check(bad));
            assertTrue(e.getMessage().equals("r1j_scale takes [PTR, F32, I64], got [PTR, F64, I64]"), e.getMessage());
        }
        assertEquals(List.of(KernelArgs.Kind.PTR, KernelArgs.Kind.F32, KernelArgs.Kind.I64), s.params());
    }

    @Test
    void gridsAndLanes() {
        assertEquals(1, Kernels.elementGrid(1));
        assertEquals(4, Kernels.elementGrid(1024));
        assertEquals(8192, Kernels.elementGrid(1L << 40), "grid-stride loops cap the grid");
        assertEquals(32, Kernels.rowLanes(10));
        assertEquals(224, Kernels.rowLanes(896));
        assertEquals(1024, Kernels.rowLanes(151_936));
    }
}
