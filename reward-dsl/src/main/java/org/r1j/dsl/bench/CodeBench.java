package org.r1j.dsl.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.dsl.sandbox.CodeJudge;
import org.r1j.dsl.sandbox.CodeLanguage;
import org.r1j.dsl.sandbox.Execution;

/**
 * The code reward under load: a batch of completions (a trivial Python program, a third of them wrong) with N
 * stdin/stdout tests each, scored group by group through the reward program as the GRPO trainer's rollout does
 * ({@code scoreGroup} per prompt). Prints sandboxed test executions per second of wall-clock time and the
 * latency of one execution (start-up to verdict), next to the target.
 */
final class CodeBench {
    /** From the issue: a batch of 128 completions × 10 tests must not stall the trainer on a 2-core machine. */
    static final double TARGET_EXECUTIONS_PER_S = 50;

    static final String PROGRAM = """
            field tests: list
            reward code = code_tests(code_block(completion, "python"), tests, "python")
            """;

    private CodeBench() {}

    /**
     * Runs the batch with stdin/stdout tests (the target's measure), then the same with assert tests (each one a
     * program process and a judge process, reported beside it); returns whether the target was met (false, with a
     * line saying why, when Python is absent).
     */
    static boolean run(PrintStream out, int completions, int tests, int groupSize) {
        if (CodeLanguage.PYTHON.interpreter().isEmpty()) {
            out.println("code_tests: skipped — no /usr/bin/python3 (apt-get install python3)");
            return false;
        }
        var judge = CodeJudge.shared();
        out.printf(Locale.ROOT, "code_tests: %d completions × %d tests (groups of %d, scored group by group like the rollout), %d workers, %s%n",
                completions, tests, groupSize, judge.sandbox().limits().workers(), judge.sandbox().isolation().note());
        out.printf(Locale.ROOT, "%-20s %10s %8s %9s %9s %9s %8s  %s%n", "", "exec/s", "target", "p50 ms", "p99 ms", "max ms", "batch s", "verdict");
        boolean ok = batch(out, "code_tests (python)", completions, tests, groupSize, false);
        batch(out, "  assert tests", completions, tests, groupSize, true);
        return ok;
    }

    private static boolean batch(PrintStream out, String label, int completions, int tests, int groupSize, boolean asserts) {
        RewardProgram p = RewardProgram.compile("code bench", PROGRAM).orThrow();
        List<List<Sample>> groups = new ArrayList<>();
        for (int i = 0; i < completions; i += groupSize) {
            List<Sample> g = new ArrayList<>();
            for (int k = i; k < Math.min(completions, i + groupSize); k++) g.add(asserts ? assertSample(k, tests) : sample(k, tests));
            groups.add(g);
        }
        var judge = CodeJudge.shared();
        // one untimed group first: class loading, the isolation probe, the page cache of python3
        p.scoreGroup(groups.get(0));
        Latencies lat = new Latencies();
        int[] failedRuns = {0};
        judge.sandbox().observe(e -> {
            synchronized (lat) {
                lat.add(e.wallMillis() * 1_000_000L);
                if (e.status() != Execution.Status.EXITED) failedRuns[0]++;
            }
        });
        long t0 = System.nanoTime();
        int passed = 0;
        int expected = 0;
        try {
            for (List<Sample> g : groups) {
                List<Score> scores = p.scoreGroup(g);
                for (int k = 0; k < g.size(); k++) {
                    boolean right = (boolean) g.get(k).fields().get("right");
                    double v = scores.get(k).values().get("code");
                    if (v == (right ? 1.0 : 0.0)) passed++;
                    expected++;
                }
            }
        } finally {
            judge.sandbox().observe(null);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = lat.count() / seconds;
        boolean fast = asserts || rate >= TARGET_EXECUTIONS_PER_S;
        boolean ok = fast && passed == expected && failedRuns[0] == 0;
        out.printf(Locale.ROOT, "%-20s %10.1f %8s %9.1f %9.1f %9.1f %8.1f  %s%n", label, rate,
                asserts ? "-" : "≥" + (int) TARGET_EXECUTIONS_PER_S, lat.quantileMs(0.5), lat.quantileMs(0.99), lat.maxMs(), seconds,
                (fast ? "ok" : "SLOW") + (passed == expected ? "" : " WRONG " + (expected - passed) + " verdicts")
                        + (failedRuns[0] == 0 ? "" : " " + failedRuns[0] + " runs did not exit normally"));
        out.printf(Locale.ROOT, "  %d executions, %d/%d completions scored as expected (right ones 1, wrong ones 0)%n", lat.count(), passed, expected);
        return ok;
    }

    /** Completion k as a function {@code add(a, b)} checked by assert tests; every third one subtracts (scores 0). */
    static Sample assertSample(int k, int tests) {
        boolean right = k % 3 != 0;
        String code = "def add(a, b):\n    return a " + (right ? "+" : "-") + " b\n";
        String completion = "<think>\nAdd the two numbers.\n</think>\n```python\n" + code + "```\n";
        List<Object> ts = new ArrayList<>();
        for (int t = 0; t < tests; t++) {
            int a = 3 + 7 * t + k;
            int b = 1 + 5 * t;
            ts.add("assert add(" + a + ", " + b + ") == " + (a + b));
        }
        return new Sample("add " + k, completion, "", Map.of("tests", ts, "right", right), -1);
    }

    /** Completion k: a fenced Python answer adding two numbers; every third one subtracts instead (scores 0). */
    static Sample sample(int k, int tests) {
        boolean right = k % 3 != 0;
        String code = "a, b = map(int, input().split())\nprint(a " + (right ? "+" : "-") + " b)\n";
        String completion = "<think>\nAdd the two numbers.\n</think>\n```python\n" + code + "```\n";
        List<Object> ts = new ArrayList<>();
        for (int t = 0; t < tests; t++) {
            int a = 3 + 7 * t + k;
            int b = 1 + 5 * t;
            ts.add(Map.of("input", a + " " + b + "\n", "output", Integer.toString(a + b)));
        }
        return new Sample("add " + k, completion, "", Map.of("tests", ts, "right", right), -1);
    }
}
