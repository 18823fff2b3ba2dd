package org.r1j.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r1j.dsl.lib.Limits;

/** Scoring semantics of the public API: values, totals, unknown handling, explanations, groups, parallelism. */
class RewardProgramTest {
    /** Generous math time limit: these tests are about semantics, not speed, on a busy machine. */
    static final Limits PATIENT = Limits.DEFAULT.withMathTimeoutMillis(10_000);

    private static RewardProgram compile(String src) {
        CompileResult r = RewardProgram.compile("t.reward", src);
        assertTrue(r.ok(), r.render());
        return r.orThrow().withLimits(PATIENT);
    }

    private static final String R1 = """
            language "en"
            reward format weight 1.0 unknown 0 =
                completion ~ r"^\\s*<think>.*?</think>\\s*<answer>.*?</answer>\\s*$"s
            reward accuracy weight 1.0 =
                let answer = boxed(completion) ?? tag(completion, "answer")
                in math_equal(answer, reference)
            """;

    @Test
    void userFunctionsTakeTypedArgumentsAndNameThemselvesInExplanations() {
        RewardProgram p = compile("""
                def right(answer: text, gold: text) = math_equal(answer, gold)
                def clamp(x: number, lo: number, hi: number) = if x < lo then lo else if x > hi then hi else x
                def first(xs: list) = len(xs) > 0
                def has(t: text, r: regex) = t ~ r
                def or_none(t: text) = t ?? "none"
                reward boxed_right = right(boxed(completion) ?? "", reference)
                reward tag_right weight 0.5 = right(tag(completion, "answer"), reference)
                reward clamped = clamp(len(completion), 10, 20) + clamp(-3, 0, 1)
                reward listed = num(first(find_all(completion, r"[0-9]+")))
                reward tagged = num(has(completion, r"<answer>"))
                reward fallback = len(or_none(tag(completion, "missing")))
                """);
        Score s = p.score(Sample.of("q", "so \\boxed{12} <answer>13</answer>", "12"));
        assertEquals(1.0, s.values().get("boxed_right"));
        assertEquals(0.0, s.values().get("tag_right"));
        assertEquals(20.0, s.values().get("clamped"));
        assertEquals(1.0, s.values().get("listed"));
        assertEquals(1.0, s.values().get("tagged"));
        assertEquals(4.0, s.values().get("fallback"), "an unknown argument reaches the body, whose ?? replaces it");
        assertEquals(1 + 0 + 20 + 1 + 1 + 4, s.total(), 1e-12);
        String e = s.explanations().get("boxed_right");
        assertTrue(e.contains("right(`12`, `12`) → true"), e);
        assertTrue(s.explanations().get("tag_right").contains("right(`13`, `12`) → false"), s.explanations().get("tag_right"));
        assertTrue(s.explanations().get("clamped").contains("clamp(33, 10, 20) → 20"), s.explanations().get("clamped"));
        // each call runs with its own arguments (not memoised like a def)
        Score other = p.score(Sample.of("q", "\\boxed{7}", "12"));
        assertEquals(0.0, other.values().get("boxed_right"));
        assertEquals(10.0, other.values().get("clamped"));
        assertTrue(other.isUnknown("tag_right"), "math_equal is strict: an unknown argument stays unknown");
    }

    @Test
    void functionsComposeAndWorkInGroupRewards() {
        RewardProgram p = compile("""
                def sq(x: number) = x * x
                def hyp(a: number, b: number) = sq(a) + sq(b)
                def length = len(completion)
                def longest = group_max(sq(length))
                reward rel = sq(length) / longest
                reward h = hyp(3, 4)
                """);
        List<Score> g = p.scoreGroup(List.of(Sample.of("p", "ab", ""), Sample.of("p", "abcd", "")));
        assertEquals(4.0 / 16, g.get(0).values().get("rel"), 1e-12);
        assertEquals(1.0, g.get(1).values().get("rel"), 1e-12);
        assertEquals(25.0, g.get(0).values().get("h"));
        assertTrue(g.get(0).explanations().get("h").contains("hyp(3, 4) → 25"), g.get(0).explanations().get("h"));
    }

