package org.r1j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./r1j demo --quick`: clean cold start, pass@1 on held-out problems, 900 GRPO steps with rewards/r1.reward, pass@1 again —
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
        assertTrue(after >= before + 10, "GRPO should improve held-out pass@1 by 10 points or more: " + before + "% -> " + after + "%");

        String header = Files.readString(out.resolve("grpo/metrics.csv")).lines().findFirst().orElseThrow();
        for (String col : new String[] {"reward", "reward_std", "rewards/accuracy/mean", "rewards/format/std", "kl", "entropy",
                "clip_ratio/region_mean", "completions/mean_length", "num_tokens", "learning_rate", "grad_norm", "loss",
                "time/generate", "time/reward", "time/logprobs", "time/backward", "time/optimizer"}) {
            assertTrue(header.contains(col), "metrics.csv lacks " + col + ": " + header);
        }
        String report = Files.readString(out.resolve("grpo/report.html"));
        assertTrue(report.contains("Plotly.newPlot") && report.contains("pass@1 before"), "report.html lacks charts or the summary");
        assertTrue(report.contains("held-out pass@1 during GRPO"), "report.html lacks the held-out pass@1 curve");
        // the curve: the cold start at step 0, every 150 GRPO steps, the final model at 900; its ends are the printed ones
        List<String> curve = Files.readAllLines(out.resolve("grpo/eval.csv"));
        assertEquals("step,pass@1,cons@k,greedy", curve.get(0));
        assertEquals(List.of("0", "150", "300", "450", "600", "750", "900"),
                curve.stream().skip(1).map(l -> l.split(",")[0]).toList(), "curve steps");
        assertEquals(before, 100 * Double.parseDouble(curve.get(1).split(",")[1]), 0.051, "curve starts at the cold start");
        assertEquals(after, 100 * Double.parseDouble(curve.get(curve.size() - 1).split(",")[1]), 0.051, "curve ends at the final model");
        assertTrue(r.stdout().contains(out.resolve("grpo/report.html").toString()), "the demo says where the report is");

        // the trained model is a Hugging Face-layout directory that the other commands take as it is
        Path model = out.resolve("grpo/model");
        for (String f : new String[] {"config.json", "tokenizer.json", "model.safetensors"}) {
            assertTrue(Files.isRegularFile(model.resolve(f)), model + " lacks " + f);
        }
        assertTrue(Files.isRegularFile(out.resolve("sft/model/model.safetensors")), "the cold-start model is saved too");
        R1jCli.Result g = R1jCli.run(300, Map.of(), "generate", "--model", model.toString(), "--prompt", "12+34\n",
                "--stop", "</answer>", "--max-new-tokens", "40", "--temperature", "0.6", "--n", "4", "--seed", "3");
        assertEquals(0, g.exitCode(), g.all());
        assertTrue(g.stdout().contains("<think>") && g.stdout().contains("</answer>"),
                "the GRPO model answers in the R1 format:\n" + g.stdout());
    }
}
