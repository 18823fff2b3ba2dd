package org.r1j.pipeline.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.SftExample;
import org.r1j.pipeline.data.TextTemplate;

class ArithmeticTaskTest {

    @Test
    void sameSeedSameProblemsOtherSeedOthers() {
        List<Problem> a = new ArithmeticTask(7).problems(Split.TRAIN, 50);
        List<Problem> b = new ArithmeticTask(7).problems(Split.TRAIN, 50);
        List<Problem> c = new ArithmeticTask(8).problems(Split.TRAIN, 50);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(a.subList(0, 20), new ArithmeticTask(7).problems(Split.TRAIN, 20), "a shorter request is a prefix");
    }

    @Test
    void splitsAreDisjointAndDistinct() {
        ArithmeticTask task = new ArithmeticTask(1);
        Set<String> train = new HashSet<>();
        task.problems(Split.TRAIN, 2000).forEach(p -> train.add(p.question()));
        List<Problem> test = task.problems(Split.TEST, 400);
        assertEquals(2000, train.size(), "train questions are distinct");
        assertEquals(400, test.stream().map(Problem::question).distinct().count());
        assertTrue(test.stream().noneMatch(p -> train.contains(p.question())), "no test question is in train");
        assertTrue(test.stream().allMatch(p -> Split.of(p.question()) == Split.TEST));
    }

    @Test
    void referencesAreCorrect() {
        for (Problem p : new ArithmeticTask(3, 3, "+-*", null).problems(Split.TRAIN, 500)) {
            String q = p.question();
            int at = Math.max(q.indexOf('+'), Math.max(q.indexOf('-'), q.indexOf('*')));
            long a = Long.parseLong(q.substring(0, at)), b = Long.parseLong(q.substring(at + 1));
            long want = switch (q.charAt(at)) {
                case '+' -> a + b;
                case '-' -> a - b;
                default -> a * b;
            };
            assertEquals(Long.toString(want), p.reference(), q);
            assertTrue(want >= 0, "no negative results: " + q);
        }
    }

    @Test
    void coldStartShowsColumnWorkAndIsShort() {
        ArithmeticTask task = new ArithmeticTask(5);
        List<SftExample> data = task.coldStart(200);
        assertEquals(200, data.size());
        for (SftExample e : data) {
            assertTrue(e.completion().matches("<think>[^<]+</think><answer>-?\\d+</answer>"), e.completion());
            assertTrue(task.checker().isCorrectCompletion(find(task, e.id()), e.completion()), e.toString());
            assertTrue(e.completion().length() <= 80, "short enough for a tiny model: " + e.completion());
        }
        assertEquals("7+5=12,3+8+1=12", ArithmeticTask.steps(new Problem("x", "37+85", "122",
                java.util.Map.of("a", 37L, "b", 85L, "op", "+"))));
        assertEquals("15-7=8,7-3=4", ArithmeticTask.steps(new Problem("x", "85-37", "48",
                java.util.Map.of("a", 85L, "b", 37L, "op", "-"))));
        assertEquals("7*4=28,3*4+2=14", ArithmeticTask.steps(new Problem("x", "37*4", "148",
                java.util.Map.of("a", 37L, "b", 4L, "op", "*"))));
        assertEquals(TextTemplate.COMPACT.render(task.problems(Split.TRAIN, 1).get(0)), data.get(0).prompt());
    }

    @Test
    void tooSmallSpaceIsAClearError() {
        ArithmeticTask oneDigit = new ArithmeticTask(1, 1, "+", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> oneDigit.problems(Split.TEST, 1000));
        assertTrue(e.getMessage().contains("distinct test problems"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ArithmeticTask(1, 2, "/", null));
    }

    private static Problem find(Task task, String id) {
        return task.problems(Split.TRAIN, 200).stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
