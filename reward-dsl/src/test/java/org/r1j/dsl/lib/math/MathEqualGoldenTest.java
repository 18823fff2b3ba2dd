package org.r1j.dsl.lib.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of r1j/math-golden.tsv, asserted; all mismatches are reported together. */
class MathEqualGoldenTest {
    @Test
    void everyGoldenPairHasItsExpectedVerdict() {
        List<GoldenCorpus.Case> cases = GoldenCorpus.load();
        assertTrue(cases.size() >= 150, "golden corpus has only " + cases.size() + " rows");
        List<String> failures = new ArrayList<>();
        for (GoldenCorpus.Case c : cases) {
            MathVerdict v = MathEqual.check(c.predicted(), c.gold(), 2_000);
            if (v.truth() != c.expected()) {
                failures.add("line " + c.line() + " (" + c.note() + "): " + c.predicted() + "  vs  " + c.gold()
                        + "  expected " + c.expected() + ", got " + v.truth() + " (" + v.reason() + ")");
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " golden pairs wrong");
    }

    @Test
    void corpusCoversAllThreeOutcomes() {
        List<GoldenCorpus.Case> cases = GoldenCorpus.load();
        for (Truth t : Truth.values()) {
            assertTrue(cases.stream().anyMatch(c -> c.expected() == t), "no golden row expects " + t);
        }
    }
}
