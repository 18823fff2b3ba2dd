package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsrRowsTest {
    @Test
    void groupsSourcesByTargetInAscendingOrder() {
        CsrRows c = CsrRows.of(new int[] {3, 1, 3, 0, 1, 3}, 5);
        assertArrayEquals(new int[] {0, 1, 3}, c.uniq());
        assertArrayEquals(new int[] {0, 1, 3, 6}, c.starts());
        assertArrayEquals(new int[] {3, 1, 4, 0, 2, 5}, c.order());
    }

    @Test
    void anOutOfRangeRowIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> CsrRows.of(new int[] {0, 7}, 5));
        org.junit.jupiter.api.Assertions.assertEquals("row 1 is 7, outside [0, 5)", e.getMessage());
    }
}