    @Test
    void weightedTotalAndPerRewardValues() {
        RewardProgram p = compile(R1);
        Score s = p.score(Sample.of("q", "<think>so</think>\n<answer>\\boxed{12}</answer>", "12"));
        assertEquals(Map.of("format", 1.0, "accuracy", 1.0), s.values());
        assertEquals(2.0, s.total());
        assertEquals(List.of("format", "accuracy"), p.rewardNames());
        Score wrong = p.score(Sample.of("q", "no tags, answer \\boxed{13}", "12"));
        assertEquals(0.0, wrong.values().get("format"));
        assertEquals(0.0, wrong.values().get("accuracy"));
    }

    @Test
    void explanationOnOneLine() {
        Score s = compile(R1).score(Sample.of("q", "<think>x</think><answer>\\boxed{12}</answer>", "12"));
        String e = s.explanations().get("accuracy");
        assertTrue(e.startsWith("boxed → `12`; reference `12`; "), e);
        assertFalse(e.contains("\n"));
        assertTrue(s.explanations().get("format").endsWith("→ matches"), s.explanations().get("format"));
    }

    @Test
    void unknownIsLeftOutOfTheTotalUnlessADefaultIsDeclared() {
        RewardProgram p = compile("""
                reward a weight 1 = number(tag(completion, "n"))
                reward b weight 10 unknown -0.5 = number(tag(completion, "n"))
                reward c weight 100 = 1
                """);
        Score s = p.score(Sample.of("", "no tag here", ""));
        assertTrue(s.isUnknown("a"));
        assertEquals(-0.5, s.values().get("b"));
        assertEquals(100 - 5.0, s.total(), 1e-12);
        assertEquals("tag → unknown (no <n>); → unknown", s.explanations().get("a"));
        assertTrue(s.explanations().get("b").contains("-0.5 as declared"), s.explanations().get("b"));
        assertEquals(-0.5, p.unknownDefault("b").orElseThrow());
        assertTrue(p.unknownDefault("a").isEmpty());
    }

    @Test
    void threeValuedLogicAndDefaults() {
        RewardProgram p = compile("""
                def u = number(tag(completion, "missing"))
                reward and_false = num(u > 1 and false)
                reward or_true = num(u > 1 or true)
                reward and_unknown = num(u > 1 and true)
                reward not_unknown = num(not (u > 1))
                reward fallback = u ?? 7
                reward is_known = num(known(u))
                reward if_unknown = if u > 1 then 1 else 0
                reward div = 1 / (len(completion) - len(completion))
                """);
        Score s = p.score(Sample.of("", "text", ""));
        assertEquals(0.0, s.values().get("and_false"));
        assertEquals(1.0, s.values().get("or_true"));
        assertTrue(s.isUnknown("and_unknown"));
        assertTrue(s.isUnknown("not_unknown"));
        assertEquals(7.0, s.values().get("fallback"));
        assertEquals(0.0, s.values().get("is_known"));
        assertTrue(s.isUnknown("if_unknown"));
        assertTrue(s.explanations().get("div").contains("division by zero"), s.explanations().get("div"));
    }

    @Test
    void rewardsReferenceEachOtherAndDefsAreShared() {
        RewardProgram p = compile("""
                def n = len(completion)
                reward short = if n < 10 then 1 else 0
                reward bonus weight 0.5 = short * 2 + n / 100
                """);
        Score s = p.score(Sample.of("", "abcde", ""));
        assertEquals(1.0, s.values().get("short"));
        assertEquals(2.05, s.values().get("bonus"), 1e-12);
        assertEquals(1 + 0.5 * 2.05, s.total(), 1e-12);
        assertTrue(s.explanations().get("bonus").contains("short = 1"), s.explanations().get("bonus"));
    }

    @Test
    void datasetFieldsAreTypedAndMissingOnesUnknown() {
        RewardProgram p = compile("""
                field difficulty: number
                field topic: text
                field hard: bool
                reward d = difficulty * 2
                reward t = num(topic == "algebra")
                reward h = num(hard)
                """);
        Score s = p.score(new Sample("", "", "", Map.of("difficulty", 3, "topic", "algebra", "hard", true), -1));
        assertEquals(6.0, s.values().get("d"));
        assertEquals(1.0, s.values().get("t"));
        assertEquals(1.0, s.values().get("h"));
        Score missing = p.score(Sample.of("", "", ""));
        assertTrue(missing.isUnknown("d"));
        assertTrue(missing.explanations().get("d").contains("no field difficulty"));
        Score wrongType = p.score(new Sample("", "", "", Map.of("difficulty", "hard"), -1));
        assertTrue(wrongType.isUnknown("d"));
    }

