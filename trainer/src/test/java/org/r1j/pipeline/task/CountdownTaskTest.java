package org.r1j.pipeline.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;

class CountdownTaskTest {
    private static final Problem P = new Problem("p", "3 7 12 -> 15", "15",
            Map.of("numbers", List.of(3L, 7L, 12L), "target", 15L));

    @Test
    void checkerAcceptsExactlyTheValidSolutions() {
        CountdownChecker c = CountdownChecker.INSTANCE;
        assertTrue(c.isCorrect(P, "(12-7)*3"));
        assertTrue(c.isCorrect(P, " 3 * ( 12 - 7 ) "));
        assertTrue(c.isCorrect(P, "12/3+7+0*0") == false, "extra numbers are not allowed");
        assertEquals("equals 16, not 15", c.verdict(P, "12-3+7").orElseThrow());
        assertEquals("uses [3, 7], must use each of [3, 7, 12] once", c.verdict(P, "7+3").orElseThrow());
        assertEquals("uses [3, 7, 7, 12], must use each of [3, 7, 12] once", c.verdict(P, "12+7-7+3").orElseThrow());
        assertEquals("not an expression: division by zero", c.verdict(P, "12/(7-7)").orElseThrow());
        assertTrue(c.verdict(P, "12+3x").orElseThrow().startsWith("not an expression: unexpected 'x'"));
        assertTrue(c.verdict(P, "(12-7*3").orElseThrow().contains("missing ')'"));
        assertTrue(c.verdict(P, "1234567890+1").orElseThrow().contains("number too long"));
        // exact rationals: 12/7 is not rounded
        Problem q = new Problem("q", "", "12", Map.of("numbers", List.of(12L, 7L, 7L)));
        assertTrue(c.isCorrect(q, "12/7*7"));
        assertFalse(c.isCorrectCompletion(P, "<answer>(12-7)*3"), "unclosed answer tag");
        assertTrue(c.isCorrectCompletion(P, "<think>12-7=5,5*3=15</think><answer>(12-7)*3</answer>"));
    }

    @Test
    void everyGeneratedProblemHasAVerifiedSolutionAndColdStartSolvesIt() {
        CountdownTask task = new CountdownTask(11);
        List<Problem> train = task.problems(Split.TRAIN, 300);
        for (Problem p : train) {
            long target = Long.parseLong(p.reference());
            assertTrue(target >= 1 && target <= 100, p.question());
            assertEquals(p.question(), String.join(" ", ((List<?>) p.fields().get("numbers")).stream()
                    .map(String::valueOf).toList()) + " -> " + p.reference());
            assertTrue(task.checker().isCorrect(p, (String) p.fields().get("solution")), p.toString());
        }
        List<SftExample> cold = task.coldStart(300);
        for (int i = 0; i < cold.size(); i++) {
            assertTrue(task.checker().isCorrectCompletion(train.get(i), cold.get(i).completion()), cold.get(i).toString());
            assertTrue(cold.get(i).completion().length() <= 80, cold.get(i).completion());
        }
        assertEquals(train, new CountdownTask(11).problems(Split.TRAIN, 300));
        Set<String> trainQ = new HashSet<>();
        train.forEach(p -> trainQ.add(p.question()));
        assertTrue(task.problems(Split.TEST, 100).stream().noneMatch(p -> trainQ.contains(p.question())));
    }
}
