package org.r1j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    @Test
    void constant() {
        assertEquals(3e-4, LrSchedule.constant(3e-4).lr(0));
        assertEquals(3e-4, LrSchedule.constant(3e-4).lr(10_000));
    }

    @Test
    void warmupThenCosineToFloor() {
        LrSchedule s = LrSchedule.warmupCosine(1.0, 0.1, 4, 14);
        assertEquals(0.25, s.lr(0), 1e-12);
        assertEquals(0.75, s.lr(2), 1e-12);
        assertEquals(1.0, s.lr(4), 1e-12);                    // decay starts at the peak
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 0.5)), s.lr(9), 1e-12); // halfway
        assertEquals(0.55, s.lr(9), 1e-12);
        assertEquals(0.1, s.lr(14), 1e-12);
        assertEquals(0.1, s.lr(100), 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.warmupCosine(1.0, 2.0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.warmupCosine(1.0, 0.0, 11, 10));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(-1));
    }
}
