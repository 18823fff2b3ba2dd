package org.r1j.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

class HistoryLogTest {
    @Test
    void tailRangeAndUniqueSearch() {
        HistoryLog log = new HistoryLog();
        log.add(1, "6*7", "42");
        log.add(2, "int x = 1;", null);
        log.add(3, "6*7", "42");
        assertEquals(2, log.lookupTail(2, Set.of()).size());
        assertEquals(2, log.lookupRange(0, 2, 4, Set.of()).get(0).getCellNumber());
        assertEquals(2, log.search("6*7", 0, Set.of()).size());
        HistoryEntry unique = log.search("6*7", 0, EnumSet.of(ResultFlag.UNIQUE, ResultFlag.INCLUDE_OUTPUT)).get(0);
        assertEquals(3, unique.getCellNumber());
        assertEquals("42", unique.getOutput());
    }
}
