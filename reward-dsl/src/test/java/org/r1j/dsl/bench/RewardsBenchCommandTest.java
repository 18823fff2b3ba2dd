package org.r1j.dsl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RewardsBenchCommandTest {
    @Test
    void printsARowPerRewardWithTargets() {
        RewardsBenchCommand cmd = new RewardsBenchCommand();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        cmd.out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertEquals(0, new CommandLine(cmd).execute("--seconds", "0.02", "--samples", "20", "--code-completions", "0"));
        String out = buf.toString(StandardCharsets.UTF_8);
        for (String r : RewardsBenchCommand.rewards().keySet()) assertTrue(out.contains(r), r + " missing:\n" + out);
        assertTrue(out.contains("≥20000"), out);
        assertTrue(out.contains("math_equal (golden)"), out);
    }

    @Test
    void codeBatchPrintsRateLatenciesAndVerdicts() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.r1j.dsl.sandbox.CodeLanguage.PYTHON.interpreter().isPresent()
                || "1".equals(System.getenv("R1J_REQUIRE_EXTERNAL")), "no /usr/bin/python3: code bench not run");
        RewardsBenchCommand cmd = new RewardsBenchCommand();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        cmd.out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertEquals(0, new CommandLine(cmd).execute("--code-only", "--code-completions", "6", "--code-tests", "2"));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("code_tests (python)") && out.contains("≥50"), out);
        // 2 of 3 completions are right (score 1), every third is wrong (score 0): all 6 verdicts as expected
        assertTrue(out.contains("12 executions, 6/6 completions scored as expected"), out);
        assertTrue(out.contains("  assert tests") && out.split("12 executions, 6/6 completions scored as expected").length == 3,
                "the assert-test batch too: " + out);
    }

    @Test
    void corpusIsDeterministic() {
        assertEquals(BenchCorpus.completions(5, 1024, 42), BenchCorpus.completions(5, 1024, 42));
        assertTrue(BenchCorpus.completions(1, 1024, 1).get(0).completion().length() >= 900);
    }
}
