package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./r1j demo --quick`: cold start, pass@1 on held-out problems, GRPO with rewards/r1.reward, pass@1 again —
 * the held-out pass@1 must improve, and the run records must be there.
 */
class DemoIT {
    private static final Pattern RESULT = Pattern.compile(
            "pass@1 on held-out problems: ([0-9.]+)% -> ([0-9.]+)% \\(([+-][0-9.]+) points\\)");

    @Test
    void quickDemoImprovesHeldOutPassAt1(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        R1jCli.Result r = R1jCli.run(900, Map.of(), "demo", "--quick", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        Matcher m = RESULT.matcher(r.stdout());
        assertTrue(m.find(), "no before -> after line in:\n" + r.all());
        double before = Double.parseDouble(m.group(1));
        double after = Double.parseDouble(m.group(2));
        System.out.println("demo --quick: pass@1 " + before + "% -> " + after + "%");
        assertTrue(before > 0 && before < 80, "the cold-start model should be mediocre, was " + before + "%");
        assertTrue(after >= before + 5, "GRPO should improve held-out pass@1 clearly: " + before + "% -> " + after + "%");

        String header = Files.readString(out.resolve("grpo/metrics.csv")).lines().findFirst().orElseThrow();
        for (String col : new String[] {"reward", "reward_std", "rewards/accuracy/mean", "rewards/format/std", "kl", "entropy",
                "clip_ratio/region_mean", "completions/mean_length", "num_tokens", "learning_rate", "grad_norm", "loss",
                "time/generate", "time/reward", "time/logprobs", "time/backward", "time/optimizer"}) {
            assertTrue(header.contains(col), "metrics.csv lacks " + col + ": " + header);
        }
        String report = Files.readString(out.resolve("grpo/report.html"));
        assertTrue(report.contains("Plotly.newPlot") && report.contains("pass@1 before"), "report.html lacks charts or the summary");
        assertTrue(r.stdout().contains(out.resolve("grpo/report.html").toString()), "the demo says where the report is");
    }
}
