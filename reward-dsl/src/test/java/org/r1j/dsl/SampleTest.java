package org.r1j.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleTest {
    @Test
    void nullsBecomeEmptyAndFieldsAreCopied() {
        Sample s = new Sample(null, null, null, null, -1);
        assertEquals("", s.completion());
        assertTrue(s.fields().isEmpty());
    }

    @Test
    void scoreTreatsNaNAsUnknown() {
        Score score = new Score(1.0, Map.of("format", 1.0, "accuracy", Double.NaN), Map.of());
        assertTrue(score.isUnknown("accuracy"));
        assertTrue(!score.isUnknown("format"));
        assertTrue(score.isUnknown("missing"));
    }
}
