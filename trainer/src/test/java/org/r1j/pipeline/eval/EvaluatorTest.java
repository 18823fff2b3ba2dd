package org.r1j.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.pipeline.data.Problem;
import org.r1j.pipeline.data.TextTemplate;
import org.r1j.pipeline.eval.CompletionSampler.Completion;
import tech.tablesaw.api.Table;

class EvaluatorTest {
    private static final List<Problem> PROBLEMS = List.of(
            new Problem("p0", "1+1", "2", Map.of()),
            new Problem("p1", "2+2", "4", Map.of()),
            new Problem("p2", "3+3", "6", Map.of()));

    /** Hand-made completions: 4 samples per problem and one greedy completion. */
    private static final Map<String, List<String>> SAMPLES = Map.of(
            "1+1\n", List.of(a("2"), a("2"), a("3"), a("2")),          // 3/4 right, majority 2 (right)
            "2+2\n", List.of(a("4"), a("5"), a("5"), "no tags 4"),     // 1/4 right, majority 5 (wrong)
            "3+3\n", List.of(a("7"), a("6"), a("8"), a("06")));        // 2/4 right ("06" = 6), majority 6 (right)
    private static final Map<String, String> GREEDY = Map.of("1+1\n", a("2"), "2+2\n", a("5"), "3+3\n", a("6"));

    private static String a(String answer) {
        return "<think>x</think><answer>" + answer + "</answer>";
    }

    private static final CompletionSampler HAND_MADE = (prompts, n, params) -> prompts.stream()
            .map(p -> (params.temperature() == 0 ? List.of(GREEDY.get(p)) : SAMPLES.get(p)).stream()
                    .map(Completion::of).toList())
            .toList();

    @Test
    void passAt1ConsAtKAndGreedyOnHandMadeSamples() {
        EvalResult r = new Evaluator(EvalConfig.r1(4, 32), IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT)
                .evaluate(HAND_MADE, PROBLEMS);
        assertEquals((3 / 4.0 + 1 / 4.0 + 2 / 4.0) / 3, r.passAt1(), 1e-12);
        assertEquals(2 / 3.0, r.consAtK(), 1e-12);
        assertEquals(1.0, r.passAtK(), 1e-12);
        assertEquals(2 / 3.0, r.greedyAccuracy(), 1e-12);
        Table t = r.perProblem();
        assertEquals(3, t.rowCount());
        assertEquals(List.of(3, 1, 2), t.intColumn("correct").asList());
        assertEquals(List.of("2", "5", "6"), t.stringColumn("majority").asList());
        assertEquals("pass@1 50.0% ± 14.4 | cons@4 66.7% | pass@4 100.0% | greedy 66.7% (3 problems)", r.summary());
    }

    /** Standard errors over problems, by hand: s = unbiased std of the per-problem scores, SE = s / sqrt(n). */
    @Test
    void standardErrorsFormatAndLengthByHand() {
        EvalResult r = new Evaluator(EvalConfig.r1(4, 32), IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT)
                .evaluate(HAND_MADE, PROBLEMS);
        // pass@1 per problem 0.75, 0.25, 0.5: mean 0.5, s² = (0.0625 + 0.0625 + 0) / 2 = 0.0625, SE = sqrt(0.0625 / 3)
        assertEquals(Math.sqrt(0.0625 / 3), r.passAt1StdErr(), 1e-12);
        // cons per problem 1, 0, 1: mean 2/3, s² = (1/9 + 4/9 + 1/9) / 2 = 1/3, SE = sqrt(1/9) = 1/3
        assertEquals(1 / 3.0, r.consAtKStdErr(), 1e-12);
        // greedy 2, 5 (wrong), 6: the same 1, 0, 1 pattern
        assertEquals(1 / 3.0, r.greedyStdErr(), 1e-12);
        assertEquals(11 / 12.0, r.formatRate(), 1e-12, "one of 12 samples has no tags");
        // no token counts from this sampler: lengths in characters, 10 x 34 ("<think>x</think><answer>2</answer>"), 35, 9
        assertEquals((10 * 34 + 35 + 9) / 12.0, r.meanLength(), 1e-12);
        assertEquals(0.5, r.metrics("eval/").get("eval/pass@1"), 1e-12);
        assertEquals(Math.sqrt(0.0625 / 3), r.metrics("eval/").get("eval/pass@1_stderr"), 1e-12);
        assertEquals(0, StandardError.ofMean(new double[] {0.4}), 0, "one problem: no spread to measure");
    }

    @Test
    void usesTheR1SamplingSettings() {
        double[] seen = new double[2];
        CompletionSampler spy = (prompts, n, params) -> {
            if (params.temperature() > 0) {
                seen[0] = params.temperature();
                seen[1] = params.topP();
            }
            return HAND_MADE.sample(prompts, n, params);
        };
        new Evaluator(EvalConfig.r1(4, 32), IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT).evaluate(spy, PROBLEMS);
        assertEquals(0.6, seen[0]);
        assertEquals(0.95, seen[1]);
    }

    @Test
    void majorityVoteGroupsEquivalentAnswersAndBreaksTiesByFirstSeen() {
        assertEquals("06", MajorityVote.winner(List.of("06", "7", "6", "7", "+6"), IntegerAnswerChecker.INSTANCE)
                .orElseThrow());
        assertEquals("7", MajorityVote.winner(List.of("7", "6", "6", "7"), IntegerAnswerChecker.INSTANCE).orElseThrow());
        assertTrue(MajorityVote.winner(List.of(), IntegerAnswerChecker.INSTANCE).isEmpty());
    }

    @Test
    void wrongSampleCountIsAnError() {
        CompletionSampler short1 = (prompts, n, params) -> prompts.stream().map(p -> List.of(Completion.of(a("1")))).toList();
        assertThrows(IllegalStateException.class, () -> new Evaluator(EvalConfig.r1(4, 32),
                IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT).evaluate(short1, PROBLEMS));
    }

    @Test
    void languageConsistencyOfTheReasoningIsMeasured() {
        String english = "<think>Tom has three apples plus five apples so the total is eight</think><answer>8</answer>";
        String mixed = "<think>Tom has 3 苹果 加 5 苹果 所以 总共 是 8</think><answer>8</answer>";
        Problem p = new Problem("m", "apples?", "8", Map.of("language", "en"));
        CompletionSampler s = (prompts, n, params) -> List.of(params.temperature() == 0
                ? List.of(Completion.of(english)) : List.of(Completion.of(english), Completion.of(mixed)));
        EvalResult r = new Evaluator(EvalConfig.r1(2, 32), IntegerAnswerChecker.INSTANCE, TextTemplate.COMPACT)
                .evaluate(s, List.of(p));
        double en = org.r1j.dsl.lib.lang.LanguageRatio.ratio(english.substring(7, english.indexOf("</think>")), "en").ratio();
        double mx = org.r1j.dsl.lib.lang.LanguageRatio.ratio(mixed.substring(7, mixed.indexOf("</think>")), "en").ratio();
        assertEquals(1.0, en, 1e-9);
        assertTrue(mx < 0.6, "mixed reasoning scores low: " + mx);
        assertEquals((en + mx) / 2, r.languageConsistency(), 1e-9);
        assertEquals((en + mx) / 2, r.perProblem().doubleColumn("language_consistency").get(0), 1e-9);
        assertTrue(r.summary().endsWith(String.format(java.util.Locale.ROOT, "| language consistency %.1f%%", 50 * (en + mx))), r.summary());
        assertEquals(1.0, r.passAt1());
    }
}
