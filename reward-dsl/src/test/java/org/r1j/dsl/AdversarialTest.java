package org.r1j.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Completions built to hurt (1 MB, deep nesting, inputs that make backtracking regexes explode): every shipped
 * reward must score them without throwing and without hanging.
 */
class AdversarialTest {
    /** Generous per-sample bound for a loaded 2-core CI machine; `r1j bench rewards` measures the real latencies. */
    static final long BOUND_MS = 3_000;

    static List<Sample> adversarial() {
        String mb = "a".repeat(1 << 20);
        return List.of(
                Sample.of("p", mb, "1"),
                Sample.of("p", "<think>\n" + mb + "\n</think>\n<answer>\n1\n</answer>", "1"),
                Sample.of("p", "<think>\n" + "x".repeat(200_000) + "\n</think>\n<answer>\n\\boxed{1}\n</answer>", "1"),
                Sample.of("p", "\\boxed{".repeat(100_000) + "1" + "}".repeat(100_000), "1"),
                Sample.of("p", "<think>".repeat(50_000) + "</think>".repeat(50_000), "1"),
                Sample.of("p", "(a|b)".repeat(50_000) + "c", "1"),
                Sample.of("p", "ab".repeat(200_000) + "!", "1"),
                Sample.of("p", "\\boxed{" + "\\frac{1}{".repeat(300) + "2" + "}".repeat(301), "\\frac{1}{2}"),
                Sample.of("p", "\\boxed{" + "9".repeat(1_999) + "}", "9".repeat(1_999)),
                Sample.of("p", "\\boxed{" + "x^{".repeat(400) + "2" + "}".repeat(401), "x"),
                Sample.of("p", "word ".repeat(200_000), "1"),
                Sample.of("p", "Step 1: ".repeat(100_000), "1"),
                Sample.of("p", "<answer>" + "\\sqrt{".repeat(500) + "2" + "}".repeat(500) + "</answer>", "2"));
    }

    @Test
    void shippedRewardsScoreAdversarialCompletionsQuickly() {
        for (String f : new String[] {"../rewards/r1.reward", "../rewards/open-r1.reward"}) {
            CompileResult r = RewardProgram.compile(Path.of(f));
            assertTrue(r.ok(), r.render());
            RewardProgram p = r.orThrow();
            for (Sample s : adversarial()) {
                long t0 = System.nanoTime();
                Score score = p.score(s);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < BOUND_MS, f + ": " + ms + " ms on a " + s.completion().length() + "-char completion: " + score.explanations());
                assertTrue(Double.isFinite(score.total()));
            }
            List<Score> group = p.scoreGroup(adversarial());
            assertTrue(group.stream().allMatch(sc -> Double.isFinite(sc.total())));
        }
    }

    @Test
    void userRegexesRunInLinearTimeOnHostileInput() {
        RewardProgram p = RewardProgram.compile("t", """
                reward bomb = num(completion ~ r"(a|aa)*c")
                reward nested = num(completion ~ r"((a*)*)*b")
                reward counted = count(completion, r"(a|b)*?c")
                reward grp = len(group(completion, r"(a+)+$", 1) ?? "")
                """).orThrow();
        Sample s = Sample.of("", "a".repeat(200_000) + "!", "");
        long t0 = System.nanoTime();
        Score score = p.score(s);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < BOUND_MS, ms + " ms " + score);
        assertTrue(score.values().get("bomb") == 0.0 && score.values().get("nested") == 0.0, score.toString());
    }
}
