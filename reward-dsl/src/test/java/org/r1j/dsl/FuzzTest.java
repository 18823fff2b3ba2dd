package org.r1j.dsl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.r1j.dsl.source.Diagnostic;

/**
 * 10,000+ random and mutated reward sources: compiling must only ever produce diagnostics (never throw), every
 * diagnostic must point inside its source, and whatever compiles must score samples without throwing.
 */
class FuzzTest {
    static final int RANDOM = 4_000;
    static final int MUTATED = 6_500;

    private static final String[] TOKENS = {"reward", "def", "field", "import", "language", "weight", "unknown", "skip",
            "let", "in", "if", "then", "else", "and", "or", "not", "true", "false", "=", "(", ")", "[", "]", ",", ":",
            "+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "~", "!~", "??", "completion", "prompt",
            "reference", "a", "b", "x", "len", "tag", "boxed", "math_equal", "group_max", "cosine", "steps", "0", "1",
            "2.5", "1e3", "\"answer\"", "\"\\n\"", "r\"^<think>.*?</think>\"s", "r\"(a|b)*c\"", "r\"(?=x)\"", "r\"\\1\"",
            "\n", "#c\n", "$", "\"", "😀", "{", "\t"};

    @Test
    void randomAndMutatedSourcesOnlyProduceDiagnostics() throws IOException {
        Random rnd = new Random(20260101);
        List<String> seeds = seeds();
        List<Sample> samples = List.of(Sample.of("p", "<think>Step 1: x</think><answer>\\boxed{1}</answer>", "1"),
                Sample.of("", "", ""), Sample.of("q", "(".repeat(3000), "x"));
        int compiled = 0;
        long t0 = System.nanoTime();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < RANDOM + MUTATED; i++) {
            String src = i < RANDOM ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            CompileResult r;
            try {
                r = RewardProgram.compile("fuzz.reward", src);
            } catch (Throwable e) {
                throw new AssertionError("compile threw on source #" + i + ":\n" + src, e);
            }
            if (r.ok()) {
                compiled++;
                try {
                    RewardProgram p = r.orThrow();
                    p.score(samples.get(i % samples.size()));
                    if (i % 10 == 0) p.scoreGroup(samples);
                } catch (Throwable e) {
                    throw new AssertionError("scoring threw for source #" + i + ":\n" + src, e);
                }
            } else {
                assertFalse(r.errors().isEmpty(), "no program and no error for:\n" + src);
            }
            for (Diagnostic d : r.diagnostics()) {
                if (d.span().start() > src.length() || d.span().end() > src.length()) fail("span outside source: " + d + "\n" + src);
                d.render();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // CPU time is what the fuzzing costs; wall time also counts whatever else the machine runs.
        double cpuSeconds = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        assertTrue(compiled > 300, "too few fuzz sources compiled (" + compiled + "): the mutations are too destructive to test the later stages");
        System.out.printf("fuzz: %d sources, %d compiled, %.1f s wall, %.1f s CPU%n", RANDOM + MUTATED, compiled, seconds, cpuSeconds);
        assertTrue(cpuSeconds < 40, "fuzzing took " + cpuSeconds + " s of CPU");
    }

    private static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (String f : new String[] {"../rewards/r1.reward", "../rewards/open-r1.reward"}) {
            Path p = Path.of(f);
            if (!Files.exists(p)) continue;
            // Comments stripped (they only make each mutated source slower to lex), and the file cut into its
            // paragraphs too: small sources mutate into more distinct errors per millisecond.
            String text = Files.readString(p).replaceAll("(?m)^#.*\n", "");
            seeds.add(text);
            for (String para : text.split("\\n\\s*\\n")) if (!para.isBlank()) seeds.add(para + "\n");
        }
        seeds.add("""
                field d: number
                def n = len(completion)
                reward a weight 0.5 unknown 0 = let x = boxed(completion) ?? "0" in num(math_equal(x, reference))
                reward b = if n > 10 and not (completion ~ r"\\d+") then clip(n / 100, 0, 1) else -1
                reward c = group_mean(n) - n + d * count(completion, r"[a-z]+") + max(1, 2, a)
                reward e = num(find(completion, r"x(y)") == "xy" or len([1, 2]) == 2)
                """);
        return seeds;
    }

    private static String random(Random rnd) {
        StringBuilder sb = new StringBuilder("reward r = ");
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) sb.append(TOKENS[rnd.nextInt(TOKENS.length)]).append(rnd.nextBoolean() ? " " : "");
        return sb.toString();
    }

    private static String mutate(String seed, Random rnd) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 2 -> sb.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                case 3 -> sb.delete(at, Math.min(sb.length(), at + rnd.nextInt(20)));
                default -> {
                    int from = rnd.nextInt(sb.length());
                    int len = Math.min(rnd.nextInt(30), sb.length() - from);
                    sb.insert(at, sb.substring(from, from + len));
                }
            }
        }
        return sb.toString();
    }
}
