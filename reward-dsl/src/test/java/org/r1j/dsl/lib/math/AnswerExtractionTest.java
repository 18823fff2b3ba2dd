package org.r1j.dsl.lib.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerExtractionTest {
    @Test
    void boxedTakesTheLastCompleteBox() {
        assertEquals(Optional.of("2"), AnswerExtraction.boxed("first \\boxed{1} then \\boxed{2}."));
        assertEquals(Optional.of("\\frac{1}{2}"), AnswerExtraction.boxed("so $\\boxed{\\frac{1}{2}}$"));
        assertEquals(Optional.of("\\{1, 2\\}"), AnswerExtraction.boxed("\\boxed{\\{1, 2\\}}"));
        assertEquals(Optional.of("7"), AnswerExtraction.boxed("\\fbox{7}"));
        assertEquals(Optional.of("5"), AnswerExtraction.boxed("the answer is \\boxed 5."));
        assertEquals(Optional.of("3"), AnswerExtraction.boxed("\\boxed{3} and a broken \\boxed{4"));
        assertEquals(Optional.empty(), AnswerExtraction.boxed("no box here"));
        assertEquals(Optional.empty(), AnswerExtraction.boxed("\\boxed{}"));
        assertEquals(Optional.empty(), AnswerExtraction.boxed(null));
    }

    @Test
    void boxedHandlesDeepNestingAndHugeInputLinearly() {
        String deep = "{".repeat(10_000) + "x" + "}".repeat(10_000);
        assertEquals(Optional.of(deep), AnswerExtraction.boxed("\\boxed{" + deep + "}"));
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), AnswerExtraction.boxed("\\boxed{".repeat(100_000)));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2_000, "unbalanced boxes scanned too slowly");
    }

    @Test
    void lastNumberNormalises() {
        assertEquals(Optional.of("73"), AnswerExtraction.lastNumber("So the total is **73**."));
        assertEquals(Optional.of("1234.5"), AnswerExtraction.lastNumber("costs 1,234.5 dollars"));
        assertEquals(Optional.of("-3"), AnswerExtraction.lastNumber("x equals -3"));
        assertEquals(Optional.of("-3"), AnswerExtraction.lastNumber("x equals \u22123"));
        assertEquals(Optional.of("3/4"), AnswerExtraction.lastNumber("a share of 3/4"));
        assertEquals(Optional.of("3/4"), AnswerExtraction.lastNumber("a share of \\frac{3}{4}"));
        assertEquals(Optional.of("-1/2"), AnswerExtraction.lastNumber("slope -\\frac{1}{2}"));
        assertEquals(Optional.of("3"), AnswerExtraction.lastNumber("items 1,2,3"));
        assertEquals(Optional.of("2.5e-3"), AnswerExtraction.lastNumber("about 2.5e-3 m"));
        assertEquals(Optional.of("12"), AnswerExtraction.lastNumber("x-12"), "a hyphen after a letter is not a sign");
        assertEquals(Optional.of("1000000"), AnswerExtraction.lastNumber("one million is 1,000,000."));
        assertEquals(Optional.empty(), AnswerExtraction.lastNumber("no digits"));
    }

    @Test
    void candidatesInPreferenceOrder() {
        assertEquals(List.of("12", "11", "10"),
                AnswerExtraction.answerCandidates("\\boxed{12}? The answer is 11\nor maybe 10."));
        assertEquals(List.of("\\frac{1}{2}", "1/2"), AnswerExtraction.answerCandidates("**Answer:** $\\frac{1}{2}$"));
    }
}
