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
        assertEquals(0, new CommandLine(cmd).execute("--seconds", "0.02", "--samples", "20"));
        String out = buf.toString(StandardCharsets.UTF_8);
        for (String r : RewardsBenchCommand.rewards().keySet()) assertTrue(out.contains(r), r + " missing:\n" + out);
        assertTrue(out.contains("≥20000"), out);
        assertTrue(out.contains("math_equal (golden)"), out);
    }

    @Test
    void corpusIsDeterministic() {
        assertEquals(BenchCorpus.completions(5, 1024, 42), BenchCorpus.completions(5, 1024, 42));
        assertTrue(BenchCorpus.completions(1, 1024, 1).get(0).completion().length() >= 900);
    }
}