    @Test
    void kimiLengthRewardOverAGroup() {
        RewardProgram p = compile("""
                reward accuracy = num(tag(completion, "a") == reference)
                def length = len(completion)
                def shortest = group_min(length)
                def longest = group_max(length)
                reward kimi =
                    let lambda = if longest == shortest then 0 else 0.5 - (length - shortest) / (longest - shortest)
                    in if accuracy == 1 then lambda else min(0, lambda)
                reward size = group_size()
                reward right = group_count(accuracy == 1)
                """);
        assertTrue(p.usesGroupFunctions());
        List<Sample> group = List.of(
                Sample.of("p", "<a>1</a>", "1"),                      // 8 chars, correct
                Sample.of("p", "<a>1</a>" + "x".repeat(12), "1"),     // 20 chars, correct
                Sample.of("p", "<a>2</a>" + "x".repeat(32), "1"));    // 40 chars, wrong
        List<Score> scores = p.scoreGroup(group);
        assertEquals(0.5, scores.get(0).values().get("kimi"), 1e-12);
        assertEquals(0.5 - 12.0 / 32, scores.get(1).values().get("kimi"), 1e-12);
        assertEquals(-0.5, scores.get(2).values().get("kimi"), 1e-12);
        assertEquals(3.0, scores.get(0).values().get("size"));
        assertEquals(2.0, scores.get(2).values().get("right"));
        // A group of one: all lengths equal.
        assertEquals(0.0, p.score(group.get(0)).values().get("kimi"));
    }

    @Test
    void parallelBatchScoringEqualsSequential() {
        RewardProgram p = compile(R1 + "reward steps = min(1, steps(completion) / 3)\n");
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            samples.add(Sample.of("q", (i % 3 == 0 ? "<think>Step 1: a\nStep 2: b</think>" : "") + "<answer>\\boxed{" + (i % 7) + "}</answer>", "3"));
        }
        List<Score> parallel = p.scoreAll(samples);
        for (int i = 0; i < samples.size(); i++) assertEquals(p.score(samples.get(i)), parallel.get(i));
        List<List<Score>> groups = p.scoreGroups(List.of(samples.subList(0, 10), samples.subList(10, 20)));
        assertEquals(parallel.get(15), groups.get(1).get(5));
    }

    @Test
    void tokenLengthsFromTheSampleOrATokenCounter() {
        RewardProgram p = compile("reward o = overlong(len(completion, \"tokens\"), 100, 20)\nreward t = len(prompt, \"tokens\")\n");
        Score s = p.score(new Sample("a b c", "x", "", Map.of(), 90));
        assertEquals(-0.5, s.values().get("o"), 1e-12);
        assertTrue(s.isUnknown("t"));
        RewardProgram counted = p.withTokenCounter(text -> text.split(" ").length);
        assertEquals(3.0, counted.score(new Sample("a b c", "x", "", Map.of(), 90)).values().get("t"));
        assertEquals(0.0, counted.score(Sample.of("", "y", "")).values().get("o"));
    }

    @Test
    void weightLookupAndToString() {
        RewardProgram p = compile(R1);
        assertEquals(1.0, p.weight("format"));
        assertEquals("en", p.language());
        assertTrue(p.toString().contains("accuracy weight 1"));
    }

    @Test
    void nullAndHugeSamplesNeverThrow() {
        RewardProgram p = compile(R1);
        Score s = p.score(new Sample(null, null, null, null, -1));
        assertEquals(0.0, s.values().get("format"));
        assertEquals(0.0, p.score(null).values().get("format"));
        assertEquals(2, p.scoreAll(java.util.Arrays.asList(null, Sample.of("", "", ""))).size());
        assertTrue(p.scoreGroup(null).isEmpty());
        Score big = p.score(Sample.of("", "<think>" + "a".repeat(1 << 20), "1"));
        assertEquals(0.0, big.values().get("format"));  // over the regex limit: unknown → declared 0
        assertTrue(big.explanations().get("format").contains("over the 262144-char limit"), big.explanations().get("format"));
        assertTrue(big.isUnknown("accuracy"));
        assertTrue(big.explanations().get("accuracy").contains("over the 262144-char limit"), big.explanations().get("accuracy"));
    }
}
