package org.r1j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    @Test
    void constant() {
        assertEquals(3e-4, LrSchedule.constant(3e-4).lr(0));
        assertEquals(3e-4, LrSchedule.constant(3e-4).lr(10_000));
        LrSchedule warm = LrSchedule.of("constant", 1.0, 4, 10, 0);
        assertEquals(0.25, warm.lr(0), 1e-15);                 // warm-up counts (step + 1) / warmup, as transformers
        assertEquals(1.0, warm.lr(3), 1e-15);
        assertEquals(1.0, warm.lr(9), 1e-15);
    }

    @Test
    void warmupThenCosineToFloor() {
        LrSchedule s = LrSchedule.of("cosine_with_min_lr", 1.0, 4, 14, 0.1);
        assertEquals(0.25, s.lr(0), 1e-12);
        assertEquals(0.75, s.lr(2), 1e-12);
        assertEquals(1.0, s.lr(4), 1e-12);                    // decay starts at the peak
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 0.5)), s.lr(9), 1e-12); // halfway
        assertEquals(0.55, s.lr(9), 1e-12);
        assertEquals(0.1, s.lr(14), 1e-12);
        assertEquals(0.1, s.lr(100), 1e-12);
    }

    @Test
    void cosineAndLinearDecayToZero() {
        LrSchedule cos = LrSchedule.of("cosine", 2.0, 0, 10, 0);
        assertEquals(2.0, cos.lr(0), 1e-15);
        assertEquals(1.0, cos.lr(5), 1e-15);
        assertEquals(0.0, cos.lr(10), 1e-15);
        assertEquals(0.0, cos.lr(50), 1e-15);
        LrSchedule lin = LrSchedule.of("linear", 1e-3, 10, 110, 0);
        assertEquals(1e-4, lin.lr(0), 1e-15);
        assertEquals(1e-3, lin.lr(10), 1e-15);
        assertEquals(0.5e-3, lin.lr(60), 1e-15);
        assertEquals(0, lin.lr(110), 1e-15);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.of("cosine_with_min_lr", 1.0, 1, 10, 2.0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.of("step", 1.0, 1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(-1));
    }
}
